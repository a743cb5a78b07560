// The driver of memvp's event port ("memvp,event-port", docs/devices.md): each hart writes its
// own slot, arguments first and the commit register last, with interrupts off so that an
// interrupt handler's event never interleaves with the one being written. The port clears the
// arguments at each commit, so zero arguments cost no store.
#include "kernel/trace_event.h"

#include "asm/io.h"
#include "boot/boot_params.h"
#include "kernel/printk.h"
#include "kernel/spinlock.h"
#include "proc/sched.h"

void event_port_init()
{
    if (!boot_params.event_port_base) return;
    auto* slots = static_cast<volatile u64*>(ioremap(PhysAddr{boot_params.event_port_base}));
    if (slots[MEMVP_EVENT_ID / 8] != MEMVP_EVENT_ID_VALUE) {
        printk("event port %#lx: bad id, skipped\n", (unsigned long)boot_params.event_port_base);
        return;
    }
    printk("event port %#lx\n", (unsigned long)boot_params.event_port_base);
    event_port_slots = slots;
}

void __trace_event(memvp_event_type type, u64 a0, u64 a1, u64 a2, u64 a3)
{
    const unsigned long flags = arch_local_irq_save();
    volatile u64* slot = event_port_slots + smp_processor_id() * (MEMVP_EVENT_SLOT_SIZE / 8);
    const u64 args[MEMVP_EVENT_ARGS] = {a0, a1, a2, a3};
    for (int i = 0; i < MEMVP_EVENT_ARGS; ++i)
        if (args[i]) slot[MEMVP_EVENT_ARG0 / 8 + i] = args[i];
    // Device stores are not reordered among themselves (RVWMO: same-device I/O, §2.7 + §A.3).
    slot[MEMVP_EVENT_COMMIT / 8] = u64(type) | u64(u32(current->pid)) << 32;
    arch_local_irq_restore(flags);
}
