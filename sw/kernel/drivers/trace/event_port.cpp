// The driver of memvp's event port ("memvp,event-port", docs/devices.md): it enables the call
// sites' jump labels once it has found the port; each hart then writes its own slot, arguments
// first and the commit register last, with interrupts off so that an interrupt handler's event
// never interleaves with the one being written. The port clears the arguments at each commit,
// so zero arguments cost no store.
#include "kernel/trace_event.h"

#include "asm/io.h"
#include "boot/boot_params.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/spinlock.h"
#include "mm/memory_model.h"
#include "mm/mmzone.h"
#include "proc/sched.h"

extern "C" jump_entry __start___jump_table[], __stop___jump_table[];

namespace {

// JAL x0, offset (RISC-V unprivileged ISA §2.5, "Unconditional Jumps"): imm[20|10:1|11|19:12]
// in bits 31:12, rd = 0, opcode 1101111.
u32 jal_zero(long offset)
{
    const unsigned long imm = static_cast<unsigned long>(offset);
    return ((imm >> 20 & 1) << 31) | ((imm >> 1 & 0x3ff) << 21) | ((imm >> 11 & 1) << 20) | ((imm >> 12 & 0xff) << 12) |
           0x6f;
}

// Rewrites every jump label's nop into a jump to its target. The kernel text is mapped
// writable (early_pgtable.cpp); the other harts have not started, and this hart's fence.i
// makes it fetch the new instructions (Zifencei).
void enable_jump_labels()
{
    for (jump_entry* e = __start___jump_table; e != __stop___jump_table; ++e) {
        const long offset = long(e->target - e->code);
        if (offset < -(1L << 20) || offset >= (1L << 20)) panic("jump label at %#lx: target out of JAL range", e->code);
        const u32 insn = jal_zero(offset);
        // A site may be only 2-byte aligned (RVC code around it).
        volatile u16* site = reinterpret_cast<volatile u16*>(e->code);
        site[0] = u16(insn);
        site[1] = u16(insn >> 16);
    }
    __asm__ volatile("fence.i" : : : "memory");
}

}  // namespace

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
    enable_jump_labels();
}

namespace {

// One event into this hart's slot; the caller has interrupts off.
void commit(volatile u64* slot, memvp_event_type type, u64 a0, u64 a1, u64 a2, u64 a3)
{
    const u64 args[MEMVP_EVENT_ARGS] = {a0, a1, a2, a3};
    for (int i = 0; i < MEMVP_EVENT_ARGS; ++i)
        if (args[i]) slot[MEMVP_EVENT_ARG0 / 8 + i] = args[i];
    // Device stores are not reordered among themselves (RVWMO: same-device I/O, §2.7 + §A.3).
    slot[MEMVP_EVENT_COMMIT / 8] = u64(type) | u64(u32(current->pid)) << 32;
}

// Free pages per zone, for the `os` wave group: before each event, every populated zone whose
// free pages moved by kZoneFreeStep or more since its last report is reported (as Linux's
// per-CPU vmstat deltas are folded in only past a threshold). The check runs only with the port,
// so a kernel without it executes nothing more; the count is read without the zone's lock, as
// zone_page_state() reads it.
constexpr unsigned long kZoneFreeStep = 64;

void report_zones(volatile u64* slot)
{
    for (pglist_data* pgdat : node_data) {
        if (!pgdat) break;  // nodes register from 0 up, without gaps (BuddyAllocator::init)
        for (zone& z : pgdat->node_zones) {
            if (!z.populated()) continue;
            const unsigned long free = __atomic_load_n(&z.nr_free_pages, __ATOMIC_RELAXED);
            const unsigned long last = z.nr_free_reported;
            if (free == last || (last != 0 && (free > last ? free - last : last - free) < kZoneFreeStep)) continue;
            z.nr_free_reported = free;
            commit(slot, MEMVP_EV_ZONE_FREE, pgdat->node_id.value, z.idx, free, 0);
        }
    }
}

}  // namespace

void __trace_event(memvp_event_type type, u64 a0, u64 a1, u64 a2, u64 a3)
{
    const unsigned long flags = arch_local_irq_save();
    volatile u64* slot = event_port_slots + smp_processor_id() * (MEMVP_EVENT_SLOT_SIZE / 8);
    report_zones(slot);
    commit(slot, type, a0, a1, a2, a3);
    arch_local_irq_restore(flags);
}
