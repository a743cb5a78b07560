// Swap-in on fault (Linux mm/memory.c do_swap_page, with swap_cluster_readahead): the page of a swap PTE
// found in the swap cache or read from its slot, and mapped again; the slot kept while swap is
// less than half full.
#include "kernel/panic.h"
#include "mm/internal.h"
#include "mm/rmap.h"
#include "mm/swap.h"
#include "mm/swap_state.h"
#include "mm/vm_event.h"

namespace {

// The page for entry, in the swap cache with a reference for the caller: found there (*major
// false) or read into fresh (*major true). nullptr with *retry false when no memory or the read
// failed; with *retry true when another fault is still reading it (PG_uptodate clear: Linux
// waits on the page lock; the access is retried instead).
page* swapin_page(swp_entry_t entry, bool* major, bool* retry)
{
    *major = *retry = false;
    // Allocated before the lock: the allocation may reclaim, and reclaim takes the lock.
    page* fresh = alloc_page(GFP_HIGHUSER_MOVABLE);
    swap_cache_lock();
    page* p = lookup_swap_cache(entry);
    bool added = false;
    if (!p && fresh && swapcache_prepare(entry) == 0) {
        void* shadow = nullptr;
        added = add_to_swap_cache(fresh, entry, &shadow) == 0;
        if (!added) swapcache_clear(entry);
        if (added && shadow) workingset_refault_anon(fresh, shadow);
    }
    swap_cache_unlock();
    if (added) {
        // Read without the cache's lock, which reclaim needs meanwhile; a fault on the same
        // entry finds the page not yet up to date and retries.
        const int r = swap_cluster_read(fresh);
        if (r == 0) {
            __atomic_fetch_or(&fresh->flags, 1UL << PG_uptodate, __ATOMIC_RELEASE);
            *major = true;
            return fresh;  // the allocation's reference is the caller's, beside the cache's
        }
        swap_cache_lock();
        delete_from_swap_cache(fresh);
        swap_cache_unlock();
    }
    if (fresh) __free_page(fresh);
    if (p && !(__atomic_load_n(&p->flags, __ATOMIC_ACQUIRE) & (1UL << PG_uptodate))) {
        put_page(p);
        *retry = true;
        return nullptr;
    }
    // Linux swap_cache_get_folio: a page readahead brought in is a hit, once.
    if (p && (__atomic_fetch_and(&p->flags, ~(1UL << PG_readahead), __ATOMIC_RELAXED) & (1UL << PG_readahead))) {
        count_vm_event(&memvp_vmstat::swap_ra_hit);
        swap_readahead_hit();
    }
    return p;
}

}  // namespace

vm_fault_t do_swap_page(vm_area_struct* vma, unsigned long addr, pte_t* pte, unsigned flags)
{
    mm_struct* mm = vma->vm_mm;
    const swp_entry_t entry = pte_to_swp_entry(*pte);
    BUG_ON(!swp_swap_info(entry));
    if (anon_vma_prepare(vma)) return VM_FAULT_OOM;
    bool major, retry;
    page* p = swapin_page(entry, &major, &retry);
    if (!p) return retry ? 0 : VM_FAULT_OOM;
    // Only zap, under the mmap_lock this fault holds, changes a swap PTE: it is still ours.
    BUG_ON(!is_swap_pte(*pte) || !(pte_to_swp_entry(*pte) == entry));
    if (PageAnon(p)) {
        page_dup_anon_rmap(p);
    } else {
        // Other entries name the slot: processes of the family may map the page too.
        page_add_new_anon_rmap(p, vma, addr, swap_count(entry) == 1);
        if (!PageSwapBacked(p)) lru_cache_add_anon(p);  // readahead put it on the list already
    }
    // Mapped read-only: a write goes on to do_wp_page, which takes the page over or copies it.
    *pte = mk_leaf(page_to_pfn(p), vm_get_page_prot(vma->vm_flags) & ~_PAGE_W);
    mm->rss++;
    mm->swapents--;
    swap_free(entry);
    // Linux should_try_to_free_swap: the clean copy on swap is kept (reclaim then frees the page
    // without writing it) unless slots run short, or a write is coming from the page's only
    // user (the cache's reference and ours), which do_wp_page will then reuse in place.
    const bool write = flags & FAULT_FLAG_WRITE;
    swap_cache_lock();
    if (PageSwapCache(p) && (vm_swap_full() || (write && page_ref_count(p) == 2))) try_to_free_swap(p);
    swap_cache_unlock();
    local_flush_tlb_page(addr);  // the caller's reference is the PTE's now
    return major ? VM_FAULT_MAJOR : 0;
}
