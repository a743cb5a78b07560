// Buddy allocator core: node and zone set-up, the allocation path (zonelist walk by node
// distance, __rmqueue_smallest and expand) and the free path (merge with the buddy at
// pfn ^ (1 << order) while it is free, of the same order and in the same zone).
#include "mm/buddy.h"

#include "kernel/log2.h"
#include "kernel/panic.h"
#include "mm/swap.h"
#include "mm/vm_event.h"
#include "mm/vmscan.h"

void BuddyAllocator::init(const mm_layout& layout)
{
    if (layout.nr_nodes < 1 || layout.nr_nodes > MAX_NUMNODES)
        panic("mm: %d NUMA nodes, supported 1..%d", layout.nr_nodes, MAX_NUMNODES);
    nr_nodes_ = layout.nr_nodes;
    page_poisoning_ = layout.page_poisoning;
    bool have_distances = false;
    for (int a = 0; a < nr_nodes_; ++a)
        for (int b = 0; b < nr_nodes_; ++b) have_distances |= layout.distance[a][b] != 0;
    for (int a = 0; a < nr_nodes_; ++a)
        for (int b = 0; b < nr_nodes_; ++b)
            distance_[a][b] = have_distances ? layout.distance[a][b] : (a == b ? LOCAL_DISTANCE : REMOTE_DISTANCE);

    for (int i = 0; i < nr_nodes_; ++i) {
        const node_layout& nl = layout.nodes[i];
        if (nl.nid.value != i) panic("mm: node layout %d has nid %d; nodes must be numbered 0..n-1", i, nl.nid.value);
        init_node(&nodes_[i], nl);
    }
    for (int i = 0; i < nr_nodes_; ++i)
        for (int j = 0; j < nr_nodes_; ++j)
            if (i != j && nodes_[i].node_start_pfn < nodes_[j].node_end_pfn() &&
                nodes_[j].node_start_pfn < nodes_[i].node_end_pfn())
                panic("mm: nodes %d and %d overlap", i, j);
    for (int i = 0; i < nr_nodes_; ++i) node_data[i] = &nodes_[i];
    // A mem_map inside simulated DRAM (carved above, or placed by the caller after the kernel
    // image) must never be handed out: free_memory_range() skips it.
    for (int i = 0; i < nr_nodes_; ++i) {
        pglist_data* pgdat = &nodes_[i];
        const PhysAddr pa = virt_to_phys(pgdat->node_mem_map);
        const unsigned long bytes = pgdat->node_spanned_pages * sizeof(page);
        pgdat->memmap_start_pfn = phys_to_pfn(pa);
        pgdat->memmap_pages = pfn_valid(pgdat->memmap_start_pfn)
                                  ? ALIGN((pa.value & (PAGE_SIZE - 1)) + bytes, PAGE_SIZE) >> PAGE_SHIFT : 0;
    }
    build_zonelists();
}

// If pfn holds some node's mem_map, the pfn after it; otherwise 0, and *limit is lowered to the
// start of the next mem_map below it.
unsigned long BuddyAllocator::skip_memmap(unsigned long pfn, unsigned long* limit) const
{
    for (int i = 0; i < nr_nodes_; ++i) {
        const unsigned long start = nodes_[i].memmap_start_pfn, end = start + nodes_[i].memmap_pages;
        if (!nodes_[i].memmap_pages) continue;
        if (pfn >= start && pfn < end) return end;
        if (start > pfn && start < *limit) *limit = start;
    }
    return 0;
}

void BuddyAllocator::init_node(pglist_data* pgdat, const node_layout& nl)
{
    unsigned long spanned = 0;
    for (unsigned long pages : nl.zone_pages) spanned += pages;
    if (spanned == 0) panic("mm: node %d has no memory", nl.nid.value);
    pgdat->node_id = nl.nid;
    pgdat->node_start_pfn = nl.start_pfn;
    pgdat->node_spanned_pages = spanned;
    lruvec_init(&pgdat->__lruvec);
    if (nl.mem_map) {
        pgdat->node_mem_map = nl.mem_map;
    } else {
        // The node's mem_map lives in its own first pages, so struct page reads stay local.
        if ((ALIGN(spanned * sizeof(page), PAGE_SIZE) >> PAGE_SHIFT) >= spanned)
            panic("mm: node %d too small for its mem_map", nl.nid.value);
        pgdat->node_mem_map = static_cast<page*>(phys_to_virt(pfn_to_phys(nl.start_pfn)));
    }

    unsigned long pfn = nl.start_pfn;
    for (unsigned zt = 0; zt < MAX_NR_ZONES; ++zt) {
        zone* z = &pgdat->node_zones[zt];
        *z = zone{};
        z->zone_pgdat = pgdat;
        z->name = zone_names[zt];
        z->idx = zone_type(zt);
        z->zone_start_pfn = pfn;
        z->spanned_pages = z->present_pages = nl.zone_pages[zt];
        spin_lock_init(&z->lock);
        for (free_area& area : z->free_area) INIT_LIST_HEAD(&area.free_list);
        for (unsigned long i = 0; i < z->spanned_pages; ++i) {
            page* p = pgdat->node_mem_map + (pfn + i - nl.start_pfn);
            *p = page{};
            // Reserved with one reference until released, as Linux's init_single_page leaves it.
            p->flags = 1UL << PG_reserved;
            INIT_LIST_HEAD(&p->lru);
            set_page_count(p, 1);
            p->zone_idx = u8(zt);
            p->node = u16(nl.nid.value);
        }
        pfn += z->spanned_pages;
    }
}

void BuddyAllocator::teardown()
{
    for (int i = 0; i < nr_nodes_; ++i)
        if (node_data[i] == &nodes_[i]) node_data[i] = nullptr;
    if (page_allocator == this) page_allocator = nullptr;
    nr_nodes_ = 0;
}

// Nodes by increasing distance, ties by lower id: the node part of Linux's fallback zonelist.
void BuddyAllocator::build_zonelists()
{
    for (int n = 0; n < nr_nodes_; ++n) {
        u8* order = node_order_[n];
        for (int i = 0; i < nr_nodes_; ++i) order[i] = u8(i);
        for (int i = 1; i < nr_nodes_; ++i)
            for (int j = i; j > 0 && distance_[n][order[j]] < distance_[n][order[j - 1]]; --j) {
                u8 t = order[j];
                order[j] = order[j - 1];
                order[j - 1] = t;
            }
    }
}

void BuddyAllocator::free_memory_range(unsigned long start_pfn, unsigned long end_pfn)
{
    for (int n = 0; n < nr_nodes_; ++n) {
        pglist_data* pgdat = &nodes_[n];
        const unsigned long lo = start_pfn > pgdat->node_start_pfn ? start_pfn : pgdat->node_start_pfn;
        const unsigned long hi = end_pfn < pgdat->node_end_pfn() ? end_pfn : pgdat->node_end_pfn();
        for (zone& z : pgdat->node_zones) {
            unsigned long pfn = lo > z.zone_start_pfn ? lo : z.zone_start_pfn;
            const unsigned long zend = hi < z.zone_end_pfn() ? hi : z.zone_end_pfn();
            while (pfn < zend) {
                unsigned long limit = zend;
                if (unsigned long after = skip_memmap(pfn, &limit)) {
                    pfn = after;
                    continue;
                }
                // Largest block that is naturally aligned and fits (Linux __free_pages_memory).
                unsigned order = MAX_ORDER - 1;
                while (order && ((pfn & ((1UL << order) - 1)) || pfn + (1UL << order) > limit)) --order;
                page* head = pgdat->node_mem_map + (pfn - pgdat->node_start_pfn);
                for (unsigned long i = 0; i < (1UL << order); ++i) {
                    if (!PageReserved(head + i)) panic("mm: pfn %#lx released twice", pfn + i);
                    clear_page_flag(head + i, PG_reserved);
                    set_page_count(head + i, 0);
                }
                free_pages_prepare(head, order);
                spin_guard guard(&z.lock);
                z.managed_pages += 1UL << order;
                free_one_page(&z, head, pfn, order);
                pfn += 1UL << order;
            }
        }
    }
}

void BuddyAllocator::free_all_memory()
{
    for (int n = 0; n < nr_nodes_; ++n) free_memory_range(nodes_[n].node_start_pfn, nodes_[n].node_end_pfn());
}

page* BuddyAllocator::alloc_pages_node(NodeId nid, gfp_t gfp, unsigned order)
{
    if (nid.value < 0) nid = numa_node_id();
    if (nid.value >= nr_nodes_) panic("alloc_pages_node: node %d is not online", nid.value);
    if (order >= MAX_ORDER) {
        record_failure(alloc_failure::bad_order, order, gfp, nid);
        return nullptr;
    }
    // Fast path: any zone above its low watermark (Linux get_page_from_freelist, ALLOC_WMARK_LOW).
    alloc_failure why = alloc_failure::no_zone;
    if (page* p = get_page_from_freelist(nid, gfp, order, ALLOC_WMARK_LOW, &why)) return p;

    // Slow path (Linux __alloc_pages_slowpath): wake kswapd, retry down to min, with the
    // reserves that __GFP_HIGH and atomic callers may use.
    if (gfp & __GFP_KSWAPD_RECLAIM) wake_all_kswapds(nid, gfp, order);
    unsigned alloc_flags = ALLOC_WMARK_MIN;
    if (gfp & __GFP_HIGH) alloc_flags |= ALLOC_HIGH;
    if (!(gfp & __GFP_DIRECT_RECLAIM)) alloc_flags |= ALLOC_HARDER;
    if (page* p = get_page_from_freelist(nid, gfp, order, alloc_flags, &why)) return p;

    if ((gfp & __GFP_DIRECT_RECLAIM) && reclaim_.try_to_free_pages) {
        // Linux should_reclaim_retry, simplified: reclaim again while it makes progress that
        // others take first, up to MAX_RECLAIM_RETRIES rounds; then the OOM killer.
        zone* preferred = &nodes_[nid.value].node_zones[gfp_zone(gfp)];
        for (int round = 0; round < MAX_RECLAIM_RETRIES; ++round) {
            if (!reclaim_.try_to_free_pages(preferred, gfp, order, reclaim_.ctx)) break;
            if (page* p = get_page_from_freelist(nid, gfp, order, alloc_flags, &why)) return p;
        }
    }
    if (page* p = alloc_pages_may_oom(nid, gfp, order, alloc_flags, &why)) return p;
    record_failure(why, order, gfp, nid);
    return nullptr;
}

// Linux __alloc_pages_may_oom, once direct reclaim has given up, with its rules simplified:
// only an allocation that may reclaim and enter the file system, of at most
// PAGE_ALLOC_COSTLY_ORDER, neither __GFP_NORETRY nor __GFP_THISNODE, invokes the OOM killer;
// the others fail. Each round kills at most one
// task, then the allocation is retried; it ends when the allocation succeeds or the OOM killer
// answers that nothing more can be done (no victim left: it panics; the caller itself is dying).
page* BuddyAllocator::alloc_pages_may_oom(NodeId nid, gfp_t gfp, unsigned order, unsigned alloc_flags,
                                          alloc_failure* why)
{
    const gfp_t needed = __GFP_DIRECT_RECLAIM | __GFP_FS;
    if (!oom_.out_of_memory || (gfp & needed) != needed || (gfp & (__GFP_NORETRY | __GFP_THISNODE)) ||
        order > PAGE_ALLOC_COSTLY_ORDER)
        return nullptr;
    while (oom_.out_of_memory(gfp, order, oom_.ctx))
        if (page* p = get_page_from_freelist(nid, gfp, order, alloc_flags, why)) return p;
    return nullptr;
}

namespace {

// Linux zone_statistics: an allocation from z for the preferred node counts as a hit there, or
// as a miss (on z's node) and foreign (on the preferred one); as local when z is on the
// allocating hart's node, else other. The figures are the machine's sums.
void zone_statistics(NodeId preferred, const zone* z)
{
    const int node = z->zone_pgdat->node_id.value;
    if (node == preferred.value) {
        count_vm_event(&memvp_vmstat::numa_hit);
    } else {
        count_vm_event(&memvp_vmstat::numa_miss);
        count_vm_event(&memvp_vmstat::numa_foreign);
    }
    count_vm_event(node == numa_node_id().value ? &memvp_vmstat::numa_local : &memvp_vmstat::numa_other);
}

}  // namespace

page* BuddyAllocator::get_page_from_freelist(NodeId nid, gfp_t gfp, unsigned order, unsigned alloc_flags,
                                             alloc_failure* why)
{
    const int nr_candidates = (gfp & __GFP_THISNODE) ? 1 : nr_nodes_;
    for (int i = 0; i < nr_candidates; ++i) {
        pglist_data* pgdat = &nodes_[(gfp & __GFP_THISNODE) ? nid.value : node_order_[nid.value][i]];
        // Within a node, the highest allowed zone first, so DMA32 is kept for those who need it.
        for (int zt = gfp_zone(gfp); zt >= 0; --zt) {
            zone* z = &pgdat->node_zones[zt];
            if (!z->managed_pages) continue;
            page* p = rmqueue_if_above(z, order, alloc_flags, why);
            // Linux get_page_from_freelist with zone_reclaim_mode: below the watermark, the node
            // is reclaimed (if the hook agrees: the local node, page cache enough) before the next
            // zone or node is tried.
            if (!p && node_reclaim_mode && reclaim_.node_reclaim &&
                reclaim_.node_reclaim(pgdat, gfp, order, reclaim_.ctx) > 0)
                p = rmqueue_if_above(z, order, alloc_flags, why);
            if (p) {
                prep_new_page(p, order, gfp);
                zone_statistics(nid, z);
                return p;
            }
        }
    }
    return nullptr;
}

page* BuddyAllocator::rmqueue_if_above(zone* z, unsigned order, unsigned alloc_flags, alloc_failure* why)
{
    spin_guard guard(&z->lock);
    alloc_failure zwhy = alloc_failure::none;
    if (zone_watermark_ok(z, order, z->_watermark[alloc_flags & ALLOC_WMARK_MASK], alloc_flags, &zwhy))
        return rmqueue(z, order);
    if (*why == alloc_failure::no_zone) *why = zwhy;  // report the preferred zone's reason, as warn_alloc does
    return nullptr;
}

// Linux __rmqueue_smallest: the smallest free block of at least the requested order.
page* BuddyAllocator::rmqueue(zone* z, unsigned order)
{
    for (unsigned current = order; current < MAX_ORDER; ++current) {
        free_area* area = &z->free_area[current];
        if (list_empty(&area->free_list)) continue;
        page* p = list_first_entry(&area->free_list, page, lru);
        list_del(&p->lru);
        area->nr_free--;
        clear_page_flag(p, PG_buddy);
        expand(z, p, order, current);
        z->nr_free_pages -= 1UL << order;
        z->pgalloc++;
        return p;
    }
    return nullptr;
}

// Split a block of order high down to order low, returning each upper half to the free lists.
void BuddyAllocator::expand(zone* z, page* p, unsigned low, unsigned high)
{
    unsigned long size = 1UL << high;
    while (high > low) {
        --high;
        size >>= 1;
        page* half = p + size;
        set_page_flag(half, PG_buddy);
        half->order = u8(high);
        list_add(&half->lru, &z->free_area[high].free_list);
        z->free_area[high].nr_free++;
    }
}

void BuddyAllocator::prep_new_page(page* p, unsigned order, gfp_t gfp)
{
    const unsigned long bytes = PAGE_SIZE << order;
    void* addr = page_address(p);
    if (page_poisoning_) {
        // A byte that is no longer PAGE_POISON was written after free (Linux check_poison_mem).
        const u8* b = static_cast<const u8*>(addr);
        for (unsigned long i = 0; i < bytes; ++i)
            if (b[i] != PAGE_POISON)
                panic("pagealloc: memory corruption in freed pfn %#lx at byte %#lx: %#x, expected %#x",
                      page_to_pfn(p) + (i >> PAGE_SHIFT), i & (PAGE_SIZE - 1), b[i], PAGE_POISON);
    }
    set_page_count(p, 1);
    p->order = u8(order);
    if (gfp & __GFP_ZERO) __builtin_memset(addr, 0, bytes);
    if ((gfp & __GFP_COMP) && order) {
        set_page_flag(p, PG_head);
        for (unsigned long i = 1; i < (1UL << order); ++i) {
            set_page_flag(p + i, PG_tail);
            p[i].head = p;
        }
    }
}
