/* The M-mode trap vector of the SBI layer: swap to the hart's M-mode stack (mscratch),
 * save the integer registers in a struct m_regs, call m_trap_handler (sbi.cpp), restore and
 * mret (§3.3.2). Runs at physical addresses: mtvec holds the physical address and M-mode does
 * not translate (§3.1.6.4, MPRV stays 0). Only S and U trap here; M-mode code never does. */
#include "asm/csr.h"

#define MREG(n) ((n) * 8)

    .text
    .align 2
    .globl m_trap_vector
m_trap_vector:
    csrrw sp, mscratch, sp
    addi sp, sp, -MREG(32)
    sd x1, MREG(1)(sp)
    sd x3, MREG(3)(sp)
    sd x4, MREG(4)(sp)
    sd x5, MREG(5)(sp)
    sd x6, MREG(6)(sp)
    sd x7, MREG(7)(sp)
    sd x8, MREG(8)(sp)
    sd x9, MREG(9)(sp)
    sd x10, MREG(10)(sp)
    sd x11, MREG(11)(sp)
    sd x12, MREG(12)(sp)
    sd x13, MREG(13)(sp)
    sd x14, MREG(14)(sp)
    sd x15, MREG(15)(sp)
    sd x16, MREG(16)(sp)
    sd x17, MREG(17)(sp)
    sd x18, MREG(18)(sp)
    sd x19, MREG(19)(sp)
    sd x20, MREG(20)(sp)
    sd x21, MREG(21)(sp)
    sd x22, MREG(22)(sp)
    sd x23, MREG(23)(sp)
    sd x24, MREG(24)(sp)
    sd x25, MREG(25)(sp)
    sd x26, MREG(26)(sp)
    sd x27, MREG(27)(sp)
    sd x28, MREG(28)(sp)
    sd x29, MREG(29)(sp)
    sd x30, MREG(30)(sp)
    sd x31, MREG(31)(sp)
    csrr t0, mscratch
    sd t0, MREG(2)(sp)
    mv a0, sp
    call m_trap_handler
    ld x1, MREG(1)(sp)
    ld x3, MREG(3)(sp)
    ld x4, MREG(4)(sp)
    ld x5, MREG(5)(sp)
    ld x6, MREG(6)(sp)
    ld x7, MREG(7)(sp)
    ld x8, MREG(8)(sp)
    ld x9, MREG(9)(sp)
    ld x10, MREG(10)(sp)
    ld x11, MREG(11)(sp)
    ld x12, MREG(12)(sp)
    ld x13, MREG(13)(sp)
    ld x14, MREG(14)(sp)
    ld x15, MREG(15)(sp)
    ld x16, MREG(16)(sp)
    ld x17, MREG(17)(sp)
    ld x18, MREG(18)(sp)
    ld x19, MREG(19)(sp)
    ld x20, MREG(20)(sp)
    ld x21, MREG(21)(sp)
    ld x22, MREG(22)(sp)
    ld x23, MREG(23)(sp)
    ld x24, MREG(24)(sp)
    ld x25, MREG(25)(sp)
    ld x26, MREG(26)(sp)
    ld x27, MREG(27)(sp)
    ld x28, MREG(28)(sp)
    ld x29, MREG(29)(sp)
    ld x30, MREG(30)(sp)
    ld x31, MREG(31)(sp)
    addi sp, sp, MREG(32)
    csrrw sp, mscratch, sp
    mret
