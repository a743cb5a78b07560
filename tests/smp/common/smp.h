/* Shared helpers of the memvp SMP tests: the hart count a program was built for, AMO-based
 * spinlock and barrier, LR/SC increment, bounded waits and each hart's msip register; result
 * lines and traps come from the guest-test runtime (tests/support/guest). Any hart may call
 * these; only hart 0 prints (tp is set on hart 0 alone, and output must not depend on
 * interleaving). */
#pragma once
#include <stdint.h>
#include <stdio.h>

#include "guest_check.h"
#include "guest_trap.h"
#include "memvp/platform.h"
#include "memvp/rt.h"

#ifndef SMP_NHARTS
#error "build with -DSMP_NHARTS=<number of harts>"
#endif
#if SMP_NHARTS < 2 || SMP_NHARTS > RT_MAX_HARTS
#error "SMP_NHARTS must be 2..RT_MAX_HARTS"
#endif

/* ---- single instructions (unprivileged spec, chapter 14 "A") ---------------------- */
static inline uint32_t smp_amoadd_w(volatile uint32_t *p, uint32_t v)
{
  uint32_t old;
  __asm__ volatile("amoadd.w.aqrl %0, %2, %1" : "=r"(old), "+A"(*p) : "r"(v) : "memory");
  return old;
}

static inline uint64_t smp_amoadd_d(volatile uint64_t *p, uint64_t v)
{
  uint64_t old;
  __asm__ volatile("amoadd.d.aqrl %0, %2, %1" : "=r"(old), "+A"(*p) : "r"(v) : "memory");
  return old;
}

static inline uint32_t smp_load_w(const volatile uint32_t *p)
{
  uint32_t v = *p;
  __asm__ volatile("fence r, rw" ::: "memory");
  return v;
}

static inline uint64_t smp_load_d(const volatile uint64_t *p)
{
  uint64_t v = *p;
  __asm__ volatile("fence r, rw" ::: "memory");
  return v;
}

static inline void smp_store_w(volatile uint32_t *p, uint32_t v)
{
  __asm__ volatile("fence rw, w" ::: "memory");
  *p = v;
}

/* Adds 1 with an LR/SC loop that is constrained per §14.3 (only base integer instructions
 * and a short forward path between LR and SC), so it eventually succeeds. Returns the
 * number of failed SCs it took. */
static inline uint64_t smp_lrsc_inc_d(volatile uint64_t *p)
{
  uint64_t fails = 0, v, rc;
  __asm__ volatile(
      "1: lr.d.aq  %1, %3\n"
      "   addi     %1, %1, 1\n"
      "   sc.d.rl  %2, %1, %3\n"
      "   beqz     %2, 2f\n"
      "   addi     %0, %0, 1\n"
      "   j        1b\n"
      "2:\n"
      : "+r"(fails), "=&r"(v), "=&r"(rc), "+A"(*p)
      :
      : "memory");
  return fails;
}

/* ---- spinlock and barrier ------------------------------------------------------------ */
struct smp_lock {
  volatile uint32_t held;
};

/* Test-and-test-and-set with AMOSWAP.W.AQ; unlock releases with AMOSWAP.W.RL (§14.4 shows
 * this acquire/release pairing as the critical-section idiom). */
void smp_lock(struct smp_lock *l);
void smp_unlock(struct smp_lock *l);

/* Reusable counting barrier for n harts: the last arrival resets the count and then
 * advances the generation the others wait on. */
struct smp_barrier {
  volatile uint32_t count;
  volatile uint32_t generation;
};
void smp_barrier_wait(struct smp_barrier *b, uint32_t n);

/* Spins until *p >= want (32-bit, read with acquire ordering); fails the test with `what`
 * after a bound far beyond what any correct run needs. */
void smp_wait_at_least(const volatile uint32_t *p, uint32_t want, const char *what);

/* Deterministic per-hart pseudo-random numbers (xorshift64). */
static inline uint64_t smp_rand(uint64_t *state)
{
  uint64_t x = *state;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  *state = x;
  return x;
}

/* Busy-waits about n iterations. */
static inline void smp_delay(uint64_t n)
{
  for (uint64_t i = 0; i < n; i++)
    __asm__ volatile("nop");
}

/* ---- interrupts ----------------------------------------------------------------------
 * A hart that takes interrupts calls guest_trap_init() and sets mie; the handler registered
 * with guest_on_interrupt(PRV_M, ...) runs on that hart's own trap stack. */

/* Hart `hart`'s msip register. QEMU virt has one CLINT, or with -numa one per node ("socket")
 * at 0x0200_0000 + node * 0x1_0000 serving that node's harts (msip at 4 * (hart - first hart
 * of the node)); memvp's NUMA platforms do the same. The CLINTs are read from the DTB (every
 * clint@ node: its reg and, from interrupts-extended, how many harts it serves), in address
 * order, each serving the next harts in id order. */
volatile uint32_t *smp_msip(uint64_t hart);
