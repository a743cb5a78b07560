/* Entry on every hart (M-mode, translation off, a0 = hart id, a1 = DTB), running at the
 * image's physical address, so only PC-relative code. Sets up the M-mode layer (stack, PMP,
 * delegation, counters), lets hart 0 parse the DTB and build swapper_pg_dir (early_setup),
 * then every hart mrets to S-mode at the linked (virtual) address with satp set. */
#include "asm/boot.h"
#include "asm/csr.h"

/* S/U exceptions handled by the kernel (§3.1.8 medeleg): misaligned and access faults,
 * illegal instruction, breakpoint, ecall from U, page faults. ecall from S stays in M (SBI). */
#define MEDELEG_BITS ((1 << EXC_INST_MISALIGNED) | (1 << EXC_INST_ACCESS) | (1 << EXC_ILLEGAL_INST) | \
    (1 << EXC_BREAKPOINT) | (1 << EXC_LOAD_MISALIGNED) | (1 << EXC_LOAD_ACCESS) |                    \
    (1 << EXC_STORE_MISALIGNED) | (1 << EXC_STORE_ACCESS) | (1 << EXC_ECALL_U) |                     \
    (1 << EXC_INST_PAGE_FAULT) | (1 << EXC_LOAD_PAGE_FAULT) | (1 << EXC_STORE_PAGE_FAULT))

    .section .head.text, "ax"
    .globl _start
_start:
    csrw mie, zero
    csrw satp, zero
    la t0, m_trap_vector
    csrw mtvec, t0
    li t0, NR_CPUS
    bgeu a0, t0, park
    /* PMP entry 0: NAPOT over the whole address space, RWX (§3.7.1), so S and U reach memory. */
    li t0, -1
    srli t0, t0, 10
    csrw pmpaddr0, t0
    li t0, 0x1f
    csrw pmpcfg0, t0
    /* Per-hart M-mode stack; mscratch holds its top while S/U run. */
    la sp, m_stacks
    addi t0, a0, 1
    slli t0, t0, M_STACK_SHIFT
    add sp, sp, t0
    csrw mscratch, sp
    li t0, MEDELEG_BITS
    csrw medeleg, t0
    li t0, MIP_SSIP | MIP_STIP | MIP_SEIP
    csrw mideleg, t0
    li t0, -1
    csrw mcounteren, t0
    li t0, MIP_MSIP | MIP_SSIP | MIP_STIP | MIP_SEIP
    csrw mie, t0
    mv s0, a0
    mv s1, a1
    bnez a0, secondary_wait

    /* Hart 0: clear .bss (the boot flags live in .data), then parse and map. */
    la t0, __bss_start
    la t1, __bss_end
1:  bgeu t0, t1, 2f
    sd zero, 0(t0)
    addi t0, t0, 8
    j 1b
2:  mv a0, s0
    mv a1, s1
    call early_setup
    la t0, boot_satp
    sd a0, 0(t0)
    fence rw, rw
    la t0, boot_ready
    li t1, 1
    sw t1, 0(t0)
    j enter_smode

secondary_wait:
    la t0, boot_ready
3:  lw t1, 0(t0)
    beqz t1, 3b
    fence rw, rw

enter_smode:
    ld t0, boot_satp
    csrw satp, t0
    sfence.vma
    li t0, SR_MPP
    csrc mstatus, t0
    li t0, SR_MPP_S
    csrs mstatus, t0
    la t0, s_entry
    li t1, KERNEL_VA_PA_DELTA
    add t0, t0, t1
    csrw mepc, t0
    mv a0, s0
    mv a1, s1
    mret

park:
    wfi
    j park

/* S-mode, translation on, at the linked address. Hart 0 runs start_kernel on init_stack with
 * tp = the boot idle task; the others wait for start_kernel to hand them an idle task. */
    .text
s_entry:
    csrw sscratch, zero
    /* The kernel runs with FS = Off (§3.1.6.6); user tasks get their own (asm/switch_to.h). */
    li t0, SR_FS
    csrc sstatus, t0
    csrw sie, zero
    bnez a0, 5f
    la sp, init_stack + THREAD_SIZE
    la tp, init_task
    call start_kernel
4:  wfi
    j 4b
5:  la t0, secondary_idle
    slli t1, a0, 3
    add t0, t0, t1
6:  ld tp, 0(t0)
    beqz tp, 6b
    fence rw, rw
    la t0, secondary_sp
    add t0, t0, t1
    ld sp, 0(t0)
    call secondary_start_kernel
    j 4b

    .data
    .align 3
    .globl boot_satp
boot_satp:
    .dword 0
    .globl boot_ready
boot_ready:
    .word 0

    /* Not in .bss: nothing needs them zeroed, and clearing 256 KiB would lengthen every boot. */
    .section .noinit, "aw", @nobits
    .align 12
    .globl m_stacks
m_stacks:
    .space NR_CPUS << M_STACK_SHIFT
