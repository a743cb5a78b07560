// Buddy allocator behaviour: split on allocation, merge back on free, /proc/buddyinfo text,
// and long random allocation sequences that must never lose or duplicate a page.
#include <cstring>
#include <map>
#include <random>

#include "mm_test_support.h"

namespace {

std::vector<unsigned long> counts(const zone& z)
{
    std::vector<unsigned long> v;
    for (const free_area& a : z.free_area) v.push_back(a.nr_free);
    return v;
}

zone& normal_zone(MmMachine& m, int node = 0) { return NODE_DATA(NodeId{node})->node_zones[ZONE_NORMAL]; }

}  // namespace

TEST(kernel_buddy, FreshOrder10BlockSplitsIntoOneBlockPerOrder)
{
    MmMachine m({{0, 1024}});
    zone& z = normal_zone(m);
    EXPECT_EQ(counts(z), (std::vector<unsigned long>{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));

    page* p = m.buddy.alloc_pages(GFP_KERNEL, 0);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(page_to_pfn(p), m.start_pfn());  // the lower half is kept at every split
    EXPECT_EQ(counts(z), (std::vector<unsigned long>{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0}));
    EXPECT_EQ(z.nr_free_pages, 1023u);

    m.buddy.__free_pages(p, 0);
    EXPECT_EQ(counts(z), (std::vector<unsigned long>{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
    EXPECT_EQ(z.nr_free_pages, 1024u);
}

TEST(kernel_buddy, MergeOnlyWithFreeBuddyOfSameOrder)
{
    MmMachine m({{0, 1024}});
    zone& z = normal_zone(m);
    page* a = m.buddy.alloc_pages(GFP_KERNEL, 0);  // pfn base
    page* b = m.buddy.alloc_pages(GFP_KERNEL, 0);  // pfn base + 1, a's buddy
    page* c = m.buddy.alloc_pages(GFP_KERNEL, 1);  // pfn base + 2, buddy of {a, b} at order 1
    ASSERT_EQ(page_to_pfn(b), page_to_pfn(a) ^ 1);
    ASSERT_EQ(page_to_pfn(c), page_to_pfn(a) + 2);

    m.buddy.__free_pages(a, 0);  // buddy b is allocated: stays an order-0 block
    EXPECT_EQ(z.free_area[0].nr_free, 1u);
    m.buddy.__free_pages(c, 1);  // buddy {a, b} is not a free order-1 block: no merge
    EXPECT_EQ(z.free_area[1].nr_free, 1u);
    m.buddy.__free_pages(b, 0);  // a + b -> order 1, + c -> order 2, ... -> order 10
    EXPECT_EQ(counts(z), (std::vector<unsigned long>{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
}

TEST(kernel_buddy, NoMergeAcrossZoneBoundary)
{
    // DMA32 ends at 512 pages: the order-9 blocks on each side are buddies by pfn but live in
    // different zones, so they must stay apart.
    MmMachine m({{512, 512}});
    const zone& dma = NODE_DATA(NodeId{0})->node_zones[ZONE_DMA32];
    const zone& normal = NODE_DATA(NodeId{0})->node_zones[ZONE_NORMAL];
    EXPECT_EQ(dma.free_area[9].nr_free, 1u);
    EXPECT_EQ(normal.free_area[9].nr_free, 1u);
    EXPECT_EQ(normal.free_area[10].nr_free, 0u);
}

TEST(kernel_buddy, BuddyinfoExactText)
{
    MmMachine m({{1024, 1536}});
    EXPECT_EQ(m.buddyinfo(),
              "Node 0, zone    DMA32      0      0      0      0      0      0      0      0      0      0      1 \n"
              "Node 0, zone   Normal      0      0      0      0      0      0      0      0      0      1      1 \n");
    // Order 3 comes from the smallest block that fits, the order-9 one, split down to order 3.
    page* p = m.buddy.alloc_pages(GFP_KERNEL, 3);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(m.buddyinfo(),
              "Node 0, zone    DMA32      0      0      0      0      0      0      0      0      0      0      1 \n"
              "Node 0, zone   Normal      0      0      0      1      1      1      1      1      1      0      1 \n");
    EXPECT_EQ(m.buddyinfo(), buddyinfo_line(0, "DMA32", {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}) +
                                 buddyinfo_line(0, "Normal", {0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 1}));
}

TEST(kernel_buddy, MemMapInNodeMemoryIsReserved)
{
    MmMachine m({{0, 4096}}, /*external_memmap=*/false);
    const pglist_data* pgdat = NODE_DATA(NodeId{0});
    const unsigned long memmap_pages = (4096 * sizeof(page) + PAGE_SIZE - 1) / PAGE_SIZE;
    EXPECT_EQ(pgdat->memmap_pages, memmap_pages);
    EXPECT_EQ(m.buddy.totalram_pages(), 4096 - memmap_pages);
    EXPECT_EQ(m.buddy.nr_free_pages(), 4096 - memmap_pages);
    for (unsigned long i = 0; i < memmap_pages; ++i) EXPECT_TRUE(PageReserved(pfn_to_page(m.start_pfn() + i)));
}

// Random allocations and frees with a fixed seed. Every page must be either in exactly one
// free block or in exactly one allocation, contents of live blocks must survive, and freeing
// everything must restore the initial free_area state exactly.
TEST(kernel_buddy, RandomSequenceKeepsEveryPageAccountedForOnce)
{
    MmMachine m({{1024, 7168}}, /*external_memmap=*/false);
    const std::string initial = m.buddyinfo();
    const unsigned long total = m.buddy.totalram_pages();
    std::mt19937_64 rng(20261122);
    std::vector<std::pair<page*, unsigned>> live;
    unsigned long allocated = 0;

    auto check_accounting = [&] {
        std::map<unsigned long, int> owner;  // pfn -> times seen
        unsigned long free_pages = 0;
        for (const zone& z : NODE_DATA(NodeId{0})->node_zones)
            for (unsigned o = 0; o < MAX_ORDER; ++o) {
                unsigned long blocks = 0;
                list_for_each_entry(p, &z.free_area[o].free_list, page, lru) {
                    ASSERT_TRUE(PageBuddy(p));
                    ASSERT_EQ(p->order, o);
                    ASSERT_EQ(page_to_pfn(p) & ((1UL << o) - 1), 0u) << "misaligned free block";
                    for (unsigned long i = 0; i < (1UL << o); ++i) owner[page_to_pfn(p) + i]++;
                    ++blocks;
                }
                ASSERT_EQ(blocks, z.free_area[o].nr_free);
                free_pages += blocks << o;
            }
        for (auto& [p, order] : live)
            for (unsigned long i = 0; i < (1UL << order); ++i) owner[page_to_pfn(p) + i]++;
        ASSERT_EQ(free_pages, m.buddy.nr_free_pages());
        ASSERT_EQ(free_pages + allocated, total);
        ASSERT_EQ(owner.size(), total);
        for (auto& [pfn, times] : owner) ASSERT_EQ(times, 1) << "pfn " << std::hex << pfn;
    };

    for (int step = 0; step < 20000; ++step) {
        const bool do_alloc = live.empty() || (rng() % 100) < 55;
        if (do_alloc) {
            const unsigned order = (rng() % 4 == 0) ? unsigned(rng() % MAX_ORDER) : unsigned(rng() % 3);
            page* p = m.buddy.alloc_pages(GFP_KERNEL, order);
            if (!p) continue;  // may legitimately fail when memory is short or fragmented
            u64 tag = page_to_pfn(p) * 1000 + order;
            std::memcpy(page_address(p), &tag, sizeof(tag));
            live.emplace_back(p, order);
            allocated += 1UL << order;
        } else {
            const size_t i = rng() % live.size();
            auto [p, order] = live[i];
            u64 tag;
            std::memcpy(&tag, page_address(p), sizeof(tag));
            ASSERT_EQ(tag, page_to_pfn(p) * 1000 + order) << "block contents changed while allocated";
            m.buddy.__free_pages(p, order);
            live[i] = live.back();
            live.pop_back();
            allocated -= 1UL << order;
        }
        if (step % 2000 == 0) check_accounting();
    }
    check_accounting();
    for (auto& [p, order] : live) m.buddy.__free_pages(p, order);
    live.clear();
    allocated = 0;
    check_accounting();
    EXPECT_EQ(m.buddyinfo(), initial);
}

TEST(kernel_buddy, GfpZeroAndPoisonFill)
{
    MmMachine m({{0, 1024}});
    page* p = m.buddy.alloc_pages(GFP_KERNEL, 1);
    const u8* b = static_cast<const u8*>(page_address(p));
    EXPECT_EQ(b[0], PAGE_POISON);  // freed memory is poisoned, allocation does not clear it
    EXPECT_EQ(b[2 * PAGE_SIZE - 1], PAGE_POISON);
    page* z = m.buddy.alloc_pages(GFP_KERNEL | __GFP_ZERO, 1);
    const u8* zb = static_cast<const u8*>(page_address(z));
    for (unsigned long i = 0; i < 2 * PAGE_SIZE; ++i) ASSERT_EQ(zb[i], 0);
    m.buddy.__free_pages(z, 1);
    EXPECT_EQ(zb[0], PAGE_POISON);
    m.buddy.__free_pages(p, 1);
}

TEST(kernel_buddy, CompoundPagesAndReferences)
{
    MmMachine m({{0, 1024}});
    page* head = m.buddy.alloc_pages(GFP_KERNEL | __GFP_COMP, 2);
    ASSERT_TRUE(PageHead(head));
    for (int i = 1; i < 4; ++i) {
        EXPECT_TRUE(PageTail(head + i));
        EXPECT_EQ(compound_head(head + i), head);
    }
    get_page_ref(head);
    m.buddy.put_page(head + 3);  // drops one of two references: still allocated
    EXPECT_EQ(m.buddy.nr_free_pages(), 1020u);
    m.buddy.put_page(head + 3);  // last reference: the whole order-2 block returns
    EXPECT_EQ(m.buddy.nr_free_pages(), 1024u);
    EXPECT_FALSE(PageTail(head + 1));
}

TEST(kernel_buddy, FailureReasons)
{
    MmMachine m({{0, 1024}});
    EXPECT_EQ(m.buddy.alloc_pages(GFP_KERNEL, MAX_ORDER), nullptr);
    EXPECT_EQ(m.buddy.last_failure().reason, alloc_failure::bad_order);

    // Keep every other page: 512 free pages, none of them in an order-1 block.
    std::vector<page*> pages;
    for (int i = 0; i < 1024; ++i) pages.push_back(m.buddy.alloc_pages(GFP_KERNEL, 0));
    EXPECT_EQ(m.buddy.alloc_pages(GFP_KERNEL, 0), nullptr);
    EXPECT_EQ(m.buddy.last_failure().reason, alloc_failure::watermark);
    for (int i = 0; i < 1024; i += 2) m.buddy.__free_pages(pages[i], 0);
    EXPECT_EQ(m.buddy.nr_free_pages(), 512u);
    EXPECT_EQ(m.buddy.alloc_pages(GFP_KERNEL, 1), nullptr);
    EXPECT_EQ(m.buddy.last_failure().reason, alloc_failure::fragmentation);
    EXPECT_STREQ(alloc_failure_name(alloc_failure::fragmentation), "no free block of that order");
    EXPECT_NE(m.buddy.alloc_pages(GFP_KERNEL, 0), nullptr);
}

TEST(kernel_buddy, MemMapPlacedByCallerInDramStaysReserved)
{
    // As the guest will do on node 0: mem_map after a 256-page kernel image.
    const panic_handler_t old = set_panic_handler(throwing_panic_handler);
    HostPhysMem mem(kDramBase, 4096 * PAGE_SIZE);
    const unsigned long start = mem.start_pfn();
    mm_layout layout{};
    layout.nr_nodes = 1;
    layout.page_poisoning = true;
    layout.nodes[0] = node_layout{NodeId{0}, start, {0, 4096, 0}, static_cast<page*>(phys_to_virt(pfn_to_phys(start + 256)))};
    BuddyAllocator buddy;
    buddy.init(layout);
    const unsigned long memmap_pages = (4096 * sizeof(page) + PAGE_SIZE - 1) / PAGE_SIZE;
    EXPECT_EQ(NODE_DATA(NodeId{0})->memmap_start_pfn, start + 256);
    EXPECT_EQ(NODE_DATA(NodeId{0})->memmap_pages, memmap_pages);
    buddy.free_memory_range(start + 256, start + 4096);  // everything but the "kernel image"
    EXPECT_EQ(buddy.totalram_pages(), 4096 - 256 - memmap_pages);
    for (unsigned long pfn = start; pfn < start + 256 + memmap_pages; ++pfn) ASSERT_TRUE(PageReserved(pfn_to_page(pfn)));
    EXPECT_FALSE(PageReserved(pfn_to_page(start + 256 + memmap_pages)));
    buddy.teardown();
    set_panic_handler(old);
}
