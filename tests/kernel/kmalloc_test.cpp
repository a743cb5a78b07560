// kmalloc size classes, large allocations from the buddy allocator, kfree routing through
// page->slab_cache, /proc/slabinfo text, and a random kmalloc/kfree run that gives back every page.
#include <cstring>
#include <random>

#include "mm/slab.h"
#include "mm_test_support.h"

namespace {

struct KmallocMachine {
    KmallocMachine() : m({{0, 16384}}), slab(m.buddy, 1) {}
    std::string slabinfo() const
    {
        std::vector<char> buf(8192);
        seq_buf s(buf.data(), buf.size());
        slab.slabinfo(&s);
        return s.str();
    }
    MmMachine m;
    SlabAllocator slab;
};

}  // namespace

TEST(kernel_kmalloc, SizeClasses)
{
    KmallocMachine km;
    const std::pair<size_t, const char*> cases[] = {
        {1, "kmalloc-8"},     {8, "kmalloc-8"},     {9, "kmalloc-16"},    {33, "kmalloc-64"},
        {65, "kmalloc-96"},   {96, "kmalloc-96"},   {97, "kmalloc-128"},  {129, "kmalloc-192"},
        {193, "kmalloc-256"}, {1000, "kmalloc-1k"}, {2048, "kmalloc-2k"}, {4097, "kmalloc-8k"},
        {8192, "kmalloc-8k"},
    };
    for (auto& [size, name] : cases) {
        kmem_cache* s = km.slab.kmalloc_slab(size);
        ASSERT_NE(s, nullptr) << size;
        EXPECT_STREQ(s->name, name) << size;
        void* p = km.slab.kmalloc(size, GFP_KERNEL);
        EXPECT_EQ(compound_head(virt_to_page(p))->slab_cache, s) << size;
        km.slab.kfree(p);
    }
    EXPECT_EQ(km.slab.kmalloc_slab(8193), nullptr);
    EXPECT_EQ(km.slab.kmalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
    km.slab.kfree(ZERO_SIZE_PTR);
    km.slab.kfree(nullptr);
}

TEST(kernel_kmalloc, LargeRequestsGoToTheBuddyAllocator)
{
    KmallocMachine km;
    const unsigned long before = km.m.buddy.nr_free_pages();
    void* p = km.slab.kmalloc(8193, GFP_KERNEL);  // 3 pages -> order 2 compound page
    ASSERT_NE(p, nullptr);
    page* head = virt_to_page(p);
    EXPECT_TRUE(PageHead(head));
    EXPECT_FALSE(PageSlab(head));
    EXPECT_EQ(compound_order(head), 2u);
    EXPECT_EQ(km.m.buddy.nr_free_pages(), before - 4);
    EXPECT_NE(panic_message([&] { km.slab.kfree(static_cast<char*>(p) + PAGE_SIZE); }).find("is inside the allocation"),
              std::string::npos);
    km.slab.kfree(p);
    EXPECT_EQ(km.m.buddy.nr_free_pages(), before);
    EXPECT_EQ(km.slab.kmalloc(8UL << 20, GFP_KERNEL), nullptr);  // beyond MAX_ORDER
}

TEST(kernel_kmalloc, SlabinfoExactText)
{
    KmallocMachine km;
    kmem_cache* obj = km.slab.kmem_cache_create("test_obj", 700, 0, 0, nullptr);
    for (int i = 0; i < 3; ++i) km.slab.kmalloc(1, GFP_KERNEL);
    km.slab.kmalloc(100, GFP_KERNEL);
    km.slab.kmalloc(5000, GFP_KERNEL);
    km.slab.kmem_cache_alloc(obj, GFP_KERNEL);
    km.slab.kmem_cache_alloc(obj, GFP_KERNEL);

    // The cache of caches holds the 13 kmalloc caches and test_obj; its object is a
    // struct kmem_cache rounded up to a cache line.
    kmem_cache* caches = compound_head(virt_to_page(obj))->slab_cache;
    const unsigned slabs = (14 + caches->objects - 1) / caches->objects;
    char kmem_cache_line[160];
    std::snprintf(kmem_cache_line, sizeof(kmem_cache_line),
                  "kmem_cache        %6d %6u %6u %4u %4d : tunables    0    0    0 : slabdata %6u %6u      0\n", 14,
                  slabs * caches->objects, caches->size, caches->objects, 1 << caches->order, slabs, slabs);
    EXPECT_EQ(caches->size, unsigned(ALIGN(sizeof(kmem_cache), 64)));

    const std::string expected =
        std::string("slabinfo - version: 2.1\n"
                    "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables "
                    "<limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>\n"
                    "test_obj               2     11    704   11    2 : tunables    0    0    0 : slabdata      1      1      0\n"
                    "kmalloc-8k             1      4   8192    4    8 : tunables    0    0    0 : slabdata      1      1      0\n"
                    "kmalloc-4k             0      0   4096    8    8 : tunables    0    0    0 : slabdata      0      0      0\n"
                    "kmalloc-2k             0      0   2048    8    4 : tunables    0    0    0 : slabdata      0      0      0\n"
                    "kmalloc-1k             0      0   1024    8    2 : tunables    0    0    0 : slabdata      0      0      0\n"
                    "kmalloc-512            0      0    512    8    1 : tunables    0    0    0 : slabdata      0      0      0\n"
                    "kmalloc-256            0      0    256   16    1 : tunables    0    0    0 : slabdata      0      0      0\n"
                    "kmalloc-192            0      0    192   21    1 : tunables    0    0    0 : slabdata      0      0      0\n"
                    "kmalloc-128            1     32    128   32    1 : tunables    0    0    0 : slabdata      1      1      0\n"
                    "kmalloc-96             0      0     96   42    1 : tunables    0    0    0 : slabdata      0      0      0\n"
                    "kmalloc-64             0      0     64   64    1 : tunables    0    0    0 : slabdata      0      0      0\n"
                    "kmalloc-32             0      0     32  128    1 : tunables    0    0    0 : slabdata      0      0      0\n"
                    "kmalloc-16             0      0     16  256    1 : tunables    0    0    0 : slabdata      0      0      0\n"
                    "kmalloc-8              3    512      8  512    1 : tunables    0    0    0 : slabdata      1      1      0\n") +
        kmem_cache_line;
    EXPECT_EQ(km.slabinfo(), expected);
}

TEST(kernel_kmalloc, RandomKmallocKfreeGivesBackEveryPage)
{
    KmallocMachine km;
    const unsigned long before = km.m.buddy.nr_free_pages();
    std::mt19937_64 rng(5);
    struct Block {
        u8* p;
        size_t size;
        u8 fill;
    };
    std::vector<Block> live;
    for (int step = 0; step < 30000; ++step) {
        if (live.empty() || rng() % 100 < 55) {
            const size_t size = (rng() % 10 == 0) ? 1 + rng() % 20000 : 1 + rng() % 600;
            auto* p = static_cast<u8*>(km.slab.kmalloc(size, GFP_KERNEL));
            ASSERT_NE(p, nullptr);
            const u8 fill = u8(step);
            std::memset(p, fill, size);
            live.push_back({p, size, fill});
        } else {
            const size_t i = rng() % live.size();
            for (size_t b = 0; b < live[i].size; ++b) ASSERT_EQ(live[i].p[b], live[i].fill) << "overlapping objects";
            km.slab.kfree(live[i].p);
            live[i] = live.back();
            live.pop_back();
        }
    }
    for (const Block& b : live) km.slab.kfree(b.p);
    for (unsigned size : {8u, 16u, 32u, 64u, 96u, 128u, 192u, 256u, 512u, 1024u, 2048u, 4096u, 8192u})
        km.slab.kmem_cache_shrink(km.slab.kmalloc_slab(size));
    EXPECT_EQ(km.m.buddy.nr_free_pages(), before);
}

TEST(kernel_kmalloc, FreeFunctionInterface)
{
    KmallocMachine km;
    page_allocator = &km.m.buddy;
    slab_allocator = &km.slab;
    kmem_cache* s = kmem_cache_create("iface", 40, 0, 0, nullptr);
    auto* obj = static_cast<u8*>(kmem_cache_zalloc(s, GFP_KERNEL));
    EXPECT_EQ(obj[39], 0);
    kmem_cache_free(s, obj);
    EXPECT_TRUE(kmem_cache_destroy(s));
    auto* p = static_cast<u8*>(kzalloc(100, GFP_KERNEL));
    EXPECT_EQ(p[99], 0);
    kfree(p);
    page* pg = alloc_page(GFP_KERNEL);
    __free_page(pg);
    void* addr = __get_free_pages(GFP_KERNEL, 1);
    free_pages(addr, 1);
    slab_allocator = nullptr;
    page_allocator = nullptr;
}
