// start_kernel (Linux init/main.c) on hart 0 in S-mode, translation on: console and panic
// handler, memory (setup_arch), the initramfs, the scheduler, the PLIC and the other harts, the
// virtio devices (disks), then pid 1 (which mounts root=): init, or a kernel thread running the self-test named by
// ktest=. The other harts enter through secondary_start_kernel (arch/riscv/smp.cpp).
#include "asm/boot.h"
#include "asm/csr.h"
#include "asm/sbi.h"
#include "asm/smp.h"
#include "boot/bootargs.h"
#include "boot/setup.h"
#include "drivers/irqchip/irq-sifive-plic.h"
#include "drivers/virtio/virtio_mmio.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/trace_event.h"
#include "mm/buddy.h"
#include "mm/mm.h"
#include "mm/overcommit.h"
#include "mm/rmap.h"
#include "mm/swap_state.h"
#include "mm/vmscan.h"
#include "mm/writeback.h"
#include "proc/kswapd.h"
#include "proc/oom_kill_task.h"
#include "proc/process.h"
#include "proc/sched.h"
#include "user_programs/user_programs.h"

extern "C" void handle_exception();
extern "C" void (*__init_array_start[])();
extern "C" void (*__init_array_end[])();

namespace {

[[noreturn]] void kernel_panic_handler(const char* message)
{
    arch_local_irq_save();
    printk("\n%s\n", message);
    printk("hart %u sepc %#lx scause %#lx stval %#lx\n", smp_processor_id(), csr_read(sepc), csr_read(scause),
           csr_read(stval));
    sbi_shutdown(255);
}

}  // namespace

extern "C" [[noreturn]] void start_kernel(unsigned long hartid, unsigned long dtb)
{
    (void)hartid;
    (void)dtb;
    // Pointers early_setup stored while running at physical addresses.
    kernel_options_rebase(&kernel_opts, long(KERNEL_VA_PA_DELTA));
    va_pa_offset = PAGE_OFFSET;
    csr_write(stvec, reinterpret_cast<unsigned long>(&handle_exception));
    set_panic_handler(kernel_panic_handler);
    for (void (**ctor)() = __init_array_start; ctor != __init_array_end; ++ctor) (*ctor)();
    if (kernel_opts.bad) printk("bootargs: ignoring unknown option %s\n", kernel_opts.bad);
    transparent_hugepage = kernel_opts.thp == THP_OPT_ALWAYS ? THP_ALWAYS
                           : kernel_opts.thp == THP_OPT_NEVER ? THP_NEVER
                                                              : THP_MADVISE;
    clear_young_flush = kernel_opts.clear_young_flush;
    node_reclaim_mode = kernel_opts.sysctl_vm_zone_reclaim_mode;
    vm_swappiness = kernel_opts.sysctl_vm_swappiness;
    page_cluster = kernel_opts.sysctl_vm_page_cluster;
    vm_overcommit_memory = kernel_opts.sysctl_vm_overcommit_memory;
    vm_overcommit_ratio = kernel_opts.sysctl_vm_overcommit_ratio;
    sched_init();
    setup_arch();
    event_port_init();
    initramfs_init();
    print_boot_banner();
    vmalloc_init();
    zero_page_init();
    oom_init();
    init_user_reserve(page_allocator->nr_free_pages());
    plic_init();
    smp_init();
    virtio_mmio_init();
    start_init();
    if (kernel_opts.root && kernel_opts.root_rw) wb_start_flusher();  // pid 2, a child of the boot task
    if (kernel_opts.root) kswapd_init();  // only file pages can be reclaimed: none without a disk
    cpu_idle();
}
