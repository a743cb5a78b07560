// The M-mode layer: a minimal SBI (TIME set_timer, IPI send_ipi, SRST system_reset, PMU
// counter_config_matching) over the CLINT, the test finisher and the hart's counters, and the
// forwarding of M-mode timer and software interrupts to S-mode (what OpenSBI does for Linux). Runs at physical addresses, so it reaches devices and
// its own data PC-relatively and never follows a pointer from S-mode.
#include "asm/boot.h"
#include "asm/csr.h"
#include "asm/sbi.h"
#include "boot/boot_params.h"
#include "kernel/types.h"

struct m_regs {
    unsigned long x[32];
};

namespace {

volatile u32* clint_msip(unsigned long hart) { return reinterpret_cast<volatile u32*>(boot_params.clint_msip[hart]); }
volatile u64* clint_mtimecmp(unsigned long hart) { return reinterpret_cast<volatile u64*>(boot_params.clint_mtimecmp[hart]); }

void m_putc(char c)
{
    volatile u8* uart = reinterpret_cast<volatile u8*>(boot_params.uart_base);
    while (!(uart[5] & 0x20)) {
    }
    uart[0] = u8(c);
}

void m_puts(const char* s)
{
    while (*s) m_putc(*s++);
}

void m_puthex(unsigned long v)
{
    m_puts("0x");
    for (int shift = 60; shift >= 0; shift -= 4) m_putc("0123456789abcdef"[(v >> shift) & 0xf]);
}

// SiFive test finisher: 0x5555 passes, (code << 16) | 0x3333 fails with code (QEMU virt's
// VIRT_TEST, memvp's finisher).
[[noreturn]] void m_finish(unsigned long code)
{
    volatile u32* finisher = reinterpret_cast<volatile u32*>(boot_params.finisher_base);
    *finisher = code == 0 ? 0x5555u : u32((code & 0xffff) << 16) | 0x3333u;
    for (;;) __asm__ volatile("wfi");
}

// Counter n (3..31) counts `event` from zero; returns the selector the hart took (mhpmevent is
// WARL: 0 for an event it does not have). CSR numbers are immediates, hence one case each.
#define HPM_CASE(n)                                  \
    case n:                                          \
        csr_write(mhpmevent##n, event);              \
        csr_write(mhpmcounter##n, 0);                \
        return csr_read(mhpmevent##n);
unsigned long hpm_program(unsigned long n, unsigned long event)
{
    switch (n) {
        HPM_CASE(3) HPM_CASE(4) HPM_CASE(5) HPM_CASE(6) HPM_CASE(7) HPM_CASE(8) HPM_CASE(9) HPM_CASE(10)
        HPM_CASE(11) HPM_CASE(12) HPM_CASE(13) HPM_CASE(14) HPM_CASE(15) HPM_CASE(16) HPM_CASE(17)
        HPM_CASE(18) HPM_CASE(19) HPM_CASE(20) HPM_CASE(21) HPM_CASE(22) HPM_CASE(23) HPM_CASE(24)
        HPM_CASE(25) HPM_CASE(26) HPM_CASE(27) HPM_CASE(28) HPM_CASE(29) HPM_CASE(30) HPM_CASE(31)
    }
    return 0;
}
#undef HPM_CASE

// SBI v1.0 §11.8 counter_config_matching, as far as memvp's kernel uses it: SKIP_MATCH on the
// first counter of the mask, raw events only, CLEAR_VALUE; started if AUTO_START says so.
long sbi_pmu_config(m_regs* regs)
{
    const unsigned long base = regs->x[10], mask = regs->x[11], flags = regs->x[12];
    const unsigned long event_idx = regs->x[13], event_data = regs->x[14];
    const unsigned long needed = SBI_PMU_CFG_FLAG_SKIP_MATCH | SBI_PMU_CFG_FLAG_CLEAR_VALUE;
    if ((flags & needed) != needed || mask == 0 || event_idx != SBI_PMU_EVENT_RAW)
        return SBI_ERR_NOT_SUPPORTED;
    const unsigned long n = base + unsigned(__builtin_ctzl(mask));
    if (n < 3 || n > 31) return SBI_ERR_INVALID_PARAM;
    csr_set(mcountinhibit, 1UL << n);
    if (hpm_program(n, event_data) != event_data) {
        hpm_program(n, 0);
        return SBI_ERR_NOT_SUPPORTED;
    }
    if (flags & SBI_PMU_CFG_FLAG_AUTO_START) csr_clear(mcountinhibit, 1UL << n);
    regs->x[11] = n;
    return 0;
}

// SBI v1.0 §6 (TIME), §7 (IPI), §10 (SRST). A pending STIP is cleared when a new time is set,
// as OpenSBI does, so S-mode sees one timer interrupt per set_timer.
long sbi_dispatch(m_regs* regs)
{
    const unsigned long ext = regs->x[17], a0 = regs->x[10], a1 = regs->x[11];
    const unsigned long hart = csr_read(mhartid);
    switch (ext) {
    case SBI_EXT_TIME:
        *clint_mtimecmp(hart) = a0;
        csr_clear(mip, MIP_STIP);
        csr_set(mie, MIP_MTIP);
        return 0;
    case SBI_EXT_IPI:
        for (unsigned long i = 0; i < 64; ++i) {
            const unsigned long target = a1 == ~0UL ? i : a1 + i;
            if ((a1 == ~0UL || (a0 >> i) & 1) && target < boot_params.nr_cpus) *clint_msip(target) = 1;
        }
        return 0;
    case SBI_EXT_SRST:
        m_finish(a1 == SBI_SRST_REASON_NONE ? 0 : (regs->x[12] ? regs->x[12] : 1));
    case SBI_EXT_PMU:
        return regs->x[16] == SBI_PMU_COUNTER_CFG_MATCH ? sbi_pmu_config(regs) : SBI_ERR_NOT_SUPPORTED;
    default:
        return SBI_ERR_NOT_SUPPORTED;
    }
}

}  // namespace

extern "C" void m_trap_handler(m_regs* regs)
{
    const unsigned long cause = csr_read(mcause);
    if (cause & CAUSE_IRQ_FLAG) {
        const unsigned long code = cause & ~CAUSE_IRQ_FLAG;
        if (code == IRQ_M_TIMER) {
            // Forward as the supervisor timer interrupt; S-mode re-arms through set_timer.
            csr_clear(mie, MIP_MTIP);
            csr_set(mip, MIP_STIP);
        } else if (code == IRQ_M_SOFT) {
            *clint_msip(csr_read(mhartid)) = 0;
            csr_set(mip, MIP_SSIP);
        }
        return;
    }
    if (cause == EXC_ECALL_S) {
        regs->x[10] = static_cast<unsigned long>(sbi_dispatch(regs));
        csr_write(mepc, csr_read(mepc) + 4);
        return;
    }
    m_puts("\nM-mode trap: hart ");
    m_puthex(csr_read(mhartid));
    m_puts(" mcause ");
    m_puthex(cause);
    m_puts(" mepc ");
    m_puthex(csr_read(mepc));
    m_puts(" mtval ");
    m_puthex(csr_read(mtval));
    m_puts("\n");
    m_finish(2);
}
