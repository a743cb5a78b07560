// NUMA: allocations come from the requesting hart's node first, then from the other nodes in
// order of distance; __GFP_THISNODE forbids the fallback; per-node buddyinfo lines.
#include "mm_test_support.h"

namespace {

NodeId hart_node = NodeId{0};
NodeId current_hart_node() { return hart_node; }

}  // namespace

TEST(kernel_numa, ZonelistOrderFollowsDistance)
{
    MmMachine m({{0, 1024}, {0, 1024}, {0, 1024}}, true, {{10, 30, 20}, {30, 10, 20}, {20, 20, 10}});
    const u8* from0 = m.buddy.node_order(NodeId{0});
    EXPECT_EQ((std::vector<int>{from0[0], from0[1], from0[2]}), (std::vector<int>{0, 2, 1}));
    const u8* from2 = m.buddy.node_order(NodeId{2});
    EXPECT_EQ((std::vector<int>{from2[0], from2[1], from2[2]}), (std::vector<int>{2, 0, 1}));  // tie: lower id
    EXPECT_EQ(m.buddy.node_distance(NodeId{1}, NodeId{2}), 20);
}

TEST(kernel_numa, DefaultDistancesAreLocal10Remote20)
{
    MmMachine m({{0, 1024}, {0, 1024}});
    EXPECT_EQ(m.buddy.node_distance(NodeId{0}, NodeId{0}), LOCAL_DISTANCE);
    EXPECT_EQ(m.buddy.node_distance(NodeId{0}, NodeId{1}), REMOTE_DISTANCE);
}

TEST(kernel_numa, FallbackToNearestNodeWhenLocalIsExhausted)
{
    MmMachine m({{0, 1024}, {0, 1024}, {0, 1024}}, true, {{10, 30, 20}, {30, 10, 20}, {20, 20, 10}});
    hart_node = NodeId{0};
    numa_node_id_hook = current_hart_node;
    std::vector<int> from_node(3, 0);
    for (int i = 0; i < 3 * 1024; ++i) {
        page* p = m.buddy.alloc_pages(GFP_KERNEL, 0);
        ASSERT_NE(p, nullptr);
        from_node[p->node]++;
        // Node 0 first, then node 2 (distance 20), then node 1 (distance 30).
        const int expected = i < 1024 ? 0 : i < 2048 ? 2 : 1;
        ASSERT_EQ(p->node, expected) << "allocation " << i;
    }
    EXPECT_EQ(from_node, (std::vector<int>{1024, 1024, 1024}));
    numa_node_id_hook = numa_node_zero;
}

TEST(kernel_numa, RequestingHartsNodeComesFirst)
{
    MmMachine m({{0, 1024}, {0, 1024}});
    hart_node = NodeId{1};
    numa_node_id_hook = current_hart_node;
    page* p = m.buddy.alloc_pages(GFP_KERNEL, 3);
    numa_node_id_hook = numa_node_zero;
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->node, 1);
    EXPECT_EQ(page_to_pfn(p), m.start_pfn() + 1024);
    EXPECT_EQ(m.buddyinfo(), buddyinfo_line(0, "Normal", {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}) +
                                 buddyinfo_line(1, "Normal", {0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0}));
}

TEST(kernel_numa, ThisNodeDoesNotFallBack)
{
    MmMachine m({{0, 1024}, {0, 1024}});
    ASSERT_NE(m.buddy.alloc_pages_node(NodeId{0}, GFP_KERNEL | __GFP_THISNODE, 10), nullptr);
    EXPECT_EQ(m.buddy.alloc_pages_node(NodeId{0}, GFP_KERNEL | __GFP_THISNODE, 0), nullptr);
    page* remote = m.buddy.alloc_pages_node(NodeId{0}, GFP_KERNEL, 0);
    ASSERT_NE(remote, nullptr);
    EXPECT_EQ(remote->node, 1);
}

TEST(kernel_numa, Dma32RequestsStayInDma32)
{
    MmMachine m({{512, 1536}});
    page* p = m.buddy.alloc_pages(GFP_KERNEL | GFP_DMA32, 0);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->zone_idx, ZONE_DMA32);
    page* n = m.buddy.alloc_pages(GFP_KERNEL, 0);  // Normal is preferred when allowed
    EXPECT_EQ(n->zone_idx, ZONE_NORMAL);
}
