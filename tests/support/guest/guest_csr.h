/* The privileged-architecture vocabulary of the bare-metal guest tests: privilege levels,
 * mstatus bits, exception and interrupt causes (priv. spec 20260120 §3.1.6, §3.1.15 Table 16),
 * CSR access macros and the length of the instruction at a PC. */
#pragma once
#include <stdint.h>

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
#define MIP_MSIP (1u << IRQ_M_SOFT)

#define CSRR(csr) ({ uint64_t r_; __asm__ volatile("csrr %0, " #csr : "=r"(r_)); r_; })
#define CSRW(csr, v) __asm__ volatile("csrw " #csr ", %0" :: "r"((uint64_t)(v)) : "memory")
#define CSRS(csr, v) __asm__ volatile("csrs " #csr ", %0" :: "r"((uint64_t)(v)) : "memory")
#define CSRC(csr, v) __asm__ volatile("csrc " #csr ", %0" :: "r"((uint64_t)(v)) : "memory")

/* 4 for a 32-bit instruction, 2 for a compressed one (unpriv. spec §1.5: the low two bits). */
static inline uint64_t insn_len_at(uint64_t pc)
{
  return ((*(volatile uint16_t *)pc) & 3) == 3 ? 4 : 2;
}
