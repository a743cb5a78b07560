/* Helpers of the memvp ISA tests on top of the guest-test runtime (tests/support/guest: check
 * groups, trap records, privilege switching): one-instruction wrappers around inline
 * assembly, the instruction bits at a PC, and probing the mode the caller runs in. */
#pragma once
#include <stdint.h>
#include <stdio.h>

#include "guest_check.h"
#include "guest_trap.h"
#include "memvp/platform.h"
#include "memvp/rt.h"

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

/* The privilege mode the caller runs in, found by probing CSRs (traps are armed briefly). */
uint64_t isa_current_mode(void);

/* The instruction bits at pc, read in 16-bit parcels: with C, code is only 2-byte aligned
 * and memvp traps misaligned loads. */
static inline uint64_t insn_bits_at(uint64_t pc)
{
  volatile uint16_t *p = (volatile uint16_t *)pc;
  return insn_len_at(pc) == 4 ? ((uint64_t)p[1] << 16) | p[0] : p[0];
}
