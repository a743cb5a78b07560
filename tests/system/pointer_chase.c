/* The pointer chase of the latency tests (see pointer_chase.h): Sattolo's algorithm turns the
 * identity into a uniformly random cyclic permutation in place, and the chase times one pass
 * with mcycle (cycles) and, around it, mtime (ns at the CLINT's 10 MHz timebase). */
#include "pointer_chase.h"

#include <stdio.h>

#include "memvp/platform.h"
#include "memvp/rt.h"

#define LINE 64
#define LINES (CHASE_BYTES / LINE)

struct line {
  struct line *next;
  uint64_t pad[LINE / 8 - 1];
};

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t rand64(void)
{
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

static inline uint64_t mcycle(void)
{
  uint64_t c;
  __asm__ volatile("csrr %0, mcycle" : "=r"(c)::"memory");
  return c;
}

static inline uint64_t mtime(void)
{
  return *(volatile uint64_t *)CLINT_MTIME;
}

void chase_build(uintptr_t base)
{
  struct line *buf = (struct line *)base;
  for (uint64_t i = 0; i < LINES; i++)
    buf[i].next = &buf[i];
  for (uint64_t i = LINES - 1; i > 0; i--) {
    uint64_t j = rand64() % i;
    struct line *t = buf[i].next;
    buf[i].next = buf[j].next;
    buf[j].next = t;
  }
}

/* Every load's address is the previous load's result. */
struct chase_latency chase_measure(uintptr_t base)
{
  struct line *buf = (struct line *)base;
  struct line *p = buf;
  uint64_t t0 = mtime();
  uint64_t start = mcycle();
  for (uint64_t i = 0; i < LINES; i++)
    p = p->next;
  uint64_t end = mcycle();
  uint64_t t1 = mtime();
  if (p != buf) {
    printf("chain: FAIL not one cycle\n");
    rt_exit(1);
  }
  const uint64_t ns_per_tick = 1000000000ull / CLINT_HZ;
  struct chase_latency l = {(end - start) / LINES, ((t1 - t0) * ns_per_tick + LINES / 2) / LINES};
  return l;
}
