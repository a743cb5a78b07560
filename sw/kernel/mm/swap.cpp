// The LRU lists (Linux mm/swap.c): adding pages, promoting them on use, taking them off when
// they are freed, and the isolate/putback pair reclaim uses. Every list change happens under
// the node's lru_lock with interrupts off; PG_lru says a page is on a list, so a page reclaim
// has isolated (PG_lru clear, a reference held) is never touched by the free path.
#include "mm/swap.h"

#include "kernel/panic.h"
#include "mm/buddy.h"
#include "mm/vm_event.h"

namespace {

// Caller holds lv->lru_lock.
void add_page_to_lru_list(page* p, lruvec* lv)
{
    const lru_list lru = page_lru(p);
    list_add(&p->lru, &lv->lists[lru]);
    lv->nr_pages[lru]++;
}

void del_page_from_lru_list(page* p, lruvec* lv)
{
    list_del(&p->lru);
    lv->nr_pages[page_lru(p)]--;
}

// Linux get_page_unless_zero: a reference, unless the last one is already being dropped.
bool get_page_unless_zero(page* p)
{
    int ref = page_ref_count(p);
    while (ref > 0)
        if (__atomic_compare_exchange_n(&p->_refcount, &ref, ref + 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
            return true;
    return false;
}

}  // namespace

void lruvec_init(lruvec* lv)
{
    for (unsigned lru = 0; lru < NR_LRU_LISTS; ++lru) {
        INIT_LIST_HEAD(&lv->lists[lru]);
        lv->nr_pages[lru] = 0;
    }
    spin_lock_init(&lv->lru_lock);
}

void lru_cache_add(page* p)
{
    if (PageLRU(p) || PageHead(p) || PageTail(p)) panic("lru_cache_add: pfn %#lx is on an LRU list or compound", page_to_pfn(p));
    lruvec* lv = page_lruvec(p);
    const unsigned long flags = spin_lock_irqsave(&lv->lru_lock);
    set_page_flag(p, PG_lru);
    add_page_to_lru_list(p, lv);
    spin_unlock_irqrestore(&lv->lru_lock, flags);
}

void lru_cache_add_anon(page* p)
{
    set_page_flag(p, PG_swapbacked);
    lru_cache_add(p);
}

void mark_page_accessed(page* p)
{
    if (!test_page_flag(p, PG_referenced)) {
        set_page_flag(p, PG_referenced);
        return;
    }
    if (PageActive(p)) return;
    lruvec* lv = page_lruvec(p);
    const unsigned long flags = spin_lock_irqsave(&lv->lru_lock);
    // Isolated by reclaim: it keeps PG_referenced and stays where reclaim puts it.
    if (PageLRU(p)) {
        del_page_from_lru_list(p, lv);
        set_page_flag(p, PG_active);
        add_page_to_lru_list(p, lv);
        clear_page_flag(p, PG_referenced);
        count_vm_event(&memvp_vmstat::pgactivate);
        workingset_age_nonresident(lv, 1);  // Linux workingset_activation
    }
    spin_unlock_irqrestore(&lv->lru_lock, flags);
}

void __page_cache_release(page* p)
{
    if (PageLRU(p)) {
        lruvec* lv = page_lruvec(p);
        const unsigned long flags = spin_lock_irqsave(&lv->lru_lock);
        del_page_from_lru_list(p, lv);
        clear_page_flag(p, PG_lru);
        spin_unlock_irqrestore(&lv->lru_lock, flags);
    }
    p->flags &= ~((1UL << PG_active) | (1UL << PG_referenced) | (1UL << PG_swapbacked) | (1UL << PG_workingset));
}

bool lru_del_sole_user(page* p)
{
    if (!PageLRU(p)) return page_ref_count(p) == 1;  // isolated pages hold a second reference
    lruvec* lv = page_lruvec(p);
    const unsigned long flags = spin_lock_irqsave(&lv->lru_lock);
    // Isolation takes its reference under this lock, so the count cannot rise behind us.
    const bool sole = page_ref_count(p) == 1;
    if (sole && PageLRU(p)) {
        del_page_from_lru_list(p, lv);
        clear_page_flag(p, PG_lru);
    }
    spin_unlock_irqrestore(&lv->lru_lock, flags);
    return sole;
}

unsigned long isolate_lru_pages(lruvec* lv, lru_list lru, unsigned long nr_to_scan, list_head* dst,
                                unsigned long* nr_scanned)
{
    unsigned long taken = 0, scanned = 0;
    list_head* src = &lv->lists[lru];
    const unsigned long flags = spin_lock_irqsave(&lv->lru_lock);
    for (list_head* pos = src->prev; pos != src && scanned < nr_to_scan;) {
        list_head* prev = pos->prev;
        page* p = list_entry(pos, page, lru);
        ++scanned;
        if (get_page_unless_zero(p)) {
            list_del(&p->lru);
            lv->nr_pages[lru]--;
            clear_page_flag(p, PG_lru);
            list_add(&p->lru, dst);
            ++taken;
        }
        pos = prev;
    }
    spin_unlock_irqrestore(&lv->lru_lock, flags);
    *nr_scanned = scanned;
    return taken;
}

void putback_lru_pages(list_head* list)
{
    while (!list_empty(list)) {
        page* p = list_first_entry(list, page, lru);
        list_del(&p->lru);
        lruvec* lv = page_lruvec(p);
        const unsigned long flags = spin_lock_irqsave(&lv->lru_lock);
        set_page_flag(p, PG_lru);
        add_page_to_lru_list(p, lv);
        spin_unlock_irqrestore(&lv->lru_lock, flags);
        put_page(p);  // the last reference: __free_pages takes it off the list again
    }
}

unsigned long global_lru_pages(lru_list lru)
{
    unsigned long pages = 0;
    for (pglist_data* pgdat : node_data)
        if (pgdat) pages += __atomic_load_n(&pgdat->__lruvec.nr_pages[lru], __ATOMIC_RELAXED);
    return pages;
}
