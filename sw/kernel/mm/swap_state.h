// The swap cache (Linux mm/swap_state.c) and swap I/O (mm/page_io.c): a page on its way to or
// from a swap slot is found by its swap entry, in its device's swap_cache xarray keyed by the
// slot offset, so that a second fault on the same entry, or on another PTE that names it after
// fork, finds the page rather than reading it twice. Each page there holds SWAP_HAS_CACHE on its
// slot (mm/swapfile.h) and a reference, and counts in SwapCached.
#pragma once

#include "mm/swapfile.h"

struct page;

// Serialises the swap caches' xarrays (Linux's xa_lock, a mutex here since a store allocates
// nodes and may sleep). Reclaim, which may run inside such an allocation, takes it only with
// mutex_trylock.
void swap_cache_lock();
bool swap_cache_trylock();
void swap_cache_unlock();

// Linux add_to_swap_cache: p (order 0, held by the caller) enters the cache at entry, whose
// SWAP_HAS_CACHE the caller claimed (get_swap_page or swapcache_prepare); the cache takes a
// reference. 0 or -ENOMEM (nothing changed). Under swap_cache_lock.
int add_to_swap_cache(page* p, swp_entry_t entry);
// Linux __delete_from_swap_cache: p leaves the cache; its reference and the slot's
// SWAP_HAS_CACHE are the caller's to drop. Under swap_cache_lock.
void __delete_from_swap_cache(page* p);
// Linux delete_from_swap_cache: p leaves the cache, the slot's SWAP_HAS_CACHE is cleared (the
// slot freed if no entry names it) and the cache's reference dropped. Under swap_cache_lock.
void delete_from_swap_cache(page* p);
// The page cached for entry with a reference taken, or nullptr (Linux lookup_swap_cache without
// the readahead statistics). Under swap_cache_lock.
page* lookup_swap_cache(swp_entry_t entry);
// Pages in every device's swap cache (SwapCached).
unsigned long total_swapcache_pages();

// Linux swap_writepage / swap_readpage, synchronous: the page's 4 KiB to or from its slot
// (sector offset × 8 of the device), under PG_writeback while written, PG_uptodate once read;
// counted in pswpout / pswpin. 0 or -errno.
int swap_writepage(page* p);
int swap_readpage(page* p);
