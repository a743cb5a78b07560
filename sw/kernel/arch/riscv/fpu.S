/* Saving and restoring a task's F/D state (Linux arch/riscv/kernel/fpu.S): f0-f31 and fcsr
 * to and from struct d_ext_state (a0). The kernel runs with sstatus.FS = Off, so each routine turns
 * FS on for its own accesses (§3.1.6.6) and puts sstatus back as it found it. The kernel is
 * built for RV64IMAC; only these routines use F/D instructions. */
#include "asm/csr.h"

#define FREG(n) ((n) * 8)
#define FCSR_OFFSET (32 * 8)

    .option push
    .option arch, +d
    .text
    .globl __fstate_save
__fstate_save:
    li t0, SR_FS
    csrrs t1, sstatus, t0
    fsd f0, FREG(0)(a0)
    fsd f1, FREG(1)(a0)
    fsd f2, FREG(2)(a0)
    fsd f3, FREG(3)(a0)
    fsd f4, FREG(4)(a0)
    fsd f5, FREG(5)(a0)
    fsd f6, FREG(6)(a0)
    fsd f7, FREG(7)(a0)
    fsd f8, FREG(8)(a0)
    fsd f9, FREG(9)(a0)
    fsd f10, FREG(10)(a0)
    fsd f11, FREG(11)(a0)
    fsd f12, FREG(12)(a0)
    fsd f13, FREG(13)(a0)
    fsd f14, FREG(14)(a0)
    fsd f15, FREG(15)(a0)
    fsd f16, FREG(16)(a0)
    fsd f17, FREG(17)(a0)
    fsd f18, FREG(18)(a0)
    fsd f19, FREG(19)(a0)
    fsd f20, FREG(20)(a0)
    fsd f21, FREG(21)(a0)
    fsd f22, FREG(22)(a0)
    fsd f23, FREG(23)(a0)
    fsd f24, FREG(24)(a0)
    fsd f25, FREG(25)(a0)
    fsd f26, FREG(26)(a0)
    fsd f27, FREG(27)(a0)
    fsd f28, FREG(28)(a0)
    fsd f29, FREG(29)(a0)
    fsd f30, FREG(30)(a0)
    fsd f31, FREG(31)(a0)
    frcsr t0
    sw t0, FCSR_OFFSET(a0)
    csrw sstatus, t1
    ret

    .globl __fstate_restore
__fstate_restore:
    li t0, SR_FS
    csrrs t1, sstatus, t0
    fld f0, FREG(0)(a0)
    fld f1, FREG(1)(a0)
    fld f2, FREG(2)(a0)
    fld f3, FREG(3)(a0)
    fld f4, FREG(4)(a0)
    fld f5, FREG(5)(a0)
    fld f6, FREG(6)(a0)
    fld f7, FREG(7)(a0)
    fld f8, FREG(8)(a0)
    fld f9, FREG(9)(a0)
    fld f10, FREG(10)(a0)
    fld f11, FREG(11)(a0)
    fld f12, FREG(12)(a0)
    fld f13, FREG(13)(a0)
    fld f14, FREG(14)(a0)
    fld f15, FREG(15)(a0)
    fld f16, FREG(16)(a0)
    fld f17, FREG(17)(a0)
    fld f18, FREG(18)(a0)
    fld f19, FREG(19)(a0)
    fld f20, FREG(20)(a0)
    fld f21, FREG(21)(a0)
    fld f22, FREG(22)(a0)
    fld f23, FREG(23)(a0)
    fld f24, FREG(24)(a0)
    fld f25, FREG(25)(a0)
    fld f26, FREG(26)(a0)
    fld f27, FREG(27)(a0)
    fld f28, FREG(28)(a0)
    fld f29, FREG(29)(a0)
    fld f30, FREG(30)(a0)
    fld f31, FREG(31)(a0)
    lw t0, FCSR_OFFSET(a0)
    fscsr t0
    csrw sstatus, t1
    ret
    .option pop
