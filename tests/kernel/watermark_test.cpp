// Zone watermarks: the split of min_free_kbytes over zones, low = min·5/4 and high = min·3/2,
// the default min_free_kbytes, __zone_watermark_ok's per-order rule, and the kswapd hook.
#include "mm_test_support.h"

#include "mm/vm_event.h"
#include "mm/vmscan.h"

namespace {

const zone& zone_of(int node, zone_type t) { return NODE_DATA(NodeId{node})->node_zones[t]; }

}  // namespace

TEST(kernel_watermark, SplitAcrossZonesByManagedPages)
{
    // 32768 pages in three zones on two nodes; min_free_kbytes 1000 -> pages_min 250.
    MmMachine m({{4096, 12288}, {0, 16384}});
    m.buddy.setup_per_zone_wmarks(1000);
    // DMA32 on node 0: min = 250 * 4096 / 32768 = 31 (31.25 floored)
    EXPECT_EQ(min_wmark_pages(&zone_of(0, ZONE_DMA32)), 31u);
    EXPECT_EQ(low_wmark_pages(&zone_of(0, ZONE_DMA32)), 38u);   // 31 * 5 / 4
    EXPECT_EQ(high_wmark_pages(&zone_of(0, ZONE_DMA32)), 46u);  // 31 * 3 / 2
    // Normal on node 0: 250 * 12288 / 32768 = 93 (93.75)
    EXPECT_EQ(min_wmark_pages(&zone_of(0, ZONE_NORMAL)), 93u);
    EXPECT_EQ(low_wmark_pages(&zone_of(0, ZONE_NORMAL)), 116u);
    EXPECT_EQ(high_wmark_pages(&zone_of(0, ZONE_NORMAL)), 139u);
    // Normal on node 1: 250 * 16384 / 32768 = 125
    EXPECT_EQ(min_wmark_pages(&zone_of(1, ZONE_NORMAL)), 125u);
    EXPECT_EQ(low_wmark_pages(&zone_of(1, ZONE_NORMAL)), 156u);
    EXPECT_EQ(high_wmark_pages(&zone_of(1, ZONE_NORMAL)), 187u);
    // An empty zone gets nothing.
    EXPECT_EQ(min_wmark_pages(&zone_of(1, ZONE_DMA32)), 0u);
}

TEST(kernel_watermark, DefaultMinFreeKbytes)
{
    MmMachine big({{0, 32768}});  // 128 MiB: int_sqrt(131072 * 16) = 1448
    EXPECT_EQ(big.buddy.default_min_free_kbytes(), 1448u);
}

TEST(kernel_watermark, DefaultMinFreeKbytesClampsAt128)
{
    MmMachine small({{0, 256}});  // 1 MiB: int_sqrt(16384) = 128; 0.5 MiB would give 90 -> 128
    EXPECT_EQ(small.buddy.default_min_free_kbytes(), 128u);
}

TEST(kernel_watermark, ZoneWatermarkOkCountsOnlyBlocksOfTheNeededOrder)
{
    zone z{};
    z.nr_free_pages = 100;
    z.free_area[0].nr_free = 60;  // 60 pages in order-0 blocks
    z.free_area[1].nr_free = 20;  // 40 pages in order-1 blocks
    alloc_failure why = alloc_failure::none;
    EXPECT_TRUE(BuddyAllocator::zone_watermark_ok(&z, 0, 99, 0));
    EXPECT_FALSE(BuddyAllocator::zone_watermark_ok(&z, 0, 100, 0, &why));  // must stay above the mark
    EXPECT_EQ(why, alloc_failure::watermark);
    // order 1: 99 left > 10; without order-0 pages 39 > 5
    EXPECT_TRUE(BuddyAllocator::zone_watermark_ok(&z, 1, 10, 0));
    // order 1, mark 80: 99 > 80, but 39 <= 40
    EXPECT_FALSE(BuddyAllocator::zone_watermark_ok(&z, 1, 80, 0, &why));
    EXPECT_EQ(why, alloc_failure::fragmentation);
    // order 2: no block of order >= 2 at all
    EXPECT_FALSE(BuddyAllocator::zone_watermark_ok(&z, 2, 0, 0));
    // Reserves: ALLOC_HIGH halves the mark, ALLOC_HARDER takes a quarter off.
    EXPECT_FALSE(BuddyAllocator::zone_watermark_ok(&z, 0, 150, 0));
    EXPECT_TRUE(BuddyAllocator::zone_watermark_ok(&z, 0, 150, ALLOC_HIGH));    // 100 > 75
    EXPECT_FALSE(BuddyAllocator::zone_watermark_ok(&z, 0, 150, ALLOC_HARDER)); // 100 <= 113
    EXPECT_TRUE(BuddyAllocator::zone_watermark_ok(&z, 0, 130, ALLOC_HARDER));  // 100 > 98
}

namespace {

struct WakeLog {
    int wakeups = 0;
    const zone* last = nullptr;
};

void record_wakeup(zone* z, unsigned, void* ctx)
{
    auto* log = static_cast<WakeLog*>(ctx);
    log->wakeups++;
    log->last = z;
}

}  // namespace

TEST(kernel_watermark, BelowLowWakesKswapdBelowMinFails)
{
    MmMachine m({{0, 1024}});
    m.buddy.setup_per_zone_wmarks(400);  // 100 pages: min 100, low 125, high 150
    const zone& z = zone_of(0, ZONE_NORMAL);
    ASSERT_EQ(low_wmark_pages(&z), 125u);
    WakeLog log;
    m.buddy.set_reclaim_hooks(reclaim_hooks{record_wakeup, nullptr, &log});

    // Linux checks free > mark before taking 2^order pages (free - (2^order - 1) > mark), so the
    // fast path serves order 0 while more than low (125) pages are free: 1024 - 899 = 125 left.
    for (int i = 0; i < 899; ++i) ASSERT_NE(m.buddy.alloc_pages(GFP_KERNEL, 0), nullptr);
    EXPECT_EQ(log.wakeups, 0);
    EXPECT_EQ(z.nr_free_pages, 125u);
    // At low: kswapd is woken and the slow path allocates down to min.
    ASSERT_NE(m.buddy.alloc_pages(GFP_KERNEL, 0), nullptr);
    EXPECT_EQ(log.wakeups, 1);
    EXPECT_EQ(log.last, &z);
    for (int i = 0; i < 24; ++i) ASSERT_NE(m.buddy.alloc_pages(GFP_KERNEL, 0), nullptr);
    EXPECT_EQ(z.nr_free_pages, 100u);
    // At min GFP_KERNEL fails (no reclaim is plugged in yet) ...
    EXPECT_EQ(m.buddy.alloc_pages(GFP_KERNEL, 0), nullptr);
    EXPECT_EQ(m.buddy.last_failure().reason, alloc_failure::watermark);
    // ... while GFP_ATOMIC may use the reserves: min - min/2 = 50, minus a quarter = 38.
    for (int i = 0; i < 100 - 38; ++i) ASSERT_NE(m.buddy.alloc_pages(GFP_ATOMIC, 0), nullptr);
    EXPECT_EQ(m.buddy.alloc_pages(GFP_ATOMIC, 0), nullptr);
    EXPECT_EQ(z.nr_free_pages, 38u);
}

namespace {

struct NodeReclaimLog {
    int calls = 0;
    int node = -1;
    BuddyAllocator* buddy = nullptr;
    page* give_back = nullptr;  // freed by the "reclaim" when set
};

long fake_node_reclaim(pglist_data* pgdat, gfp_t, unsigned, void* ctx)
{
    auto* log = static_cast<NodeReclaimLog*>(ctx);
    ++log->calls;
    log->node = pgdat->node_id.value;
    if (!log->give_back) return NODE_RECLAIM_FULL;
    for (int i = 0; i < 64; ++i) log->buddy->__free_pages(log->give_back + i, 0);
    log->give_back = nullptr;
    return 64;
}

}  // namespace

// Linux zone_statistics: a page from the preferred node is a hit, from another a miss (and a
// foreign of the preferred node); local or other by the allocating hart's node (node 0 here).
// Without zone_reclaim_mode an allocation falls back to node 1 at node 0's low watermark; with
// it, node 0 is reclaimed first (the hook), and a reclaim that freed pages serves it locally.
TEST(kernel_watermark, ZoneStatisticsAndNodeReclaimBeforeFallback)
{
    MmMachine m({{0, 1024}, {0, 1024}});
    m.buddy.setup_per_zone_wmarks(400);  // per node: min 50, low 62 pages
    vm_events = {};
    NodeReclaimLog log;
    log.buddy = &m.buddy;
    m.buddy.set_reclaim_hooks(reclaim_hooks{nullptr, nullptr, &log, fake_node_reclaim});
    const zone& z0 = zone_of(0, ZONE_NORMAL);
    std::vector<page*> pages;
    while (z0.nr_free_pages > low_wmark_pages(&z0)) pages.push_back(m.buddy.alloc_pages(GFP_KERNEL, 0));
    const u64 local = pages.size();
    EXPECT_EQ(read_vm_event(&memvp_vmstat::numa_hit), local);
    EXPECT_EQ(read_vm_event(&memvp_vmstat::numa_local), local);

    // zone_reclaim_mode 0: the next page comes from node 1.
    node_reclaim_mode = 0;
    page* remote = m.buddy.alloc_pages(GFP_KERNEL, 0);
    ASSERT_NE(remote, nullptr);
    EXPECT_EQ(remote->node, 1);
    EXPECT_EQ(read_vm_event(&memvp_vmstat::numa_miss), 1u);
    EXPECT_EQ(read_vm_event(&memvp_vmstat::numa_foreign), 1u);
    EXPECT_EQ(read_vm_event(&memvp_vmstat::numa_other), 1u);
    EXPECT_EQ(log.calls, 0);

    // zone_reclaim_mode 1: node 0 is reclaimed first; nothing to reclaim there: node 1 again.
    node_reclaim_mode = RECLAIM_ZONE;
    ASSERT_NE(m.buddy.alloc_pages(GFP_KERNEL, 0), nullptr);
    EXPECT_EQ(log.calls, 1);
    EXPECT_EQ(log.node, 0);
    EXPECT_EQ(read_vm_event(&memvp_vmstat::numa_miss), 2u);
    // A reclaim that frees 64 pages of node 0 (pages taken above): the page is local.
    log.give_back = pages[0];
    for (int i = 1; i < 64; ++i) ASSERT_EQ(pages[i], pages[0] + i) << "node 0's pages come in order";
    page* p = m.buddy.alloc_pages(GFP_KERNEL, 0);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->node, 0);
    EXPECT_EQ(log.calls, 2);
    EXPECT_EQ(read_vm_event(&memvp_vmstat::numa_miss), 2u);
    EXPECT_EQ(read_vm_event(&memvp_vmstat::numa_hit), local + 1);
    node_reclaim_mode = 0;
}
