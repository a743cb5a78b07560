// Page reclaim (Linux mm/vmscan.c): the scan of one node's LRU lists at a priority, kswapd's
// balance_pgdat that works a node back above its high watermark, and direct reclaim for an
// allocation below min. Anonymous pages are reclaimed to swap while a swap device has free
// slots, weighed against file pages by vm_swappiness (Linux get_scan_count); without swap only
// file pages are (SCAN_FILE).
#pragma once

#include "mm/buddy.h"
#include "mm/swap.h"

// Linux's scan depth: a pass at priority p looks at list size >> p pages, from 12 down to 0.
inline constexpr int DEF_PRIORITY = 12;
// Pages isolated and handled in one batch (Linux SWAP_CLUSTER_MAX).
inline constexpr unsigned long SWAP_CLUSTER_MAX = 32;

struct scan_control {
    unsigned long nr_to_reclaim;  // a pass over a node stops once it freed this many pages
    gfp_t gfp_mask;               // without __GFP_FS the page cache is left alone
    unsigned order;
    int priority;
    bool may_writepage;           // start write-back of dirty file pages (kswapd only, as Linux)
    bool may_unmap;               // unmap mapped pages (all but node reclaim without RECLAIM_UNMAP)
    bool may_swap;                // reclaim anonymous pages to swap (likewise)
    bool kswapd;                  // counted as pgscan/pgsteal_kswapd, else _direct
    unsigned long nr_scanned;     // inactive-list pages looked at
    unsigned long nr_reclaimed;   // pages freed
    unsigned long nr_contended;   // pages kept because an address space or the swap cache was busy
};

// Linux inactive_is_low: the inactive list is short of the active one by more than the ratio
// sqrt(10 * size in GiB) allows (1 below 1 GiB).
bool inactive_is_low(const lruvec* lv, lru_list inactive_lru);
// Moves up to nr_to_scan pages from the tail of active list lru to its inactive list.
void shrink_active_list(unsigned long nr_to_scan, lruvec* lv, scan_control* sc, lru_list lru);
// Isolates up to nr_to_scan pages from the tail of inactive list lru and frees what it can;
// pages freed.
unsigned long shrink_inactive_list(unsigned long nr_to_scan, lruvec* lv, scan_control* sc, lru_list lru);
// Pages to scan on each list at sc->priority (Linux get_scan_count; nr indexed by lru_list).
void get_scan_count(const lruvec* lv, const scan_control* sc, unsigned long* nr);
// One pass over a node's lists at sc->priority (Linux shrink_lruvec with get_scan_count).
void shrink_lruvec(lruvec* lv, scan_control* sc);
void shrink_node(pglist_data* pgdat, scan_control* sc);

// Some zone of pgdat has order-`order` blocks above its high watermark (Linux pgdat_balanced).
bool pgdat_balanced(const pglist_data* pgdat, unsigned order);
// kswapd's work for pgdat: passes at falling priority until it is balanced; pages freed.
unsigned long balance_pgdat(pglist_data* pgdat, unsigned order);
// Linux node_reclaim_mode (vm.zone_reclaim_mode): 0 takes free pages of the next node before
// reclaiming; with RECLAIM_ZONE an allocation that finds its own node below the watermark first
// reclaims that node's clean unmapped file pages, RECLAIM_WRITE also writes dirty ones,
// RECLAIM_UNMAP also unmaps mapped ones. The sysctl.vm.zone_reclaim_mode= bootarg.
inline constexpr unsigned RECLAIM_ZONE = 1, RECLAIM_WRITE = 2, RECLAIM_UNMAP = 4;
inline unsigned node_reclaim_mode = 0;
// Linux vm_swappiness (vm.swappiness, 0..200, default 60): get_scan_count's weight of anonymous
// against file pages, swappiness : 200 - swappiness. The sysctl.vm.swappiness= bootarg.
inline unsigned vm_swappiness = 60;
// Linux node_reclaim's answers when it does not reclaim: not this node or not now (NOSCAN), or
// too little page cache there to be worth it (FULL).
inline constexpr long NODE_RECLAIM_NOSCAN = -2, NODE_RECLAIM_FULL = -1;
// Linux __node_reclaim: passes over pgdat from priority 4 (NODE_RECLAIM_PRIORITY) down until
// 1 << order pages are free, as node_reclaim_mode allows (writes, unmaps); FULL when the node's
// file pages are not above 1% of its memory (min_unmapped_ratio). Pages freed.
long __node_reclaim(pglist_data* pgdat, gfp_t gfp, unsigned order);

// Direct reclaim for an allocation that found every zone below min: passes at falling priority
// over the nodes in the preferred node's fallback order (the preferred one alone with
// __GFP_THISNODE) until SWAP_CLUSTER_MAX pages are free; pages freed (0: no progress, the
// caller's cue for the OOM killer).
// *contended (if given): some page was kept only because a lock it needed was busy.
unsigned long do_try_to_free_pages(zone* preferred, gfp_t gfp, unsigned order, bool* contended = nullptr);
