// kswapd and direct reclaim on the guest (Linux mm/vmscan.c kswapd, wakeup_kswapd,
// try_to_free_pages, node_reclaim): one kernel thread per node sleeps until an allocation leaves
// a zone of its node below the low watermark, then reclaims until the node is balanced at high;
// an allocation below min reclaims in its own task (allocstall) and the cycles it spends there
// are counted; with zone_reclaim_mode, an allocation reclaims its own node before it falls back
// to another. Both plug into the page allocator's reclaim hooks. Here rather than in mm/
// because both need the task (its PF_MEMALLOC flag, a kernel thread, the cycle counter, the
// address space whose fault it handles).
#include "proc/kswapd.h"

#include "asm/csr.h"
#include "kernel/completion.h"
#include "kernel/printk.h"
#include "kernel/trace_event.h"
#include "mm/rmap.h"
#include "mm/vm_event.h"
#include "mm/vmscan.h"
#include "proc/process.h"
#include "proc/sched.h"

namespace {

// Linux MAX_RECLAIM_RETRIES: after this many fruitless runs kswapd is not woken again until
// direct reclaim frees something.
constexpr unsigned long MAX_RECLAIM_RETRIES = 16;

completion kswapd_wake[MAX_NUMNODES];

int kswapd(void* arg)
{
    pglist_data* pgdat = static_cast<pglist_data*>(arg);
    current->flags |= PF_MEMALLOC | PF_KSWAPD;
    for (;;) {
        wait_for_completion(&kswapd_wake[pgdat->node_id.value]);
        __atomic_store_n(&pgdat->kswapd_wait, 0, __ATOMIC_RELEASE);
        const unsigned order = __atomic_exchange_n(&pgdat->kswapd_order, 0u, __ATOMIC_RELAXED);
        trace_event(MEMVP_EV_KSWAPD_WAKE, u64(pgdat->node_id.value), order, page_allocator->nr_free_pages());
        const unsigned long reclaimed = balance_pgdat(pgdat, order);
        trace_event(MEMVP_EV_KSWAPD_SLEEP, u64(pgdat->node_id.value), reclaimed, page_allocator->nr_free_pages());
    }
}

void wakeup_kswapd(zone* z, unsigned order, void*)
{
    pglist_data* pgdat = z->zone_pgdat;
    if (!pgdat->kswapd || pgdat->kswapd_failures >= MAX_RECLAIM_RETRIES) return;
    if (pgdat_balanced(pgdat, order)) return;
    unsigned prev = __atomic_load_n(&pgdat->kswapd_order, __ATOMIC_RELAXED);
    while (prev < order && !__atomic_compare_exchange_n(&pgdat->kswapd_order, &prev, order, false, __ATOMIC_RELAXED,
                                                        __ATOMIC_RELAXED)) {
    }
    // One wakeup per sleep: complete() only on the 0 -> 1 edge.
    if (__atomic_exchange_n(&pgdat->kswapd_wait, 1, __ATOMIC_ACQ_REL) == 0)
        complete(&kswapd_wake[pgdat->node_id.value]);
}

unsigned long try_to_free_pages(zone* preferred, gfp_t gfp, unsigned order, void*)
{
    // The reclaim path's own allocations (kswapd's write-back) never recurse into reclaim.
    if (current->flags & PF_MEMALLOC) return 0;
    count_vm_event(&memvp_vmstat::allocstall);
    trace_event(MEMVP_EV_DIRECT_RECLAIM_BEGIN, order, gfp, page_allocator->nr_free_pages());
    const unsigned long start = csr_read(cycle);
    current->flags |= PF_MEMALLOC;
    unsigned long reclaimed = 0;
    for (int round = 0;; ++round) {
        bool contended = false;
        reclaimed = do_try_to_free_pages(preferred, gfp, order, &contended);
        // Nothing freed, but pages were left only because their address space was busy (a
        // fault holds its mmap_lock while it waits for the disk): wait a tick for the holder
        // rather than end in the OOM killer (Linux's should_reclaim_retry also retries).
        if (reclaimed || !contended || round == MAX_RECLAIM_RETRIES) break;
        schedule_until(get_cycles() + tick_interval);
    }
    current->flags &= ~PF_MEMALLOC;
    trace_event(MEMVP_EV_DIRECT_RECLAIM_END, reclaimed, page_allocator->nr_free_pages());
    count_vm_events(&memvp_vmstat::allocstall_cycles, csr_read(cycle) - start);
    if (reclaimed) preferred->zone_pgdat->kswapd_failures = 0;
    return reclaimed;
}

// Linux node_reclaim, with zone_reclaim_mode on: only the allocating hart's own node (every node
// here has harts, and Linux leaves a node with CPUs to its own tasks), only for an allocation
// that may sleep and is not reclaim's own, and one pass at a time per node.
long node_reclaim(pglist_data* pgdat, gfp_t gfp, unsigned order, void*)
{
    if (!(gfp & __GFP_DIRECT_RECLAIM) || (current->flags & PF_MEMALLOC)) return NODE_RECLAIM_NOSCAN;
    if (pgdat->node_id.value != numa_node_id().value) return NODE_RECLAIM_NOSCAN;
    if (__atomic_exchange_n(&pgdat->node_reclaim_locked, 1, __ATOMIC_ACQUIRE)) return NODE_RECLAIM_NOSCAN;
    current->flags |= PF_MEMALLOC;
    const long reclaimed = __node_reclaim(pgdat, gfp, order);
    current->flags &= ~PF_MEMALLOC;
    __atomic_store_n(&pgdat->node_reclaim_locked, 0, __ATOMIC_RELEASE);
    if (reclaimed == NODE_RECLAIM_FULL) return reclaimed;
    count_vm_event(&memvp_vmstat::node_reclaim);
    if (reclaimed < long(1UL << order)) count_vm_event(&memvp_vmstat::zone_reclaim_failed);
    return reclaimed;
}

}  // namespace

void kswapd_init()
{
    for (int n = 0; n < page_allocator->nr_nodes(); ++n) {
        pglist_data* pgdat = NODE_DATA(NodeId{n});
        init_completion(&kswapd_wake[n]);
        char name[16] = "kswapd0";
        name[6] = char('0' + n);
        pgdat->kswapd = kthread_run(kswapd, pgdat, name);
        if (!pgdat->kswapd) printk("kswapd%d: no memory for the thread\n", n);
    }
    page_allocator->set_reclaim_hooks(reclaim_hooks{wakeup_kswapd, try_to_free_pages, nullptr, node_reclaim});
}

mm_struct* current_fault_mm() { return current->fault_mm; }

void set_current_fault_mm(mm_struct* mm) { current->fault_mm = mm; }
