// The swap cache (Linux mm/swap_state.c) and swap I/O (mm/page_io.c): a page on its way to or
// from a swap slot is found by its swap entry, in its device's swap_cache xarray keyed by the
// slot offset, so that a second fault on the same entry, or on another PTE that names it after
// fork, finds the page rather than reading it twice. Each page there holds SWAP_HAS_CACHE on its
// slot (mm/swapfile.h) and a reference, and counts in SwapCached.
#pragma once

#include "mm/swapfile.h"

struct page;
struct vm_area_struct;

// Serialises the swap caches' xarrays (Linux's xa_lock, a mutex here since a store allocates
// nodes and may sleep). Reclaim, which may run inside such an allocation, takes it only with
// mutex_trylock.
void swap_cache_lock();
bool swap_cache_trylock();
void swap_cache_unlock();

// Linux add_to_swap_cache: p (order 0, held by the caller) enters the cache at entry, whose
// SWAP_HAS_CACHE the caller claimed (get_swap_page or swapcache_prepare); the cache takes a
// reference. The workingset shadow left at the slot, if any, goes to *shadowp (when given;
// else it is dropped: a slot handed out again). 0 or -ENOMEM (nothing changed). Under
// swap_cache_lock.
int add_to_swap_cache(page* p, swp_entry_t entry, void** shadowp = nullptr);
// Linux __delete_from_swap_cache: p leaves the cache; its reference and the slot's
// SWAP_HAS_CACHE are the caller's to drop. Under swap_cache_lock.
void __delete_from_swap_cache(page* p);
// Linux delete_from_swap_cache: p leaves the cache, the slot's SWAP_HAS_CACHE is cleared (the
// slot freed if no entry names it) and the cache's reference dropped; reclaim passes the
// workingset shadow (workingset_eviction) to keep at the slot for the page's refault (without
// memory for it, none is kept). Under swap_cache_lock.
void delete_from_swap_cache(page* p, void* shadow = nullptr);
// The page cached for entry with a reference taken, or nullptr (Linux lookup_swap_cache without
// the readahead statistics). Under swap_cache_lock.
page* lookup_swap_cache(swp_entry_t entry);
// Pages in every device's swap cache (SwapCached).
unsigned long total_swapcache_pages();

// Linux add_to_swap for reclaim: a slot for the anonymous page p (isolated), p in the swap
// cache there and marked dirty (it must be written before it can be freed). False, nothing
// changed, when swap is full or the swap cache is busy.
bool add_to_swap(page* p);
// Linux free_swap_and_cache: a PTE holding entry goes (zap, exit); when only the swap cache
// still holds the slot and no one maps or is using its page, the page leaves the cache too and
// the slot is freed. Task context (takes swap_cache_lock).
void free_swap_and_cache(swp_entry_t entry);
// Linux free_swap_cache (from free_pages_and_swap_cache, as zap frees pages): the anonymous
// page p, just unmapped, leaves the swap cache when no PTE maps it and no entry names its slot
// any more, so that the slot is freed now rather than when reclaim finds the page. Task context.
void free_swap_cache(page* p);
// Linux vm_swap_full: less than half of all swap slots is free. From then on a page read back
// gives up its slot (do_swap_page) and an activated one too (reclaim), so that slots go to
// pages not yet on swap.
bool vm_swap_full();
// Linux folio_free_swap: the swap-cache page p gives up its slot when no swap entry names it
// any more and it is not being written: out of the cache, its slot freed. True if it did.
// The page then has the only copy of its data, so reclaim writes it again (add_to_swap).
// Under swap_cache_lock.
bool try_to_free_swap(page* p);
// Linux do_swap_page: a fault on the swap PTE *pte (orig) at addr in vma (mmap_lock held for
// writing; flags the fault's FAULT_FLAG_*): the page from the swap cache (a minor fault) or
// read from the device into it (VM_FAULT_MAJOR), mapped again read-only; the PTE's hold on the
// slot is dropped. The page stays in the cache with its slot, a clean copy that reclaim frees
// without writing it again, unless swap is more than half full or the fault is a write by the
// page's only user (Linux should_try_to_free_swap): then it gives up the slot (try_to_free_swap)
// and do_wp_page (the caller's, for a write) reuses it in place.
unsigned do_swap_page(vm_area_struct* vma, unsigned long addr, pte_t* pte, unsigned flags);

// Linux page_cluster (vm.page-cluster, default 3): swap-in reads up to 2^page_cluster slots
// around the faulting one (0: only that one). The sysctl.vm.page-cluster= bootarg.
inline constexpr unsigned PAGE_CLUSTER_MAX = 31;  // Linux page_cluster_max
inline unsigned page_cluster = 3;
// Linux swapin_nr_pages: the readahead window for a fault at slot offset, in pages (a power of
// two, at most 2^page_cluster), from the readahead hits since the last call.
unsigned swapin_nr_pages(unsigned long offset);
// A fault found a page that readahead brought in (it had PG_readahead): one more hit.
void swap_readahead_hit();
// Linux swap_cluster_readahead for target (fresh in the swap cache, not yet read): target and
// the used slots of its window (swapin_nr_pages) that have no page in the cache yet, read in
// batches; the readahead pages enter the cache up to date with PG_readahead, on the inactive
// anon list. Counted in pswpin, and in swap_ra for the readahead pages. Target's status:
// 0 or -errno (target not yet marked up to date).
int swap_cluster_read(page* target);

// Slot offset N is the device's page N: sectors 8N to 8N + 7, the header being page 0.
inline u64 swap_entry_sector(swp_entry_t entry) { return u64(swp_offset(entry)) << (PAGE_SHIFT - 9); }

// Linux swap_writepage / swap_readpage, synchronous: the page's 4 KiB to or from its slot
// (sector offset × 8 of the device), under PG_writeback while written;
// counted in pswpout / pswpin. 0 or -errno. A page in the swap cache has PG_uptodate once it
// holds the data (added by reclaim, or read): a fault that finds it without retries.
int swap_writepage(page* p);
int swap_readpage(page* p);
