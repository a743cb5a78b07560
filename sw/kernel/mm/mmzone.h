// Nodes, zones and free areas (Linux <linux/mmzone.h>): each NUMA node (pglist_data) has its
// own mem_map and up to MAX_NR_ZONES zones; each zone has watermarks and one free_area per
// buddy order. Zones of a node are contiguous in the order DMA32, Normal, Movable.
#pragma once

#include "kernel/spinlock.h"
#include "kernel/topology.h"
#include "mm/page.h"

// Buddy orders 0 .. MAX_ORDER-1, i.e. 4 KiB .. 4 MiB blocks (Linux before 6.4 names the
// exclusive bound MAX_ORDER = 11; later kernels call the top order MAX_PAGE_ORDER = 10).
inline constexpr unsigned MAX_ORDER = 11;

enum zone_type : u8 { ZONE_DMA32, ZONE_NORMAL, ZONE_MOVABLE, MAX_NR_ZONES };

inline constexpr const char* zone_names[MAX_NR_ZONES] = {"DMA32", "Normal", "Movable"};

enum zone_watermarks { WMARK_MIN, WMARK_LOW, WMARK_HIGH, NR_WMARK };

// Free blocks of one order. Linux keeps one list per migrate type; there is one here.
struct free_area {
    list_head free_list;
    unsigned long nr_free;  // blocks (not pages) on free_list
};

struct pglist_data;

struct zone {
    unsigned long _watermark[NR_WMARK];
    pglist_data* zone_pgdat;
    const char* name;
    zone_type idx;
    unsigned long zone_start_pfn;
    unsigned long spanned_pages;
    unsigned long present_pages;
    unsigned long managed_pages;  // pages handed to the buddy allocator
    unsigned long nr_free_pages;  // Linux vm_stat NR_FREE_PAGES
    unsigned long nr_free_reported;  // nr_free_pages as the last zone_free event gave it (event port)
    unsigned long pgalloc;        // blocks allocated from this zone (vm event pgalloc_*)
    unsigned long pgfree;         // blocks freed to this zone
    spinlock_t lock;
    struct free_area free_area[MAX_ORDER];

    unsigned long zone_end_pfn() const { return zone_start_pfn + spanned_pages; }
    bool zone_spans_pfn(unsigned long pfn) const { return pfn >= zone_start_pfn && pfn < zone_end_pfn(); }
    bool populated() const { return present_pages != 0; }
};

inline unsigned long min_wmark_pages(const zone* z) { return z->_watermark[WMARK_MIN]; }
inline unsigned long low_wmark_pages(const zone* z) { return z->_watermark[WMARK_LOW]; }
inline unsigned long high_wmark_pages(const zone* z) { return z->_watermark[WMARK_HIGH]; }

// The LRU lists of one node (Linux enum lru_list, struct lruvec): an inactive and an active
// list for anonymous and for file pages, newest at the head; reclaim takes from the tails.
enum lru_list : u8 { LRU_INACTIVE_ANON, LRU_ACTIVE_ANON, LRU_INACTIVE_FILE, LRU_ACTIVE_FILE, NR_LRU_LISTS };

inline constexpr lru_list LRU_ACTIVE = LRU_ACTIVE_ANON;  // added to an inactive list: its active one
inline constexpr lru_list LRU_FILE = LRU_INACTIVE_FILE;  // added to an anon list: the file one

struct lruvec {
    list_head lists[NR_LRU_LISTS];
    unsigned long nr_pages[NR_LRU_LISTS];
    spinlock_t lru_lock;  // lists, nr_pages and the PG_lru/PG_active bits of pages on them
    unsigned long nonresident_age;  // evictions and activations so far (mm/workingset.cpp)
};

struct task_struct;

struct pglist_data {
    NodeId node_id;
    unsigned long node_start_pfn;
    unsigned long node_spanned_pages;
    unsigned long memmap_start_pfn;  // where node_mem_map itself lies in DRAM; these pages are never
    unsigned long memmap_pages;      // released to the buddy lists (0 when it lies outside all nodes)
    page* node_mem_map;
    zone node_zones[MAX_NR_ZONES];
    lruvec __lruvec;
    task_struct* kswapd;          // this node's kswapd, nullptr until started (mm/kswapd.cpp)
    int kswapd_wait;              // kswapd sleeps until this is set by wakeup_kswapd
    unsigned kswapd_order;        // the largest order a wakeup asked for
    unsigned long kswapd_failures;// balance_pgdat runs that reclaimed nothing (Linux MAX_RECLAIM_RETRIES)
    int node_reclaim_locked;      // a node reclaim runs here (Linux PGDAT_RECLAIM_LOCKED)

    unsigned long node_end_pfn() const { return node_start_pfn + node_spanned_pages; }
};
