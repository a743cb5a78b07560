// Slab caches: objects per slab and slab order as SLUB computes them, reuse of freed objects
// without new pages, constructor semantics, shrinking, destroy, and misuse detection.
#include "mm/slab.h"
#include "mm_test_support.h"

namespace {

struct SlabMachine {
    explicit SlabMachine(unsigned nr_cpus = 1) : m({{0, 16384}}), slab(m.buddy, nr_cpus) {}
    MmMachine m;
    SlabAllocator slab;
};

int ctor_calls = 0;
void counting_ctor(void* obj)
{
    ++ctor_calls;
    *static_cast<u32*>(obj) = 0xc0ffee;
}

}  // namespace

TEST(kernel_slab, ObjectsPerSlabFollowSlubCalculateOrder)
{
    struct Case {
        unsigned size, nr_cpus, order, objects;
    };
    // min_objects = 4 * (fls(nr_cpus) + 1); order from get_order(min_objects * size) up to 3,
    // accepting at most 1/16 of the slab as leftover first.
    const Case cases[] = {
        {8, 1, 0, 512},    {96, 1, 0, 42},   {192, 1, 0, 21},  {256, 1, 0, 16}, {704, 1, 1, 11},
        {1024, 1, 1, 8},   {1024, 4, 2, 16}, {2048, 1, 2, 8},  {3000, 1, 3, 10}, {4096, 1, 3, 8},
        {8192, 1, 3, 4},   {8192, 64, 3, 4},
    };
    for (const Case& c : cases) {
        const unsigned order = SlabAllocator::calculate_order(c.size, c.nr_cpus);
        EXPECT_EQ(order, c.order) << "size " << c.size << " cpus " << c.nr_cpus;
        EXPECT_EQ((PAGE_SIZE << order) / c.size, c.objects) << "size " << c.size;
    }
}

TEST(kernel_slab, CacheLayout)
{
    SlabMachine sm;
    kmem_cache* plain = sm.slab.kmem_cache_create("plain", 700, 0, 0, nullptr);
    EXPECT_EQ(plain->size, 704u);  // word aligned
    EXPECT_EQ(plain->objects, 11u);
    EXPECT_EQ(plain->order, 1u);
    EXPECT_EQ(plain->min_partial, MIN_PARTIAL);  // ilog2(704) / 2 = 4, clamped up to 5
    kmem_cache* hw = sm.slab.kmem_cache_create("hw", 20, 0, SLAB_HWCACHE_ALIGN, nullptr);
    EXPECT_EQ(hw->align, 32u);  // 64-byte line halved once: 20 > 16
    EXPECT_EQ(hw->size, 32u);
    kmem_cache* with_ctor = sm.slab.kmem_cache_create("ctor", 24, 0, 0, counting_ctor);
    EXPECT_EQ(with_ctor->offset, 24u);  // free pointer after the object
    EXPECT_EQ(with_ctor->size, 32u);
    EXPECT_EQ(sm.slab.kmem_cache_create("huge", 8u << 20, 0, 0, nullptr), nullptr);  // > 4 MiB
}

TEST(kernel_slab, FreedObjectsAreReusedWithoutNewPages)
{
    SlabMachine sm;
    kmem_cache* s = sm.slab.kmem_cache_create("reuse", 100, 0, 0, nullptr);  // 40 per slab
    void* first = sm.slab.kmem_cache_alloc(s, GFP_KERNEL);
    const unsigned long free_after_first = sm.m.buddy.nr_free_pages();
    sm.slab.kmem_cache_free(s, first);
    for (int i = 0; i < 100; ++i) {
        void* again = sm.slab.kmem_cache_alloc(s, GFP_KERNEL);
        EXPECT_EQ(again, first);  // last freed, first reused
        sm.slab.kmem_cache_free(s, again);
    }
    EXPECT_EQ(sm.m.buddy.nr_free_pages(), free_after_first);
    EXPECT_EQ(s->slabs_allocated, 1u);

    std::vector<void*> objs;
    for (unsigned i = 0; i < s->objects; ++i) objs.push_back(sm.slab.kmem_cache_alloc(s, GFP_KERNEL));
    EXPECT_FALSE(list_empty(&s->node[0].slabs_full));
    EXPECT_TRUE(list_empty(&s->node[0].slabs_partial));
    EXPECT_EQ(s->nr_slabs(), 1u);
    objs.push_back(sm.slab.kmem_cache_alloc(s, GFP_KERNEL));  // the 41st needs a second slab
    EXPECT_EQ(s->nr_slabs(), 2u);
    sm.slab.kmem_cache_free(s, objs[0]);  // full -> partial
    EXPECT_TRUE(list_empty(&s->node[0].slabs_full));
    for (void* o : objs) if (o != objs[0]) sm.slab.kmem_cache_free(s, o);
    EXPECT_EQ(s->active_objs(), 0u);
    EXPECT_EQ(s->nr_free_slabs(), 2u);  // kept for reuse (min_partial = 5)
}

TEST(kernel_slab, CtorRunsOncePerObjectWhenSlabIsCreated)
{
    SlabMachine sm;
    ctor_calls = 0;
    kmem_cache* s = sm.slab.kmem_cache_create("ctor", 24, 0, 0, counting_ctor);
    void* a = sm.slab.kmem_cache_alloc(s, GFP_KERNEL);
    EXPECT_EQ(ctor_calls, int(s->objects));
    EXPECT_EQ(*static_cast<u32*>(a), 0xc0ffeeu);
    sm.slab.kmem_cache_free(s, a);
    void* b = sm.slab.kmem_cache_alloc(s, GFP_KERNEL);
    EXPECT_EQ(ctor_calls, int(s->objects));  // reuse does not construct again
    EXPECT_EQ(*static_cast<u32*>(b), 0xc0ffeeu);  // the free pointer did not clobber the object
    std::vector<void*> objs;
    for (unsigned i = 0; i < s->objects; ++i) objs.push_back(sm.slab.kmem_cache_alloc(s, GFP_KERNEL));
    EXPECT_EQ(ctor_calls, int(2 * s->objects));
}

TEST(kernel_slab, EmptySlabsBeyondMinPartialReturnToBuddy)
{
    SlabMachine sm;
    kmem_cache* s = sm.slab.kmem_cache_create("shrink", 700, 0, 0, nullptr);  // 11 per 2-page slab
    const unsigned long before = sm.m.buddy.nr_free_pages();
    std::vector<void*> objs;
    for (int i = 0; i < 11 * 8; ++i) objs.push_back(sm.slab.kmem_cache_alloc(s, GFP_KERNEL));
    EXPECT_EQ(s->nr_slabs(), 8u);
    EXPECT_EQ(sm.m.buddy.nr_free_pages(), before - 16);
    for (void* o : objs) sm.slab.kmem_cache_free(s, o);
    EXPECT_EQ(s->nr_slabs(), MIN_PARTIAL);
    EXPECT_EQ(sm.m.buddy.nr_free_pages(), before - 2 * MIN_PARTIAL);
    EXPECT_EQ(sm.slab.kmem_cache_shrink(s), 2UL * MIN_PARTIAL);
    EXPECT_EQ(sm.m.buddy.nr_free_pages(), before);
}

TEST(kernel_slab, DestroyReturnsAllPages)
{
    SlabMachine sm;
    const unsigned long before = sm.m.buddy.nr_free_pages();
    kmem_cache* s = sm.slab.kmem_cache_create("short-lived", 300, 0, 0, nullptr);
    std::vector<void*> objs;
    for (int i = 0; i < 500; ++i) objs.push_back(sm.slab.kmem_cache_alloc(s, GFP_KERNEL));
    EXPECT_LT(sm.m.buddy.nr_free_pages(), before);
    EXPECT_FALSE(sm.slab.kmem_cache_destroy(s));  // objects still allocated: refused
    for (void* o : objs) sm.slab.kmem_cache_free(s, o);
    EXPECT_TRUE(sm.slab.kmem_cache_destroy(s));
    EXPECT_EQ(sm.m.buddy.nr_free_pages(), before);
}

TEST(kernel_slab, PoisonedCacheCatchesWriteAfterFree)
{
    SlabMachine sm;
    kmem_cache* s = sm.slab.kmem_cache_create("poisoned", 64, 0, SLAB_POISON, nullptr);
    auto* obj = static_cast<u8*>(sm.slab.kmem_cache_alloc(s, GFP_KERNEL));
    sm.slab.kmem_cache_free(s, obj);
    EXPECT_EQ(obj[0], POISON_FREE);
    EXPECT_EQ(obj[63], POISON_END);
    obj[10] = 1;
    const std::string msg = panic_message([&] { sm.slab.kmem_cache_alloc(s, GFP_KERNEL); });
    EXPECT_NE(msg.find("slab poisoned: object"), std::string::npos) << msg;
    EXPECT_NE(msg.find("written after free at byte 10"), std::string::npos) << msg;
}

TEST(kernel_slab, MisuseIsDetected)
{
    SlabMachine sm;
    kmem_cache* a = sm.slab.kmem_cache_create("cache-a", 64, 0, SLAB_CONSISTENCY_CHECKS, nullptr);
    kmem_cache* b = sm.slab.kmem_cache_create("cache-b", 64, 0, 0, nullptr);
    void* x = sm.slab.kmem_cache_alloc(a, GFP_KERNEL);
    void* y = sm.slab.kmem_cache_alloc(a, GFP_KERNEL);
    void* z = sm.slab.kmem_cache_alloc(a, GFP_KERNEL);
    EXPECT_NE(panic_message([&] { sm.slab.kmem_cache_free(b, x); }).find("belongs to cache cache-a"), std::string::npos);
    EXPECT_NE(panic_message([&] { sm.slab.kmem_cache_free(a, static_cast<char*>(x) + 8); })
                  .find("is not the start of an object"),
              std::string::npos);
    sm.slab.kmem_cache_free(a, x);
    EXPECT_NE(panic_message([&] { sm.slab.kmem_cache_free(a, x); }).find("double free"), std::string::npos);
    sm.slab.kmem_cache_free(a, y);
    // x is no longer the freelist head; the consistency check walks the freelist.
    EXPECT_NE(panic_message([&] { sm.slab.kmem_cache_free(a, x); }).find("double free"), std::string::npos);
    sm.slab.kmem_cache_free(a, z);
    page* p = sm.m.buddy.alloc_pages(GFP_KERNEL, 0);
    EXPECT_NE(panic_message([&] { sm.slab.kmem_cache_free(a, page_address(p)); }).find("is not a slab object"),
              std::string::npos);
}

namespace {

NodeId slab_hart_node = NodeId{0};
NodeId slab_current_node() { return slab_hart_node; }

}  // namespace

TEST(kernel_slab, SlabsComeFromTheAllocatingHartsNode)
{
    MmMachine m({{0, 1024}, {0, 1024}});
    SlabAllocator slab(m.buddy, 2);
    kmem_cache* s = slab.kmem_cache_create("numa", 512, 0, 0, nullptr);
    numa_node_id_hook = slab_current_node;

    slab_hart_node = NodeId{1};
    void* remote = slab.kmem_cache_alloc(s, GFP_KERNEL);
    EXPECT_EQ(virt_to_page(remote)->node, 1);
    EXPECT_EQ(s->node[1].nr_slabs, 1u);
    slab_hart_node = NodeId{0};
    void* local = slab.kmem_cache_alloc(s, GFP_KERNEL);
    EXPECT_EQ(virt_to_page(local)->node, 0);
    EXPECT_EQ(s->node[0].nr_slabs, 1u);
    // A hart on node 0 frees node 1's object: it returns to node 1's slab.
    slab.kmem_cache_free(s, remote);
    EXPECT_EQ(s->node[1].active_objs, 0u);
    EXPECT_EQ(s->node[1].nr_free_slabs, 1u);

    // Node 1 out of pages: its harts use node 1's empty slab, then the free objects of node 0's
    // partial slab, and only then new slabs from node 0, which sit on node 0's lists.
    while (m.buddy.alloc_pages_node(NodeId{1}, GFP_KERNEL | __GFP_THISNODE, 0)) {
    }
    slab_hart_node = NodeId{1};
    std::vector<void*> objs;
    for (unsigned i = 0; i < 3 * s->objects; ++i) objs.push_back(slab.kmem_cache_alloc(s, GFP_KERNEL));
    EXPECT_EQ(virt_to_page(objs.front())->node, 1);
    EXPECT_EQ(virt_to_page(objs[s->objects])->node, 0);
    EXPECT_EQ(compound_head(virt_to_page(objs[s->objects])), compound_head(virt_to_page(local)));
    EXPECT_EQ(virt_to_page(objs.back())->node, 0);
    EXPECT_EQ(s->node[1].nr_slabs, 1u);
    EXPECT_EQ(s->node[0].nr_slabs, 3u);  // 3 * objects - objects - (objects - 1) needs two more
    numa_node_id_hook = numa_node_zero;
}
