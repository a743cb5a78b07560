// SBI calls from S-mode, IPIs and bringing up the other harts (Linux arch/riscv/kernel/sbi.c,
// smp.c, smpboot.c). Hart 0 gives every other hart listed in the DTB an idle task and a
// kernel stack (secondary_idle/secondary_sp, which head.S polls) and waits until it is online.
#include "asm/smp.h"

#include "asm/csr.h"
#include "asm/mmu_context.h"
#include "asm/sbi.h"
#include "boot/boot_params.h"
#include "drivers/irqchip/irq-sifive-plic.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "mm/buddy.h"
#include "mm/slab.h"
#include "proc/sched.h"

extern "C" void handle_exception();
void handle_tlb_flush_ipi();
void tlb_shootdown_init();

extern "C" {
task_struct* volatile secondary_idle[NR_CPUS];
unsigned long secondary_sp[NR_CPUS];
}

namespace {

unsigned long ipi_pending[NR_CPUS];
volatile unsigned harts_online = 1;

}  // namespace

sbiret sbi_ecall(unsigned long ext, unsigned long fid, unsigned long arg0, unsigned long arg1, unsigned long arg2)
{
    register unsigned long a0 __asm__("a0") = arg0;
    register unsigned long a1 __asm__("a1") = arg1;
    register unsigned long a2 __asm__("a2") = arg2;
    register unsigned long a6 __asm__("a6") = fid;
    register unsigned long a7 __asm__("a7") = ext;
    __asm__ volatile("ecall" : "+r"(a0), "+r"(a1) : "r"(a2), "r"(a6), "r"(a7) : "memory");
    return sbiret{long(a0), long(a1)};
}

sbiret sbi_pmu_counter_start_raw(unsigned long counter, unsigned long event)
{
    register unsigned long a0 __asm__("a0") = counter;
    register unsigned long a1 __asm__("a1") = 1;  // counter_idx_mask: counter alone
    register unsigned long a2 __asm__("a2") =
        SBI_PMU_CFG_FLAG_SKIP_MATCH | SBI_PMU_CFG_FLAG_CLEAR_VALUE | SBI_PMU_CFG_FLAG_AUTO_START;
    register unsigned long a3 __asm__("a3") = SBI_PMU_EVENT_RAW;
    register unsigned long a4 __asm__("a4") = event;
    register unsigned long a6 __asm__("a6") = SBI_PMU_COUNTER_CFG_MATCH;
    register unsigned long a7 __asm__("a7") = SBI_EXT_PMU;
    __asm__ volatile("ecall" : "+r"(a0), "+r"(a1) : "r"(a2), "r"(a3), "r"(a4), "r"(a6), "r"(a7) : "memory");
    return sbiret{long(a0), long(a1)};
}

void sbi_shutdown(int code)
{
    sbi_ecall(SBI_EXT_SRST, 0, SBI_SRST_SHUTDOWN, code ? SBI_SRST_REASON_FAILURE : SBI_SRST_REASON_NONE,
              static_cast<unsigned long>(code));
    for (;;) __asm__ volatile("wfi");
}

void send_ipi_message(unsigned hart, ipi_message msg)
{
    __atomic_or_fetch(&ipi_pending[hart], msg, __ATOMIC_RELEASE);
    sbi_send_ipi(1UL << hart, 0);
}

void send_ipi_reschedule(unsigned hart) { send_ipi_message(hart, IPI_RESCHEDULE); }

void handle_ipi()
{
    csr_clear(sip, MIP_SSIP);
    const unsigned long msgs = __atomic_exchange_n(&ipi_pending[smp_processor_id()], 0, __ATOMIC_ACQUIRE);
    if (msgs & IPI_RESCHEDULE) set_tsk_need_resched(current);
    if (msgs & IPI_TLB_FLUSH) handle_tlb_flush_ipi();
}

// Per-hart interrupt setup: counters for U-mode, IPIs, the tick, the PLIC contexts.
void time_init_hart()
{
    csr_write(scounteren, ~0UL);
    csr_set(sie, MIP_SSIP | MIP_STIP);
    program_next_event();
    plic_starting_cpu();
}

void smp_init()
{
    tick_interval = boot_params.timebase_frequency / 100;  // 10 ms slices (Linux HZ = 100)
    asid_init();
    tlb_shootdown_init();
    time_init_hart();
    nr_cpu_ids = boot_params.nr_cpus < NR_CPUS ? boot_params.nr_cpus : NR_CPUS;
    unsigned expected = 1;
    for (unsigned h = 1; h < nr_cpu_ids; ++h) {
        if (!boot_params.cpu_present[h]) continue;
        task_struct* idle = static_cast<task_struct*>(kzalloc(sizeof(task_struct), GFP_KERNEL));
        void* stack = __get_free_pages(GFP_KERNEL, THREAD_SHIFT - PAGE_SHIFT);
        if (!idle || !stack) panic("no memory for hart %u's idle task", h);
        idle->stack = stack;
        idle->is_idle = true;
        idle->ti.cpu = h;
        idle->on_cpu = true;
        idle->state = TASK_RUNNING;
        idle->last_hart = int(h);
        INIT_LIST_HEAD(&idle->children);
        __builtin_memcpy(idle->comm, "swapper", 8);
        runqueues[h].curr = runqueues[h].idle = idle;
        secondary_sp[h] = reinterpret_cast<unsigned long>(stack) + THREAD_SIZE;
        __atomic_store_n(&secondary_idle[h], idle, __ATOMIC_RELEASE);
        ++expected;
    }
    while (__atomic_load_n(&harts_online, __ATOMIC_ACQUIRE) != expected) cpu_relax();
}

extern "C" [[noreturn]] void secondary_start_kernel(unsigned long hartid)
{
    csr_write(stvec, reinterpret_cast<unsigned long>(&handle_exception));
    spin_lock(&sched_lock);
    runqueues[hartid].online = true;
    spin_unlock(&sched_lock);
    time_init_hart();
    __atomic_add_fetch(&harts_online, 1, __ATOMIC_RELEASE);
    cpu_idle();
}
