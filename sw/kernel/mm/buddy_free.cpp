// Buddy allocator free path: misuse checks that panic with what and where (double free, wrong
// order, tail or reserved pages), poisoning of freed memory, and the merge with free buddies
// (Linux __free_one_page: buddy pfn = pfn ^ (1 << order), merged head = pfn & buddy pfn).
#include "kernel/panic.h"
#include "mm/buddy.h"
#include "mm/rmap.h"
#include "mm/swap.h"

void BuddyAllocator::check_free_page(page* p, unsigned order)
{
    if (!p) panic("__free_pages: NULL page, order %u", order);
    const unsigned long pfn = page_to_pfn(p);
    if (order >= MAX_ORDER) panic("__free_pages: pfn %#lx with order %u >= MAX_ORDER", pfn, order);
    if (PageReserved(p)) panic("__free_pages: pfn %#lx is reserved, never allocated", pfn);
    if (PageBuddy(p)) panic("__free_pages: double free of pfn %#lx order %u (already on free_area[%u])", pfn, order, p->order);
    if (PageTail(p))
        panic("__free_pages: pfn %#lx is a tail page of the compound block at pfn %#lx", pfn, page_to_pfn(p->head));
    if (page_ref_count(p) <= 0)
        panic("__free_pages: pfn %#lx is not allocated (refcount %d): double free or inside another block", pfn,
              page_ref_count(p));
    if (PageSlab(p)) panic("__free_pages: pfn %#lx still belongs to a slab", pfn);
    if (p->order != order)
        panic("__free_pages: pfn %#lx freed with order %u but allocated with order %u", pfn, order, p->order);
}

void BuddyAllocator::free_pages_prepare(page* p, unsigned order)
{
    if (PageHead(p)) {
        clear_page_flag(p, PG_head);
        for (unsigned long i = 1; i < (1UL << order); ++i) {
            clear_page_flag(p + i, PG_tail);
            p[i].head = nullptr;
        }
    }
    p->order = 0;
    if (page_poisoning_) __builtin_memset(page_address(p), PAGE_POISON, PAGE_SIZE << order);
}

void BuddyAllocator::__free_pages(page* p, unsigned order)
{
    check_free_page(p, order);
    if (!put_page_testzero(p)) return;  // someone else still holds a reference
    if (page_in_anon_rmap(p)) anon_page_release(p);
    __page_cache_release(p);
    free_pages_prepare(p, order);
    zone* z = page_zone(p);
    spin_guard guard(&z->lock);
    free_one_page(z, p, page_to_pfn(p), order);
    z->pgfree++;
}

void BuddyAllocator::put_page(page* p)
{
    page* head = compound_head(p);
    __free_pages(head, head->order);
}

void* BuddyAllocator::__get_free_pages(gfp_t gfp, unsigned order)
{
    page* p = alloc_pages(gfp, order);
    return p ? page_address(p) : nullptr;
}

void BuddyAllocator::free_pages(void* addr, unsigned order)
{
    if (!addr) return;
    page* p = virt_to_page(addr);
    if (!p) panic("free_pages: %p is not in the direct map of any node", addr);
    if (page_address(p) != addr) panic("free_pages: %p is not page aligned", addr);
    __free_pages(p, order);
}

// Caller holds z->lock. Merges while the buddy is a free block of the same order inside this
// zone; the zone span check also keeps the buddy inside this node's mem_map.
void BuddyAllocator::free_one_page(zone* z, page* p, unsigned long pfn, unsigned order)
{
    z->nr_free_pages += 1UL << order;
    while (order < MAX_ORDER - 1) {
        const unsigned long buddy_pfn = pfn ^ (1UL << order);
        if (!z->zone_spans_pfn(buddy_pfn)) break;
        page* buddy = p + (long(buddy_pfn) - long(pfn));
        if (!PageBuddy(buddy) || buddy->order != order) break;
        list_del(&buddy->lru);
        z->free_area[order].nr_free--;
        clear_page_flag(buddy, PG_buddy);
        buddy->order = 0;
        const unsigned long combined_pfn = pfn & buddy_pfn;
        p += long(combined_pfn) - long(pfn);
        pfn = combined_pfn;
        ++order;
    }
    set_page_flag(p, PG_buddy);
    p->order = u8(order);
    list_add(&p->lru, &z->free_area[order].free_list);
    z->free_area[order].nr_free++;
}

void BuddyAllocator::wake_all_kswapds(NodeId nid, gfp_t gfp, unsigned order)
{
    if (!reclaim_.wakeup_kswapd) return;
    const int nr_candidates = (gfp & __GFP_THISNODE) ? 1 : nr_nodes_;
    for (int i = 0; i < nr_candidates; ++i) {
        pglist_data* pgdat = &nodes_[(gfp & __GFP_THISNODE) ? nid.value : node_order_[nid.value][i]];
        for (int zt = gfp_zone(gfp); zt >= 0; --zt) {
            if (!pgdat->node_zones[zt].managed_pages) continue;
            reclaim_.wakeup_kswapd(&pgdat->node_zones[zt], order, reclaim_.ctx);
            break;  // one wake-up per node
        }
    }
}

void BuddyAllocator::record_failure(alloc_failure reason, unsigned order, gfp_t gfp, NodeId nid)
{
    last_failure_ = alloc_failure_info{reason, order, gfp, nid};
}
