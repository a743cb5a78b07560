// The LRU lists (Linux mm/swap.c, include/linux/mm_inline.h, include/linux/swap.h): each node's
// lruvec holds its anonymous and file pages on an inactive and an active list. Pages enter the
// inactive list on an anonymous fault or a page-cache insertion, move to the active list on
// their second use (mark_page_accessed), and leave when freed. Reclaim (mm/vmscan.cpp) isolates
// pages from the tails and puts back those it keeps.
#pragma once

#include "mm/memory_model.h"

void lruvec_init(lruvec* lv);
inline lruvec* page_lruvec(const page* p) { return &node_data[p->node]->__lruvec; }

// Which list p belongs on by its flags (Linux folio_lru_list).
inline bool page_is_file_lru(const page* p) { return !PageSwapBacked(p); }
inline lru_list page_lru_base_type(const page* p)
{
    return page_is_file_lru(p) ? LRU_INACTIVE_FILE : LRU_INACTIVE_ANON;
}
inline lru_list page_lru(const page* p) { return lru_list(page_lru_base_type(p) + (PageActive(p) ? LRU_ACTIVE : 0)); }
inline bool is_file_lru(lru_list lru) { return lru >= LRU_INACTIVE_FILE; }
inline bool is_active_lru(lru_list lru) { return lru == LRU_ACTIVE_ANON || lru == LRU_ACTIVE_FILE; }

// Linux lru_cache_add: an order-0 page the caller holds enters its node's inactive list (file,
// or anon when PG_swapbacked is set: lru_cache_add_anon).
void lru_cache_add(page* p);
void lru_cache_add_anon(page* p);
// Linux mark_page_accessed: the first use sets PG_referenced; a second one on the inactive
// list moves the page to the active list (pgactivate).
void mark_page_accessed(page* p);
// Linux __page_cache_release: p's last reference is gone; off its list, LRU flags cleared.
void __page_cache_release(page* p);
// For a caller about to free p through its own list (mmu_gather): true when the caller holds
// the only reference, p is then off the LRU and p->lru is the caller's; false (nothing changed)
// when someone else holds p, reclaim included.
bool lru_del_sole_user(page* p);

// Linux isolate_lru_folios: up to nr_to_scan pages from the tail of list lru onto dst, each
// with a reference taken and PG_lru cleared; pages whose last reference is being dropped are
// left alone. Returns the pages taken; *nr_scanned counts those looked at.
unsigned long isolate_lru_pages(lruvec* lv, lru_list lru, unsigned long nr_to_scan, list_head* dst,
                                unsigned long* nr_scanned);
// Linux move_folios_to_lru: every page on list back onto the list its flags name, dropping the
// isolation reference (a page whose last user left meanwhile is freed).
void putback_lru_pages(list_head* list);
// Pages on list lru of every node (Active(file) and the like).
unsigned long global_lru_pages(lru_list lru);

// Workingset detection (mm/workingset.cpp). Counts nr evictions or activations on lv.
void workingset_age_nonresident(lruvec* lv, unsigned long nr);
// The shadow entry a file page reclaim is about to free leaves in its file (Linux
// workingset_eviction).
void* workingset_eviction(page* p);
// p, not yet on a list, is added to its file where shadow was: counted as a refault, and
// activated when its refault distance fits in the active file list (Linux workingset_refault).
void workingset_refault(page* p, void* shadow);
// The same for an anonymous page read back from swap (Linux 5.9 workingset_refault for anon):
// activated when the distance fits in the file lists plus, while swap has room, the active anon
// list; counted in workingset_refault_anon, _activate_anon, _restore_anon.
void workingset_refault_anon(page* p, void* shadow);
