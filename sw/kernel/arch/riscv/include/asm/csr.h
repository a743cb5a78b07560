/* Control and status registers of the privileged architecture (RISC-V privileged spec §3.1,
 * §12.1): the bits the kernel and its M-mode layer touch, with csr_read/csr_write helpers for
 * C++ (Linux <asm/csr.h>). Included from assembly too, so only #defines outside __ASSEMBLY__. */
#pragma once

#define SR_SIE (1UL << 1)
#define SR_MIE (1UL << 3)
#define SR_SPIE (1UL << 5)
#define SR_MPIE (1UL << 7)
#define SR_SPP (1UL << 8)
#define SR_MPP (3UL << 11)
#define SR_MPP_S (1UL << 11)
#define SR_SUM (1UL << 18)
/* FS (§3.1.6.6): the F/D state is Off (F/D instructions and fcsr trap), Initial, Clean or
 * Dirty (written since it was last saved). */
#define SR_FS (3UL << 13)
#define SR_FS_OFF (0UL << 13)
#define SR_FS_INITIAL (1UL << 13)
#define SR_FS_CLEAN (2UL << 13)
#define SR_FS_DIRTY (3UL << 13)

/* Interrupt numbers (mcause/scause with the top bit set) and their mip/mie bits (§3.1.9). */
#define IRQ_S_SOFT 1
#define IRQ_M_SOFT 3
#define IRQ_S_TIMER 5
#define IRQ_M_TIMER 7
#define IRQ_S_EXT 9
#define MIP_SSIP (1UL << IRQ_S_SOFT)
#define MIP_MSIP (1UL << IRQ_M_SOFT)
#define MIP_STIP (1UL << IRQ_S_TIMER)
#define MIP_MTIP (1UL << IRQ_M_TIMER)
#define MIP_SEIP (1UL << IRQ_S_EXT)

/* Exception codes (§3.1.15, Table 16). */
#define EXC_INST_MISALIGNED 0
#define EXC_INST_ACCESS 1
#define EXC_ILLEGAL_INST 2
#define EXC_BREAKPOINT 3
#define EXC_LOAD_MISALIGNED 4
#define EXC_LOAD_ACCESS 5
#define EXC_STORE_MISALIGNED 6
#define EXC_STORE_ACCESS 7
#define EXC_ECALL_U 8
#define EXC_ECALL_S 9
#define EXC_INST_PAGE_FAULT 12
#define EXC_LOAD_PAGE_FAULT 13
#define EXC_STORE_PAGE_FAULT 15

#define CAUSE_IRQ_FLAG (1UL << 63)

/* satp (§12.1.11): MODE in 63:60, ASID in 59:44, PPN in 43:0. */
#define SATP_MODE_SV39 (8UL << 60)
#define SATP_MODE_SV48 (9UL << 60)
#define SATP_ASID_SHIFT 44
#define SATP_ASID_MASK 0xffffUL
#define SATP_PPN_MASK ((1UL << 44) - 1)

#ifndef __ASSEMBLY__

#define csr_read(csr)                                          \
    ({                                                         \
        unsigned long __v;                                     \
        __asm__ volatile("csrr %0, " #csr : "=r"(__v) : : "memory"); \
        __v;                                                   \
    })
#define csr_write(csr, val) __asm__ volatile("csrw " #csr ", %0" : : "rK"((unsigned long)(val)) : "memory")
#define csr_set(csr, val) __asm__ volatile("csrs " #csr ", %0" : : "rK"((unsigned long)(val)) : "memory")
#define csr_clear(csr, val) __asm__ volatile("csrc " #csr ", %0" : : "rK"((unsigned long)(val)) : "memory")
#define csr_swap(csr, val)                                                                  \
    ({                                                                                      \
        unsigned long __v = (unsigned long)(val);                                           \
        __asm__ volatile("csrrw %0, " #csr ", %1" : "=r"(__v) : "rK"(__v) : "memory");      \
        __v;                                                                                \
    })

inline unsigned long get_cycles() { unsigned long t; __asm__ volatile("rdtime %0" : "=r"(t)); return t; }

#endif
