// Swap readahead (Linux mm/swap_state.c swap_cluster_readahead and swapin_nr_pages): a fault
// that must read its page from swap also reads the other used slots of the aligned window of
// up to 2^page_cluster slots around it, into the swap cache, in one batch of requests waited
// for together. Pages go out in clusters (mm/swapfile.cpp), so neighbouring slots tend to hold
// pages reclaimed together and used together. The window adapts as Linux's does: it grows with
// the readahead pages that faults found in the cache, and without such hits it is one page
// unless the fault is next to the previous one.
#include "block/blkdev.h"
#include "kernel/completion.h"
#include "kernel/panic.h"
#include "kernel/spinlock.h"
#include "kernel/trace_event.h"
#include "mm/buddy.h"
#include "mm/gfp.h"
#include "mm/memory_model.h"
#include "mm/page.h"
#include "mm/slab.h"
#include "mm/swap.h"
#include "mm/swap_state.h"
#include "mm/vm_event.h"

namespace {

unsigned long ra_prev_offset;
unsigned ra_last_pages;
unsigned ra_hits;  // readahead pages found by faults since the last window was chosen

// Linux __swapin_nr_pages: "pages = hits + 2", rounded up to a power of two of at least 4 when
// there were hits; with none, 2 pages only for a fault next to the previous one (else 1);
// at most max_pages, and not below half the previous window (it shrinks slowly).
unsigned swapin_window(unsigned long prev_offset, unsigned long offset, unsigned hits, unsigned max_pages,
                       unsigned prev_win)
{
    unsigned pages = hits + 2;
    if (pages == 2) {
        if (offset != prev_offset + 1 && offset != prev_offset - 1) pages = 1;
    } else {
        unsigned roundup = 4;
        while (roundup < pages) roundup <<= 1;
        pages = roundup;
    }
    if (pages > max_pages) pages = max_pages;
    if (pages < prev_win / 2) pages = prev_win / 2;
    return pages;
}

// Pages read together: each by its own bio, all submitted, then waited for together.
constexpr unsigned SWAP_BATCH = 16;

struct swap_batch {
    completion done;
    spinlock_t lock;
    int pending;  // bios in flight, plus one while submitting
    unsigned nr;
    page* pages[SWAP_BATCH];
    int status[SWAP_BATCH];
    bio bios[SWAP_BATCH];
};

void swap_batch_end(bio* b)
{
    auto* batch = static_cast<swap_batch*>(b->priv);
    unsigned long flags = spin_lock_irqsave(&batch->lock);
    batch->status[b - batch->bios] = b->status;
    const bool last = --batch->pending == 0;
    spin_unlock_irqrestore(&batch->lock, flags);
    if (last) complete(&batch->done);
}

// Reads the batch's pages; each readahead page that arrived is counted (pswpin, swap_ra),
// marked PG_readahead and up to date, and put on the LRU, where reclaim may free it before
// anyone uses it; one that failed leaves the cache. The target's status, if it was in the
// batch (else 0); the batch is empty after.
int swap_batch_read(swap_batch* batch, const page* target)
{
    init_completion(&batch->done);
    spin_lock_init(&batch->lock);
    batch->pending = int(batch->nr) + 1;
    for (unsigned i = 0; i < batch->nr; ++i) {
        page* p = batch->pages[i];
        const swp_entry_t entry{p->swap};
        batch->bios[i] = bio{swp_swap_info(entry)->bdev, REQ_OP_READ, swap_entry_sector(entry), page_address(p),
                             unsigned(PAGE_SIZE), 0, swap_batch_end, batch};
        submit_bio(&batch->bios[i]);
    }
    unsigned long flags = spin_lock_irqsave(&batch->lock);
    const bool last = --batch->pending == 0;
    spin_unlock_irqrestore(&batch->lock, flags);
    if (last) complete(&batch->done);
    wait_for_completion(&batch->done);
    int target_status = 0;
    for (unsigned i = 0; i < batch->nr; ++i) {
        page* p = batch->pages[i];
        [[maybe_unused]] const swp_entry_t entry{p->swap};  // traced only in the guest
        if (batch->status[i] == 0) {
            count_vm_event(&memvp_vmstat::pswpin);
            trace_event(MEMVP_EV_SWAP_IN, swp_type(entry), swp_offset(entry), page_to_pfn(p));
        }
        if (p == target) {
            target_status = batch->status[i];
            continue;  // the caller's to mark
        }
        if (batch->status[i] == 0) {
            count_vm_event(&memvp_vmstat::swap_ra);
            set_page_flag(p, PG_readahead);
            __atomic_fetch_or(&p->flags, 1UL << PG_uptodate, __ATOMIC_RELEASE);
            lru_cache_add_anon(p);
        } else {
            swap_cache_lock();
            delete_from_swap_cache(p);
            swap_cache_unlock();
        }
        put_page(p);  // the allocation's: the swap cache holds it now, or no one
    }
    batch->nr = 0;
    return target_status;
}

// Linux __read_swap_cache_async for a readahead slot: a fresh page in the swap cache for the
// used slot entry, or nullptr (the slot free or bad, a page already cached for it, no memory).
// The allocation gives up rather than reclaim hard or call the OOM killer.
page* readahead_page(swp_entry_t entry)
{
    page* fresh = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_NORETRY | __GFP_NOWARN);
    if (!fresh) return nullptr;
    swap_cache_lock();
    page* cached = lookup_swap_cache(entry);
    bool added = false;
    if (!cached && swapcache_prepare(entry) == 0) {
        void* shadow = nullptr;
        added = add_to_swap_cache(fresh, entry, &shadow) == 0;
        if (!added) swapcache_clear(entry);
        if (added && shadow) workingset_refault_anon(fresh, shadow);
    }
    swap_cache_unlock();
    if (cached) put_page(cached);
    if (added) return fresh;
    __free_page(fresh);
    return nullptr;
}

}  // namespace

unsigned swapin_nr_pages(unsigned long offset)
{
    const unsigned max_pages = 1u << __atomic_load_n(&page_cluster, __ATOMIC_RELAXED);
    if (max_pages <= 1) return 1;
    const unsigned hits = __atomic_exchange_n(&ra_hits, 0u, __ATOMIC_RELAXED);
    const unsigned pages = swapin_window(ra_prev_offset, offset, hits, max_pages, ra_last_pages);
    if (!hits) ra_prev_offset = offset;
    ra_last_pages = pages;
    return pages;
}

void swap_readahead_hit() { __atomic_add_fetch(&ra_hits, 1u, __ATOMIC_RELAXED); }

int swap_cluster_read(page* target)
{
    const swp_entry_t entry{target->swap};
    swap_info_struct* si = swp_swap_info(entry);
    const unsigned long offset = swp_offset(entry);
    const unsigned long mask = swapin_nr_pages(offset) - 1;
    auto* batch = static_cast<swap_batch*>(kmalloc(sizeof(swap_batch), GFP_KERNEL));
    if (!batch) return swap_readpage(target);
    batch->nr = 0;
    batch->pages[batch->nr++] = target;
    int status = 0;
    if (mask) {
        // The window aligned to its size; slot 0 is the header.
        unsigned long start = offset & ~mask, end = offset | mask;
        if (!start) start = 1;
        if (end >= si->max) end = si->max - 1;
        for (unsigned long off = start; off <= end; ++off) {
            const swp_entry_t e = swp_entry(swp_type(entry), off);
            if (off == offset || !swap_count(e)) continue;  // this one, or no entry names the slot
            page* p = readahead_page(e);
            if (!p) continue;
            if (batch->nr == SWAP_BATCH) status |= swap_batch_read(batch, target);
            batch->pages[batch->nr++] = p;
        }
    }
    status |= swap_batch_read(batch, target);
    kfree(batch);
    return status;
}
