// Page reclaim (Linux mm/vmscan.c): isolate a batch from a list's tail, decide each page's fate
// (shrink_folio_list), free the clean unmapped file pages and put the rest back. The page cache
// is changed only with the VFS lock (page_cache_reclaim_lock), so reclaim never races a read,
// a write or a truncate of the same file.
#include "mm/vmscan.h"

#include "fs/fs.h"
#include "kernel/log2.h"
#include "mm/pagemap.h"
#include "mm/rmap.h"
#include "mm/swap_state.h"
#include "mm/vm_event.h"
#include "mm/writeback.h"

namespace {

enum class page_verdict { reclaim, reclaim_clean, keep, activate };

constexpr lru_list all_lrus[] = {LRU_INACTIVE_ANON, LRU_ACTIVE_ANON, LRU_INACTIVE_FILE, LRU_ACTIVE_FILE};

// Linux folio_check_references: the PTEs' accessed bits (test-and-cleared through the file's
// i_mmap) and PG_referenced decide. Used through more than one PTE, or mapped and used again
// since the last pass, or mapped executable: activated. Used through one PTE since the last
// pass: kept inactive, PG_referenced set, for one more round. Not used through a PTE: reclaimed,
// but only if clean when PG_referenced says a read or write used it (RECLAIM_CLEAN).
page_verdict page_check_references(page* p, scan_control* sc)
{
    unsigned long vm_flags;
    const int referenced_ptes = page_referenced(p, &vm_flags);
    const bool referenced_page = test_page_flag(p, PG_referenced);
    clear_page_flag(p, PG_referenced);
    if (referenced_ptes == -1) {
        sc->nr_contended++;
        return page_verdict::keep;
    }
    if (referenced_ptes) {
        set_page_flag(p, PG_referenced);
        if (referenced_page || referenced_ptes > 1 || (vm_flags & VM_EXEC)) return page_verdict::activate;
        return page_verdict::keep;
    }
    // RECLAIM_CLEAN is for file pages only: an anonymous page is written to swap either way.
    return referenced_page && page_is_file_lru(p) ? page_verdict::reclaim_clean : page_verdict::reclaim;
}

// shrink_folio_list for an anonymous page: a slot and the swap cache (add_to_swap), every PTE
// replaced by the swap entry (try_to_unmap), the write (pageout, by kswapd and direct reclaim
// alike, as Linux's), then freed by shrink_page_list once only the cache and the isolation
// hold it. A page read back from swap that kept its slot (do_swap_page) is clean: its slot
// still holds its data, so it is unmapped and freed without a write.
page_verdict anon_page_check(page* p, scan_control* sc)
{
    if (!sc->may_swap || test_page_flag(p, PG_writeback)) return page_verdict::keep;
    if (!sc->may_unmap && page_mapped(p)) return page_verdict::keep;
    const page_verdict refs = page_check_references(p, sc);
    if (refs == page_verdict::keep || refs == page_verdict::activate) return refs;
    if (!PageSwapCache(p)) {
        if (!page_mapped(p) && page_ref_count(p) == 1) return page_verdict::reclaim;  // no user left
        if (!add_to_swap(p)) return page_verdict::activate;  // swap full (Linux activates)
    }
    if (page_mapped(p) && !try_to_unmap(p)) {
        sc->nr_contended++;
        return page_verdict::keep;
    }
    if (page_ref_count(p) > 2) return page_verdict::activate;  // the cache's and ours, and more
    if (test_page_flag(p, PG_dirty)) {
        clear_page_flag(p, PG_dirty);  // Linux clear_page_dirty_for_io: a store after sets it again
        if (swap_writepage(p) != 0) {
            set_page_flag(p, PG_dirty);
            return page_verdict::activate;
        }
        count_vm_event(&memvp_vmstat::nr_vmscan_write);
    }
    return page_verdict::reclaim;
}

// Frees the anonymous page p that anon_page_check gave up: out of the swap cache (its slot
// keeps the data for the swap entries, and its workingset shadow for the refault), then the
// isolation's reference, the last. False, p
// untouched, when the cache is busy or someone took the page meanwhile.
bool free_anon_page(page* p)
{
    if (PageSwapCache(p)) {
        if (!swap_cache_trylock()) return false;
        const bool unused = PageSwapCache(p) && page_ref_count(p) == 2 && !page_mapped(p);
        if (unused) delete_from_swap_cache(p, workingset_eviction(p));
        swap_cache_unlock();
        if (!unused) return false;
    }
    if (page_ref_count(p) != 1) return false;
    put_page(p);
    return true;
}

// Linux shrink_folio_list's decision for one page: the tests before the references, the
// references, the unmap (try_to_unmap) and the write of a dirty page.
page_verdict page_check(page* p, scan_control* sc)
{
    if (!page_is_file_lru(p)) return anon_page_check(p, sc);
    address_space* mapping = p->mapping;
    if (!mapping) return page_verdict::keep;                   // truncated while isolated
    // Under write-back, or being read (readahead holds it until its I/O ends).
    if (test_page_flag(p, PG_writeback) || !test_page_flag(p, PG_uptodate)) return page_verdict::keep;
    if (!sc->may_unmap && page_mapped(p)) return page_verdict::keep;
    const page_verdict refs = page_check_references(p, sc);
    if (refs == page_verdict::keep || refs == page_verdict::activate) return refs;
    // Unmapped everywhere first; an address space that was busy keeps it for a later pass.
    if (page_mapped(p) && !try_to_unmap(p)) return page_verdict::keep;
    if (page_ref_count(p) > 2) return page_verdict::activate;  // the cache's and ours, and more
    if (test_page_flag(p, PG_dirty)) {
        if (refs == page_verdict::reclaim_clean) return page_verdict::keep;
        // pageout: kswapd starts the write; the page is clean when it returns and is freed by
        // a later pass if nobody uses it meanwhile. Direct reclaim leaves it to the flusher.
        bool cleaned;
        if (sc->may_writepage && write_one_page(mapping, p, &cleaned) == 0) count_vm_event(&memvp_vmstat::nr_vmscan_write);
        return page_verdict::keep;
    }
    return page_verdict::reclaim;
}

// Linux shrink_folio_list: frees what page_check allows from the isolated pages on list; the
// rest stay on list (with PG_active set for those to activate). Pages freed.
unsigned long shrink_page_list(list_head* list, scan_control* sc)
{
    unsigned long reclaimed = 0;
    list_head kept;
    INIT_LIST_HEAD(&kept);
    while (!list_empty(list)) {
        page* p = list_first_entry(list, page, lru);
        list_del(&p->lru);
        switch (page_check(p, sc)) {
        case page_verdict::reclaim:
        case page_verdict::reclaim_clean:
            if (!page_is_file_lru(p)) {
                if (!free_anon_page(p)) {
                    sc->nr_contended++;
                    break;  // kept
                }
                ++reclaimed;
                continue;
            }
            delete_from_page_cache(p->mapping, p, workingset_eviction(p));
            put_page(p);  // the isolation reference, the last one
            ++reclaimed;
            continue;
        case page_verdict::activate:
            // Linux activate_locked: with swap more than half full, a page kept in memory gives
            // its slot back to pages not yet on swap.
            if (!page_is_file_lru(p) && PageSwapCache(p) && vm_swap_full() && swap_cache_trylock()) {
                try_to_free_swap(p);
                swap_cache_unlock();
            }
            set_page_flag(p, PG_active);
            count_vm_event(&memvp_vmstat::pgactivate);
            break;
        case page_verdict::keep:
            break;
        }
        list_add_tail(&p->lru, &kept);
    }
    while (!list_empty(&kept)) {
        page* p = list_first_entry(&kept, page, lru);
        list_del(&p->lru);
        list_add_tail(&p->lru, list);
    }
    return reclaimed;
}

// The lock this batch needs: only file pages live in the page cache.
pc_lock reclaim_lock(scan_control* sc, lru_list lru)
{
    if (!is_file_lru(lru)) return pc_lock::nested;
    if (!(sc->gfp_mask & __GFP_FS)) return pc_lock::busy;
    return page_cache_reclaim_lock(sc->kswapd);
}

}  // namespace

bool inactive_is_low(const lruvec* lv, lru_list inactive_lru)
{
    const unsigned long inactive = lv->nr_pages[inactive_lru];
    const unsigned long active = lv->nr_pages[inactive_lru + LRU_ACTIVE];
    const unsigned long gb = (inactive + active) >> (30 - PAGE_SHIFT);
    const unsigned long ratio = gb ? int_sqrt(10 * gb) : 1;
    return inactive * ratio < active;
}

void shrink_active_list(unsigned long nr_to_scan, lruvec* lv, scan_control* sc, lru_list lru)
{
    const pc_lock held = reclaim_lock(sc, lru);
    if (held == pc_lock::busy) return;
    list_head hold;
    INIT_LIST_HEAD(&hold);
    unsigned long scanned;
    const unsigned long taken = isolate_lru_pages(lv, lru, nr_to_scan, &hold, &scanned);
    count_vm_events(&memvp_vmstat::pgrefill, scanned);
    // Every page goes to the inactive list but mapped executable ones used since the last look
    // (Linux shrink_active_list: the accessed bits are cleared either way).
    unsigned long rotated = 0;
    list_for_each_entry(p, &hold, page, lru) {
        unsigned long vm_flags;
        if (page_referenced(p, &vm_flags) > 0 && (vm_flags & VM_EXEC) && page_is_file_lru(p)) {
            ++rotated;
            continue;
        }
        clear_page_flag(p, PG_active);
        set_page_flag(p, PG_workingset);  // it was active once: its refault may restore it
    }
    count_vm_events(&memvp_vmstat::pgdeactivate, taken - rotated);
    putback_lru_pages(&hold);
    if (held == pc_lock::taken) page_cache_reclaim_unlock(held);
}

unsigned long shrink_inactive_list(unsigned long nr_to_scan, lruvec* lv, scan_control* sc, lru_list lru)
{
    const pc_lock held = reclaim_lock(sc, lru);
    if (held == pc_lock::busy) return 0;
    list_head isolated;
    INIT_LIST_HEAD(&isolated);
    unsigned long scanned;
    isolate_lru_pages(lv, lru, nr_to_scan, &isolated, &scanned);
    const bool file = is_file_lru(lru);
    count_vm_events(sc->kswapd ? &memvp_vmstat::pgscan_kswapd : &memvp_vmstat::pgscan_direct, scanned);
    count_vm_events(file ? &memvp_vmstat::pgscan_file : &memvp_vmstat::pgscan_anon, scanned);
    const unsigned long reclaimed = shrink_page_list(&isolated, sc);
    count_vm_events(sc->kswapd ? &memvp_vmstat::pgsteal_kswapd : &memvp_vmstat::pgsteal_direct, reclaimed);
    count_vm_events(file ? &memvp_vmstat::pgsteal_file : &memvp_vmstat::pgsteal_anon, reclaimed);
    putback_lru_pages(&isolated);
    if (held == pc_lock::taken) page_cache_reclaim_unlock(held);
    sc->nr_scanned += scanned;
    sc->nr_reclaimed += reclaimed;
    return reclaimed;
}

void get_scan_count(const lruvec* lv, const scan_control* sc, unsigned long* nr)
{
    // Linux get_scan_count without memory cgroups or reclaim costs: no anonymous scan without a
    // free swap slot (SCAN_FILE); at priority 0 with swappiness, both alike (SCAN_EQUAL);
    // otherwise anon : file = swappiness : 200 - swappiness (SCAN_FRACT), rounded up, so that
    // swappiness 0 scans no anonymous page.
    unsigned long fraction[2] = {0, 1}, denominator = 1;  // [anon, file]
    if (sc->may_swap && nr_swap_pages() > 0 && vm_swappiness) {
        if (sc->priority == 0) {
            fraction[0] = fraction[1] = denominator = 1;
        } else {
            fraction[0] = vm_swappiness;
            fraction[1] = 200 - vm_swappiness;
            denominator = 200;
        }
    }
    for (lru_list lru : all_lrus) {
        const unsigned long scan = lv->nr_pages[lru] >> sc->priority;
        nr[lru] = (scan * fraction[is_file_lru(lru)] + denominator - 1) / denominator;
    }
}

void shrink_lruvec(lruvec* lv, scan_control* sc)
{
    const unsigned long reclaimed_before = sc->nr_reclaimed;
    unsigned long nr[NR_LRU_LISTS] = {};
    get_scan_count(lv, sc, nr);
    while (nr[LRU_INACTIVE_ANON] || nr[LRU_ACTIVE_ANON] || nr[LRU_INACTIVE_FILE] || nr[LRU_ACTIVE_FILE]) {
        for (lru_list lru : all_lrus) {
            const unsigned long batch = nr[lru] < SWAP_CLUSTER_MAX ? nr[lru] : SWAP_CLUSTER_MAX;
            if (!batch) continue;
            nr[lru] -= batch;
            // shrink_list: the active list is aged only while the inactive one is short.
            if (is_active_lru(lru)) {
                if (inactive_is_low(lv, lru_list(lru - LRU_ACTIVE))) shrink_active_list(batch, lv, sc, lru);
            } else {
                shrink_inactive_list(batch, lv, sc, lru);
            }
        }
        if (sc->nr_reclaimed - reclaimed_before >= sc->nr_to_reclaim) break;
    }
}

void shrink_node(pglist_data* pgdat, scan_control* sc) { shrink_lruvec(&pgdat->__lruvec, sc); }

bool pgdat_balanced(const pglist_data* pgdat, unsigned order)
{
    for (const zone& z : pgdat->node_zones)
        if (z.managed_pages && BuddyAllocator::zone_watermark_ok(&z, order, high_wmark_pages(&z), 0)) return true;
    return false;
}

unsigned long balance_pgdat(pglist_data* pgdat, unsigned order)
{
    count_vm_event(&memvp_vmstat::pageoutrun);
    scan_control sc{};
    sc.gfp_mask = GFP_KERNEL;
    sc.order = order;
    sc.may_writepage = true;
    sc.may_unmap = true;
    sc.may_swap = true;
    sc.kswapd = true;
    // kswapd_shrink_node: each pass aims at the zones' high watermarks.
    for (const zone& z : pgdat->node_zones)
        if (z.managed_pages) sc.nr_to_reclaim += high_wmark_pages(&z) > SWAP_CLUSTER_MAX ? high_wmark_pages(&z) : SWAP_CLUSTER_MAX;
    for (sc.priority = DEF_PRIORITY; sc.priority >= 0; --sc.priority) {
        if (pgdat_balanced(pgdat, order)) break;
        // A pass that freed enough is repeated at the same priority (Linux raise_priority).
        do {
            const unsigned long before = sc.nr_reclaimed;
            shrink_node(pgdat, &sc);
            if (sc.nr_reclaimed - before < SWAP_CLUSTER_MAX) break;
        } while (!pgdat_balanced(pgdat, order));
    }
    pgdat->kswapd_failures = sc.nr_reclaimed ? 0 : pgdat->kswapd_failures + 1;
    return sc.nr_reclaimed;
}

unsigned long do_try_to_free_pages(zone* preferred, gfp_t gfp, unsigned order, bool* contended)
{
    scan_control sc{};
    sc.nr_to_reclaim = SWAP_CLUSTER_MAX;
    sc.gfp_mask = gfp;
    sc.order = order;
    sc.may_unmap = true;
    sc.may_swap = true;
    const NodeId nid = preferred->zone_pgdat->node_id;
    const int nr_nodes = (gfp & __GFP_THISNODE) ? 1 : page_allocator->nr_nodes();
    for (sc.priority = DEF_PRIORITY; sc.priority >= 0; --sc.priority) {
        for (int i = 0; i < nr_nodes && sc.nr_reclaimed < sc.nr_to_reclaim; ++i) {
            const int n = (gfp & __GFP_THISNODE) ? nid.value : page_allocator->node_order(nid)[i];
            shrink_node(NODE_DATA(NodeId{n}), &sc);
        }
        if (sc.nr_reclaimed >= sc.nr_to_reclaim) break;
    }
    if (contended) *contended = sc.nr_contended > 0;
    return sc.nr_reclaimed;
}

long __node_reclaim(pglist_data* pgdat, gfp_t gfp, unsigned order)
{
    // node_pagecache_reclaimable against min_unmapped_pages (1% of the node, Linux's default
    // vm.min_unmapped_ratio): the node's file pages, mapped and dirty ones included.
    const lruvec* lv = &pgdat->__lruvec;
    unsigned long managed = 0;
    for (const zone& z : pgdat->node_zones) managed += z.managed_pages;
    if (lv->nr_pages[LRU_INACTIVE_FILE] + lv->nr_pages[LRU_ACTIVE_FILE] <= managed / 100) return NODE_RECLAIM_FULL;
    const unsigned long nr_pages = 1UL << order;
    scan_control sc{};
    sc.nr_to_reclaim = nr_pages > SWAP_CLUSTER_MAX ? nr_pages : SWAP_CLUSTER_MAX;
    sc.gfp_mask = gfp;
    sc.order = order;
    sc.may_writepage = node_reclaim_mode & RECLAIM_WRITE;
    sc.may_unmap = node_reclaim_mode & RECLAIM_UNMAP;
    sc.may_swap = node_reclaim_mode & RECLAIM_UNMAP;  // Linux's may_swap
    constexpr int NODE_RECLAIM_PRIORITY = 4;
    for (sc.priority = NODE_RECLAIM_PRIORITY; sc.priority >= 0 && sc.nr_reclaimed < nr_pages; --sc.priority)
        shrink_node(pgdat, &sc);
    return long(sc.nr_reclaimed);
}
