/* __switch_to(prev, next) (Linux arch/riscv/kernel/entry.S): save prev's callee-saved
 * registers, ra and sp in prev->thread, load next's, and return prev in a0 on next's stack;
 * tp becomes next (current). */
#include "asm/ptrace.h"

#define THREAD_REG(n) (TASK_THREAD + (n) * 8)

    .text
    .globl __switch_to
__switch_to:
    sd ra, THREAD_REG(0)(a0)
    sd sp, THREAD_REG(1)(a0)
    sd s0, THREAD_REG(2)(a0)
    sd s1, THREAD_REG(3)(a0)
    sd s2, THREAD_REG(4)(a0)
    sd s3, THREAD_REG(5)(a0)
    sd s4, THREAD_REG(6)(a0)
    sd s5, THREAD_REG(7)(a0)
    sd s6, THREAD_REG(8)(a0)
    sd s7, THREAD_REG(9)(a0)
    sd s8, THREAD_REG(10)(a0)
    sd s9, THREAD_REG(11)(a0)
    sd s10, THREAD_REG(12)(a0)
    sd s11, THREAD_REG(13)(a0)
    ld ra, THREAD_REG(0)(a1)
    ld sp, THREAD_REG(1)(a1)
    ld s0, THREAD_REG(2)(a1)
    ld s1, THREAD_REG(3)(a1)
    ld s2, THREAD_REG(4)(a1)
    ld s3, THREAD_REG(5)(a1)
    ld s4, THREAD_REG(6)(a1)
    ld s5, THREAD_REG(7)(a1)
    ld s6, THREAD_REG(8)(a1)
    ld s7, THREAD_REG(9)(a1)
    ld s8, THREAD_REG(10)(a1)
    ld s9, THREAD_REG(11)(a1)
    ld s10, THREAD_REG(12)(a1)
    ld s11, THREAD_REG(13)(a1)
    mv tp, a1
    ret
