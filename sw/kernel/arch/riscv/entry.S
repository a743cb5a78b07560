/* S-mode trap entry and return (Linux arch/riscv/kernel/entry.S conventions): sscratch
 * (§12.1.6) holds current while the hart runs U-mode and 0 in S-mode, so after swapping it with tp a non-zero
 * tp means "came from U" and tp is current either way. The trap frame (struct pt_regs) goes on
 * the task's kernel stack; do_trap (traps.cpp) handles it; ret_from_exception restores it. */
#include "asm/csr.h"
#include "asm/ptrace.h"

    .text
    .align 2
    .globl handle_exception
handle_exception:
    csrrw tp, sscratch, tp
    bnez tp, .Lsave_context
    /* From S-mode: tp was 0 after the swap; the kernel's tp is in sscratch. Stay on this stack. */
    csrr tp, sscratch
    sd sp, TASK_TI_KERNEL_SP(tp)
.Lsave_context:
    sd sp, TASK_TI_USER_SP(tp)
    ld sp, TASK_TI_KERNEL_SP(tp)
    addi sp, sp, -PT_SIZE
    sd x1, 8(sp)
    sd x3, 24(sp)
    sd x5, 40(sp)
    sd x6, 48(sp)
    sd x7, 56(sp)
    sd x8, 64(sp)
    sd x9, 72(sp)
    sd x10, 80(sp)
    sd x11, 88(sp)
    sd x12, 96(sp)
    sd x13, 104(sp)
    sd x14, 112(sp)
    sd x15, 120(sp)
    sd x16, 128(sp)
    sd x17, 136(sp)
    sd x18, 144(sp)
    sd x19, 152(sp)
    sd x20, 160(sp)
    sd x21, 168(sp)
    sd x22, 176(sp)
    sd x23, 184(sp)
    sd x24, 192(sp)
    sd x25, 200(sp)
    sd x26, 208(sp)
    sd x27, 216(sp)
    sd x28, 224(sp)
    sd x29, 232(sp)
    sd x30, 240(sp)
    sd x31, 248(sp)
    /* Clear SUM so stray kernel accesses to user memory fault, and FS so kernel code cannot
     * touch the user's f registers (an F/D instruction traps); both as Linux does. The saved
     * status keeps the user's FS (Dirty if it wrote them). */
    li t0, SR_SUM | SR_FS
    csrrc s1, sstatus, t0
    ld s0, TASK_TI_USER_SP(tp)
    csrr s2, sepc
    csrr s3, stval
    csrr s4, scause
    csrr s5, sscratch
    sd s0, PT_SP(sp)
    sd s1, PT_STATUS(sp)
    sd s2, PT_EPC(sp)
    sd s3, PT_BADADDR(sp)
    sd s4, PT_CAUSE(sp)
    sd s5, PT_TP(sp)
    sd a0, PT_ORIG_A0(sp)
    csrw sscratch, zero
    mv a0, sp
    call do_trap

    .globl ret_from_exception
ret_from_exception:
    ld s0, PT_STATUS(sp)
    andi s0, s0, SR_SPP
    bnez s0, .Lrestore_all
    /* Back to U-mode (sret with sstatus.SPP = 0, §12.1.1): the next trap starts from an
     * empty kernel stack, and sscratch = current. */
    addi s0, sp, PT_SIZE
    sd s0, TASK_TI_KERNEL_SP(tp)
    csrw sscratch, tp
.Lrestore_all:
    ld a0, PT_STATUS(sp)
    ld a2, PT_EPC(sp)
    csrw sstatus, a0
    csrw sepc, a2
    ld x1, 8(sp)
    ld x3, 24(sp)
    ld x4, 32(sp)
    ld x5, 40(sp)
    ld x6, 48(sp)
    ld x7, 56(sp)
    ld x8, 64(sp)
    ld x9, 72(sp)
    ld x10, 80(sp)
    ld x11, 88(sp)
    ld x12, 96(sp)
    ld x13, 104(sp)
    ld x14, 112(sp)
    ld x15, 120(sp)
    ld x16, 128(sp)
    ld x17, 136(sp)
    ld x18, 144(sp)
    ld x19, 152(sp)
    ld x20, 160(sp)
    ld x21, 168(sp)
    ld x22, 176(sp)
    ld x23, 184(sp)
    ld x24, 192(sp)
    ld x25, 200(sp)
    ld x26, 208(sp)
    ld x27, 216(sp)
    ld x28, 224(sp)
    ld x29, 232(sp)
    ld x30, 240(sp)
    ld x31, 248(sp)
    ld x2, PT_SP(sp)
    sret

/* First return of a new task (thread.ra): finish the switch, then leave through its trap
 * frame, which fork copied from the parent or execve of init filled in. */
    .globl ret_from_fork
ret_from_fork:
    call schedule_tail
    mv a0, sp
    call ret_from_fork_hook
    j ret_from_exception
