// The buddy page allocator (Linux mm/page_alloc.c): per-zone free_area[order] lists, split on
// allocation, merge with the buddy at pfn ^ (1 << order) on free, watermark checks, NUMA
// fallback by node distance, and the hooks through which kswapd and direct reclaim will plug in.
#pragma once

#include "kernel/seq_buf.h"
#include "mm/gfp.h"
#include "mm/memory_model.h"

// Where one node's memory lies. Zones follow each other from start_pfn in zone_type order.
struct node_layout {
    NodeId nid;
    unsigned long start_pfn;
    unsigned long zone_pages[MAX_NR_ZONES];
    // nullptr: place mem_map in the first pages of the node (Linux memblock_alloc); a pointer
    // into the direct map (e.g. after the kernel image) or outside DRAM is used as given.
    page* mem_map;
};

struct mm_layout {
    int nr_nodes;
    node_layout nodes[MAX_NUMNODES];
    // SLIT distances (10 = local); all-zero means LOCAL_DISTANCE / REMOTE_DISTANCE.
    u8 distance[MAX_NUMNODES][MAX_NUMNODES];
    // Fill freed pages with PAGE_POISON and check the fill on allocation (Linux page_poison=1).
    bool page_poisoning;
};

inline constexpr u8 PAGE_POISON = 0xaa;

// alloc_flags of the allocation path (Linux mm/internal.h): which watermark, which reserves.
enum alloc_flag : unsigned {
    ALLOC_WMARK_MIN = WMARK_MIN,
    ALLOC_WMARK_LOW = WMARK_LOW,
    ALLOC_WMARK_HIGH = WMARK_HIGH,
    ALLOC_WMARK_MASK = 0x07,
    ALLOC_HARDER = 0x10,  // atomic callers: min -= min / 4
    ALLOC_HIGH = 0x20,    // __GFP_HIGH: min -= min / 2
};

// Why the last allocation returned nullptr.
enum class alloc_failure : u8 {
    none,
    bad_order,     // order >= MAX_ORDER
    no_zone,       // no populated zone allowed by gfp and node
    watermark,     // free pages would fall below the watermark
    fragmentation, // enough free pages, but not in blocks of the needed order
};

const char* alloc_failure_name(alloc_failure f);

struct alloc_failure_info {
    alloc_failure reason;
    unsigned order;
    gfp_t gfp;
    NodeId preferred;
};

// Reclaim plugs in here (none is implemented yet). wakeup_kswapd is called once per node on
// the slow path (Linux wake_all_kswapds); try_to_free_pages is direct reclaim, returning the
// number of pages it freed.
struct reclaim_hooks {
    void (*wakeup_kswapd)(zone* z, unsigned order, void* ctx);
    unsigned long (*try_to_free_pages)(zone* preferred, gfp_t gfp, unsigned order, void* ctx);
    void* ctx;
    // With zone_reclaim_mode (mm/vmscan.h): reclaim pgdat before the allocation falls back to the
    // next node (Linux node_reclaim); pages freed, or a negative NODE_RECLAIM_* when it did not run.
    long (*node_reclaim)(pglist_data* pgdat, gfp_t gfp, unsigned order, void* ctx) = nullptr;
};

// Rounds of direct reclaim that make progress but leave the allocation unserved before the
// OOM killer is asked (Linux MAX_RECLAIM_RETRIES).
inline constexpr int MAX_RECLAIM_RETRIES = 16;

// The OOM killer plugs in here (Linux out_of_memory, proc/oom_kill_task.cpp in the kernel). It is
// called when an allocation that may reclaim still fails after direct reclaim gave up (no
// progress, or MAX_RECLAIM_RETRIES rounds); true means memory was freed (a victim died or was
// reaped) or another task's OOM kill is in progress, so the allocation is tried again; false:
// nothing left to do, the allocation fails.
struct oom_hooks {
    bool (*out_of_memory)(gfp_t gfp, unsigned order, void* ctx);
    void* ctx;
};

class BuddyAllocator {
public:
    BuddyAllocator() = default;
    // Free lists point into the allocator's own zones, so it never moves.
    BuddyAllocator(const BuddyAllocator&) = delete;
    BuddyAllocator& operator=(const BuddyAllocator&) = delete;

    // Linux free_area_init(): registers the nodes in node_data[], lays out their zones and
    // mem_map; every page starts PG_reserved until free_memory_range() releases it.
    void init(const mm_layout& layout);
    // Forget the nodes (node_data[] entries) again; for tests that build several allocators.
    void teardown();

    // Linux memblock_free_all(): hand [start_pfn, end_pfn) to the buddy lists in the largest
    // aligned blocks; pages holding any node's mem_map stay reserved. The caller leaves out the
    // kernel image, the DTB and anything else in use.
    void free_memory_range(unsigned long start_pfn, unsigned long end_pfn);
    void free_all_memory();

    // Linux init_per_zone_wmark_min(): the default min_free_kbytes, sqrt(lowmem_kbytes * 16)
    // clamped to [128, 262144].
    unsigned long default_min_free_kbytes() const;
    // Linux __setup_per_zone_wmarks(): split min_free_kbytes over the zones by managed pages.
    void setup_per_zone_wmarks(unsigned long min_free_kbytes);
    unsigned long min_free_kbytes() const { return min_free_kbytes_; }

    page* alloc_pages(gfp_t gfp, unsigned order) { return alloc_pages_node(numa_node_id(), gfp, order); }
    page* alloc_pages_node(NodeId nid, gfp_t gfp, unsigned order);
    // Drop the caller's reference; the block returns to the free lists when it was the last.
    void __free_pages(page* p, unsigned order);
    void put_page(page* p);

    void* __get_free_pages(gfp_t gfp, unsigned order);
    void free_pages(void* addr, unsigned order);

    // Linux __zone_watermark_ok() with the given free page count.
    static bool zone_watermark_ok(const zone* z, unsigned order, unsigned long mark, unsigned alloc_flags,
                                  alloc_failure* why = nullptr);

    // /proc/buddyinfo: one line per populated zone, free block counts per order.
    void buddyinfo(seq_buf* out) const;

    unsigned long nr_free_pages() const;
    unsigned long totalram_pages() const;
    // MemAvailable (Linux si_mem_available): free pages above the reserves plus the page cache
    // reclaim could free without going below the low watermarks.
    unsigned long si_mem_available() const;
    int nr_nodes() const { return nr_nodes_; }
    u8 node_distance(NodeId a, NodeId b) const { return distance_[a.value][b.value]; }
    // Fallback order for allocations from nid: nodes by increasing distance (Linux build_zonelists).
    const u8* node_order(NodeId nid) const { return node_order_[nid.value]; }
    const alloc_failure_info& last_failure() const { return last_failure_; }

    void set_reclaim_hooks(const reclaim_hooks& hooks) { reclaim_ = hooks; }
    void set_oom_hooks(const oom_hooks& hooks) { oom_ = hooks; }
    bool page_poisoning() const { return page_poisoning_; }

private:
    void init_node(pglist_data* pgdat, const node_layout& nl);
    unsigned long skip_memmap(unsigned long pfn, unsigned long* limit) const;
    void build_zonelists();
    page* get_page_from_freelist(NodeId nid, gfp_t gfp, unsigned order, unsigned alloc_flags,
                                 alloc_failure* why);
    page* rmqueue(zone* z, unsigned order);
    page* rmqueue_if_above(zone* z, unsigned order, unsigned alloc_flags, alloc_failure* why);
    void expand(zone* z, page* p, unsigned low, unsigned high);
    void prep_new_page(page* p, unsigned order, gfp_t gfp);
    void free_one_page(zone* z, page* p, unsigned long pfn, unsigned order);
    void free_pages_prepare(page* p, unsigned order);
    void check_free_page(page* p, unsigned order);
    void wake_all_kswapds(NodeId nid, gfp_t gfp, unsigned order);
    page* alloc_pages_may_oom(NodeId nid, gfp_t gfp, unsigned order, unsigned alloc_flags, alloc_failure* why);
    void record_failure(alloc_failure reason, unsigned order, gfp_t gfp, NodeId nid);

    pglist_data nodes_[MAX_NUMNODES] = {};
    int nr_nodes_ = 0;
    u8 distance_[MAX_NUMNODES][MAX_NUMNODES] = {};
    u8 node_order_[MAX_NUMNODES][MAX_NUMNODES] = {};
    unsigned long min_free_kbytes_ = 0;
    bool page_poisoning_ = true;
    reclaim_hooks reclaim_ = {};
    oom_hooks oom_ = {};
    alloc_failure_info last_failure_ = {};
};

// The kernel's one page allocator, for code that does not carry a reference to it.
inline BuddyAllocator* page_allocator = nullptr;

// Linux's free-function interface, for kernel code; page_allocator must be set at boot.
inline page* alloc_pages(gfp_t gfp, unsigned order) { return page_allocator->alloc_pages(gfp, order); }
inline page* alloc_pages_node(NodeId nid, gfp_t gfp, unsigned order)
{
    return page_allocator->alloc_pages_node(nid, gfp, order);
}
inline page* alloc_page(gfp_t gfp) { return page_allocator->alloc_pages(gfp, 0); }
inline void __free_pages(page* p, unsigned order) { page_allocator->__free_pages(p, order); }
inline void __free_page(page* p) { page_allocator->__free_pages(p, 0); }
inline void put_page(page* p) { page_allocator->put_page(p); }
inline void* __get_free_pages(gfp_t gfp, unsigned order) { return page_allocator->__get_free_pages(gfp, order); }
inline void free_pages(void* addr, unsigned order) { page_allocator->free_pages(addr, order); }
