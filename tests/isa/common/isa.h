/* Shared helpers of the memvp ISA tests: check groups that print "<group>: ok" or the
 * failing case (then exit with a nonzero code through the finisher), one-instruction
 * wrappers around inline assembly, trap records and privilege-mode switching. */
#pragma once
#include <stdint.h>
#include <stdio.h>

#include "memvp/platform.h"
#include "memvp/rt.h"

/* ---- check groups ---------------------------------------------------------------- */
void isa_group(const char *name);                 /* starts a group of checks */
void isa_group_ok(void);                          /* prints "<group>: ok" */
void isa_check_at(int line, const char *what, uint64_t got, uint64_t expected);
__attribute__((noreturn)) void isa_fail(int line, const char *what);
int isa_pass(void);                               /* prints PASS; returns 0 for main */

#define CHECK(expr, expected) isa_check_at(__LINE__, #expr, (uint64_t)(expr), (uint64_t)(expected))
#define CHECK_TRUE(cond) ((cond) ? (void)0 : isa_fail(__LINE__, #cond))

/* ---- one instruction --------------------------------------------------------------
 * Base-ISA tests assemble with norvc so that the 32-bit encodings are what runs (the
 * assembler would otherwise compress eligible instructions); compressed tests name the
 * c.* mnemonics explicitly. */
#define ISA_NORVC ".option push\n.option norvc\n"
#define ISA_POP ".option pop\n"

#define RR(op, a, b) ({ uint64_t r_; __asm__ volatile(ISA_NORVC #op " %0, %1, %2\n" ISA_POP \
    : "=r"(r_) : "r"((uint64_t)(a)), "r"((uint64_t)(b))); r_; })
#define RI(op, a, imm) ({ uint64_t r_; __asm__ volatile(ISA_NORVC #op " %0, %1, %2\n" ISA_POP \
    : "=r"(r_) : "r"((uint64_t)(a)), "i"(imm)); r_; })
#define CSRR(csr) ({ uint64_t r_; __asm__ volatile("csrr %0, " #csr : "=r"(r_)); r_; })
#define CSRW(csr, v) __asm__ volatile("csrw " #csr ", %0" :: "r"((uint64_t)(v)) : "memory")
#define CSRS(csr, v) __asm__ volatile("csrs " #csr ", %0" :: "r"((uint64_t)(v)) : "memory")
#define CSRC(csr, v) __asm__ volatile("csrc " #csr ", %0" :: "r"((uint64_t)(v)) : "memory")

/* ---- privileged architecture constants (priv. spec 1.12 §3.1) --------------------- */
#define PRV_U 0
#define PRV_S 1
#define PRV_M 3

#define MSTATUS_SIE   (1ull << 1)
#define MSTATUS_MIE   (1ull << 3)
#define MSTATUS_SPIE  (1ull << 5)
#define MSTATUS_MPIE  (1ull << 7)
#define MSTATUS_SPP   (1ull << 8)
#define MSTATUS_MPP   (3ull << 11)
#define MSTATUS_MPRV  (1ull << 17)
#define MSTATUS_SUM   (1ull << 18)
#define MSTATUS_MXR   (1ull << 19)
#define MSTATUS_TVM   (1ull << 20)
#define MSTATUS_TW    (1ull << 21)
#define MSTATUS_TSR   (1ull << 22)

#define CAUSE_INTERRUPT       (1ull << 63)
#define CAUSE_MISALIGNED_LOAD 4
#define CAUSE_MISALIGNED_STORE 6
#define CAUSE_ILLEGAL         2
#define CAUSE_BREAKPOINT      3
#define CAUSE_ECALL_U         8
#define CAUSE_ECALL_S         9
#define CAUSE_ECALL_M         11
#define IRQ_S_SOFT  1
#define IRQ_M_SOFT  3
#define IRQ_S_TIMER 5
#define IRQ_M_TIMER 7

/* ---- traps --------------------------------------------------------------------------
 * isa_mtrap_entry (installed as mtvec by isa_init) and isa_strap_entry (stvec) record every
 * synchronous exception and resume after the faulting instruction, if the test armed the
 * record; an exception nobody armed for ends the test (exit 3). An ECALL with
 * a7 == ISA_ECALL_LEAVE returns from isa_enter_mode / isa_s_enter_user instead, and one
 * with a7 == ISA_ECALL_RAISE continues after the ECALL in the handler's mode.
 * Interrupts call the record's handler, which must clear the source. */
#define ISA_ECALL_LEAVE 0x1eaf
#define ISA_ECALL_RAISE 0x1eb0
/* Back to the mode of the handler that takes the ECALL (M unless delegated), same thread. */
#define ISA_RAISE() __asm__ volatile("li a7, 0x1eb0\n ecall" ::: "a7", "memory")

struct isa_trap {
  uint64_t armed;      /* nonzero: record and skip exceptions */
  uint64_t count;      /* exceptions recorded since the last isa_arm */
  uint64_t cause, epc, tval, prev_priv;
  uint64_t status;     /* xstatus right after the trap was taken */
  void (*on_interrupt)(uint64_t cause);
};
extern volatile struct isa_trap isa_mtrap, isa_strap;

void isa_init(void);               /* mtvec, trap stacks, PMP already open from crt0 */
void isa_arm(volatile struct isa_trap *t);
void isa_disarm(volatile struct isa_trap *t);

/* Runs fn(arg) in mode (PRV_U/S/M) from M-mode through MRET; fn's return value comes back. */
uint64_t isa_enter_mode(uint64_t mode, uint64_t (*fn)(uint64_t), uint64_t arg);
/* From S-mode: runs fn(arg) in U-mode through SRET; needs ECALL from U delegated (medeleg[8]). */
uint64_t isa_s_enter_user(uint64_t (*fn)(uint64_t), uint64_t arg);
/* The privilege mode the caller runs in, found by probing CSRs (traps are armed briefly). */
uint64_t isa_current_mode(void);

/* Address of the vectored table used by the interrupt tests (mtvec = table | 1). */
extern char isa_mvec_table[];
/* The vectored slot the last interrupt came through, -1 when it came through base. */
extern volatile int64_t isa_vector_slot;

static inline uint64_t insn_len_at(uint64_t pc)
{
  return ((*(volatile uint16_t *)pc) & 3) == 3 ? 4 : 2;
}

/* The instruction bits at pc, read in 16-bit parcels: with C, code is only 2-byte aligned
 * and memvp traps misaligned loads. */
static inline uint64_t insn_bits_at(uint64_t pc)
{
  volatile uint16_t *p = (volatile uint16_t *)pc;
  return insn_len_at(pc) == 4 ? ((uint64_t)p[1] << 16) | p[0] : p[0];
}
