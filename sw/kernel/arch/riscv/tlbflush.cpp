// TLB maintenance (Linux arch/riscv/mm/tlbflush.c): sfence.vma by ASID and address on this
// hart (§12.2.1), and shootdowns: the other harts in mm->cpu_bitmap get an IPI and flush the
// same range; the sender waits for all of them. One shootdown at a time; a hart waiting to
// send its own keeps serving requests addressed to it, so two senders never deadlock.
#include "asm/mmu_context.h"
#include "asm/smp.h"
#include "mm/mm_types.h"
#include "mm/tlbflush.h"
#include "kernel/trace_event.h"
#include "proc/sched.h"

namespace {

// Above this many pages a range is flushed by ASID as a whole (Linux tlb_flush_all_threshold).
constexpr unsigned long FLUSH_ALL_THRESHOLD = 64;

struct flush_request {
    unsigned long start, end;
    unsigned long asid;
    bool all_asids;      // kernel (global) mappings, or no ASIDs
};

spinlock_t shootdown_lock;
flush_request request;
volatile unsigned long pending_harts;

void local_flush(const flush_request& r)
{
    trace_event(MEMVP_EV_SFENCE, r.start, r.end, r.all_asids ? ~0UL : r.asid);
    if (r.end - r.start > FLUSH_ALL_THRESHOLD * PAGE_SIZE) {
        if (r.all_asids) __asm__ volatile("sfence.vma zero, zero" : : : "memory");
        else __asm__ volatile("sfence.vma zero, %0" : : "r"(r.asid) : "memory");
    } else {
        for (unsigned long va = r.start & PAGE_MASK; va < r.end; va += PAGE_SIZE) {
            if (r.all_asids) __asm__ volatile("sfence.vma %0, zero" : : "r"(va) : "memory");
            else __asm__ volatile("sfence.vma %0, %1" : : "r"(va), "r"(r.asid) : "memory");
        }
    }
    count_vm_event(&memvp_vmstat::tlb_local_flushes);
}

void serve_request_if_pending()
{
    const unsigned long me = 1UL << smp_processor_id();
    if (!(__atomic_load_n(&pending_harts, __ATOMIC_ACQUIRE) & me)) return;
    trace_event(MEMVP_EV_SHOOTDOWN_RECV, request.start, request.end, request.all_asids ? ~0UL : request.asid);
    local_flush(request);
    __atomic_and_fetch(&pending_harts, ~me, __ATOMIC_RELEASE);
}

void flush(unsigned long targets, const flush_request& r)
{
    const unsigned long me = 1UL << smp_processor_id();
    if (targets & me) local_flush(r);
    targets &= ~me;
    // Harts not yet online run no user code and hold no entries but the kernel's boot ones.
    unsigned long online = 0;
    for (unsigned h = 0; h < nr_cpu_ids; ++h)
        if (__atomic_load_n(&runqueues[h].online, __ATOMIC_ACQUIRE)) online |= 1UL << h;
    targets &= online;
    if (!targets) return;
    unsigned long flags = arch_local_irq_save();
    while (__atomic_exchange_n(&shootdown_lock.locked, 1, __ATOMIC_ACQUIRE)) serve_request_if_pending();
    request = r;
    // Reported before the request is published: a target spinning on shootdown_lock serves it
    // as soon as it sees pending_harts, which may be before any IPI arrives.
    trace_event(MEMVP_EV_SHOOTDOWN_SEND, r.start, r.end, targets, r.all_asids ? ~0UL : r.asid);
    __atomic_store_n(&pending_harts, targets, __ATOMIC_RELEASE);
    for (unsigned h = 0; h < nr_cpu_ids; ++h)
        if (targets >> h & 1) {
            send_ipi_message(h, IPI_TLB_FLUSH);
            count_vm_event(&memvp_vmstat::tlb_shootdowns);
        }
    while (__atomic_load_n(&pending_harts, __ATOMIC_ACQUIRE)) cpu_relax();
    spin_unlock(&shootdown_lock);
    arch_local_irq_restore(flags);
}

flush_request user_request(mm_struct* mm, unsigned long start, unsigned long end)
{
    return flush_request{start, end, mm_asid(mm), !asids_enabled()};
}

}  // namespace

// IPI_TLB_FLUSH (asm/smp.h).
void handle_tlb_flush_ipi() { serve_request_if_pending(); }

// Harts waiting for a spinlock (interrupts off) still answer shootdowns.
void tlb_shootdown_init() { spin_wait_hook = serve_request_if_pending; }

void flush_tlb_page(mm_struct* mm, unsigned long va) { flush(mm->cpu_bitmap, user_request(mm, va, va + PAGE_SIZE)); }

void flush_tlb_range(mm_struct* mm, unsigned long start, unsigned long end)
{
    flush(mm->cpu_bitmap, user_request(mm, start, end));
}

void flush_tlb_mm(mm_struct* mm) { flush(mm->cpu_bitmap, user_request(mm, 0, ~0UL)); }

void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
    flush(~0UL, flush_request{start, end, 0, true});
}
