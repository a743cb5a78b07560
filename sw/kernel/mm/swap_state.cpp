// The swap cache (Linux mm/swap_state.c): pages by swap entry, one xarray per swap device keyed
// by slot offset, under one mutex.
#include "mm/swap_state.h"

#include "kernel/errno.h"
#include "kernel/mutex.h"
#include "kernel/panic.h"
#include "mm/buddy.h"
#include "mm/page.h"
#include "mm/rmap.h"
#include "mm/vm_event.h"

namespace {

mutex cache_mutex;
bool cache_mutex_ready;

mutex* cache_lock()
{
    // First used by swapon, on one hart, before any page can be swapped.
    if (!cache_mutex_ready) {
        mutex_init(&cache_mutex);
        cache_mutex_ready = true;
    }
    return &cache_mutex;
}

}  // namespace

void swap_cache_lock() { mutex_lock(cache_lock()); }
bool swap_cache_trylock() { return mutex_trylock(cache_lock()); }
void swap_cache_unlock() { mutex_unlock(cache_lock()); }

int add_to_swap_cache(page* p, swp_entry_t entry, void** shadowp)
{
    swap_info_struct* si = swp_swap_info(entry);
    BUG_ON(!si || PageSwapCache(p) || !swap_has_cache(entry));
    if (xa_store(&si->swap_cache, swp_offset(entry), p) != 0) return -ENOMEM;
    void* shadow = xa_erase(&si->shadows, swp_offset(entry));
    if (shadowp) *shadowp = shadow;
    get_page_ref(p);
    set_page_flag(p, PG_swapcache);
    p->swap = entry.val;
    count_vm_event(&memvp_vmstat::nr_swapcached);
    return 0;
}

void __delete_from_swap_cache(page* p)
{
    BUG_ON(!PageSwapCache(p));
    const swp_entry_t entry{p->swap};
    swap_info_struct* si = swp_swap_info(entry);
    BUG_ON(xa_erase(&si->swap_cache, swp_offset(entry)) != p);
    clear_page_flag(p, PG_swapcache);
    clear_page_flag(p, PG_dirty);     // its data is the slot's business no more
    clear_page_flag(p, PG_uptodate);  // set while it held the slot's data (mm/swapin.cpp)
    clear_page_flag(p, PG_readahead);
    p->swap = 0;
    dec_vm_events(&memvp_vmstat::nr_swapcached, 1);
}

void delete_from_swap_cache(page* p, void* shadow)
{
    const swp_entry_t entry{p->swap};
    __delete_from_swap_cache(p);
    if (shadow && swap_count(entry)) xa_store(&swp_swap_info(entry)->shadows, swp_offset(entry), shadow);
    swapcache_clear(entry);
    put_page(p);
}

page* lookup_swap_cache(swp_entry_t entry)
{
    swap_info_struct* si = swp_swap_info(entry);
    if (!si) return nullptr;
    auto* p = static_cast<page*>(xa_load(&si->swap_cache, swp_offset(entry)));
    if (p) get_page_ref(p);
    return p;
}

unsigned long total_swapcache_pages() { return read_vm_event(&memvp_vmstat::nr_swapcached); }

bool add_to_swap(page* p)
{
    const swp_entry_t entry = get_swap_page();
    if (!entry.val) return false;
    if (!swap_cache_trylock()) {
        swapcache_clear(entry);
        return false;
    }
    const int r = add_to_swap_cache(p, entry);
    swap_cache_unlock();
    if (r) {
        swapcache_clear(entry);
        return false;
    }
    set_page_flag(p, PG_dirty);
    set_page_flag(p, PG_uptodate);  // the page has the data; the slot has it once written
    return true;
}

void free_swap_and_cache(swp_entry_t entry)
{
    swap_free(entry);
    if (swap_count(entry) || !swap_has_cache(entry)) return;
    swap_cache_lock();
    page* p = lookup_swap_cache(entry);
    // Only the cache and our lookup hold it: no one maps it, reclaim has not isolated it, and no
    // write of it is in flight (Linux __try_to_reclaim_swap).
    const bool unused = p && page_ref_count(p) == 2 && !test_page_flag(p, PG_writeback);
    if (unused) delete_from_swap_cache(p);
    swap_cache_unlock();
    if (p) put_page(p);
}

bool vm_swap_full() { return nr_swap_pages() * 2 < total_swap_pages(); }

bool try_to_free_swap(page* p)
{
    if (!PageSwapCache(p) || test_page_flag(p, PG_writeback) || swap_count(swp_entry_t{p->swap})) return false;
    delete_from_swap_cache(p);
    return true;
}

void free_swap_cache(page* p)
{
    if (!PageSwapCache(p) || page_mapped(p) || swap_count(swp_entry_t{p->swap})) return;
    swap_cache_lock();
    if (PageSwapCache(p) && !page_mapped(p) && !swap_count(swp_entry_t{p->swap}) && !test_page_flag(p, PG_writeback))
        delete_from_swap_cache(p);
    swap_cache_unlock();
}
