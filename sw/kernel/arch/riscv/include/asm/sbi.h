/* The SBI subset the kernel's M-mode layer implements (SBI spec v1.0: TIME, IPI, SRST, PMU) and the
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
#define SBI_ERR_INVALID_PARAM (-3L)
/* PMU (SBI v1.0 §11): counter i is mhpmcounter i; raw events (type 2) carry memvp's mhpmevent
 * selector (docs/core.md) in event_data. */
#define SBI_EXT_PMU 0x504D55UL
#define SBI_PMU_COUNTER_CFG_MATCH 2
#define SBI_PMU_CFG_FLAG_SKIP_MATCH (1UL << 0)
#define SBI_PMU_CFG_FLAG_CLEAR_VALUE (1UL << 1)
#define SBI_PMU_CFG_FLAG_AUTO_START (1UL << 2)
#define SBI_PMU_EVENT_RAW (2UL << 16)

#ifndef __ASSEMBLY__
struct sbiret {
    long error;
    long value;
};

sbiret sbi_ecall(unsigned long ext, unsigned long fid, unsigned long a0, unsigned long a1, unsigned long a2);
/* sbi_pmu_counter_config_matching (§11.8) for one counter with SKIP_MATCH, CLEAR_VALUE and
 * AUTO_START: it counts the raw event from zero. */
sbiret sbi_pmu_counter_start_raw(unsigned long counter, unsigned long event);

inline void sbi_set_timer(unsigned long stime_value) { sbi_ecall(SBI_EXT_TIME, 0, stime_value, 0, 0); }
inline void sbi_send_ipi(unsigned long hart_mask, unsigned long hart_mask_base)
{
    sbi_ecall(SBI_EXT_IPI, 0, hart_mask, hart_mask_base, 0);
}
/* Stops the machine through the test finisher: code 0 passes, any other value fails with it
 * (memvp's use of SRST: reason FAILURE carries the exit code in a2). */
[[noreturn]] void sbi_shutdown(int code);
#endif
