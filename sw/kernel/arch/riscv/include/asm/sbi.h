/* The SBI subset the kernel's M-mode layer implements (SBI spec v1.0: TIME, IPI, SRST) and the
 * S-mode calls into it (Linux arch/riscv/kernel/sbi.c). a7 = extension, a6 = function,
 * a0..a2 = arguments; a0 = error, a1 = value on return. */
#pragma once

#define SBI_EXT_TIME 0x54494D45UL
#define SBI_EXT_IPI 0x735049UL
#define SBI_EXT_SRST 0x53525354UL
#define SBI_SRST_SHUTDOWN 0
#define SBI_SRST_REASON_NONE 0
#define SBI_SRST_REASON_FAILURE 1
#define SBI_ERR_NOT_SUPPORTED (-2L)

#ifndef __ASSEMBLY__
struct sbiret {
    long error;
    long value;
};

sbiret sbi_ecall(unsigned long ext, unsigned long fid, unsigned long a0, unsigned long a1, unsigned long a2);

inline void sbi_set_timer(unsigned long stime_value) { sbi_ecall(SBI_EXT_TIME, 0, stime_value, 0, 0); }
inline void sbi_send_ipi(unsigned long hart_mask, unsigned long hart_mask_base)
{
    sbi_ecall(SBI_EXT_IPI, 0, hart_mask, hart_mask_base, 0);
}
/* Stops the machine through the test finisher: code 0 passes, any other value fails with it
 * (memvp's use of SRST: reason FAILURE carries the exit code in a2). */
[[noreturn]] void sbi_shutdown(int code);
#endif
