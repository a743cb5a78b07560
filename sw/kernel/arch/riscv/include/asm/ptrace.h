/* struct pt_regs in Linux's RISC-V layout (arch/riscv/include/asm/ptrace.h): epc in x0's slot,
 * then x1..x31, status, badaddr, cause, orig_a0. entry.S saves and restores it; offsets for
 * assembly are PT_* (register n at n * 8). */
#pragma once

#define PT_EPC 0
#define PT_RA 8
#define PT_SP 16
#define PT_GP 24
#define PT_TP 32
#define PT_A0 80
#define PT_STATUS 256
#define PT_BADADDR 264
#define PT_CAUSE 272
#define PT_ORIG_A0 280
#define PT_SIZE 288

/* thread_info is the first member of task_struct (Linux THREAD_INFO_IN_TASK). */
#define TASK_TI_FLAGS 0
#define TASK_TI_KERNEL_SP 16
#define TASK_TI_USER_SP 24
#define TASK_TI_CPU 32
#define TASK_THREAD 64 /* struct thread_struct: ra, sp, s0..s11 */

#ifndef __ASSEMBLY__
#include <stddef.h>

struct pt_regs {
    unsigned long epc, ra, sp, gp, tp, t0, t1, t2, s0, s1;
    unsigned long a0, a1, a2, a3, a4, a5, a6, a7;
    unsigned long s2, s3, s4, s5, s6, s7, s8, s9, s10, s11;
    unsigned long t3, t4, t5, t6;
    unsigned long status, badaddr, cause, orig_a0;
};
static_assert(sizeof(pt_regs) == PT_SIZE);
static_assert(offsetof(pt_regs, a0) == PT_A0 && offsetof(pt_regs, status) == PT_STATUS);

// A user task's f0-f31 and fcsr (Linux struct __riscv_d_ext_state), saved by fpu.S.
struct d_ext_state {
    unsigned long long f[32];
    unsigned int fcsr;
};

inline bool user_mode(const pt_regs* regs) { return !(regs->status & (1UL << 8)); /* SPP */ }
#endif
