// ktest=slab: a long seeded random sequence of kmem_cache_alloc/free over four caches of
// different sizes (one with a constructor, one cache-line aligned) and kmalloc/kfree over all
// kmalloc sizes. Each object is filled with its slot's stamp and checked at free (no object
// handed out twice), the caches' active_objs must equal the objects held, and after freeing
// everything and shrinking, the buddy allocator's free pages and buddyinfo are as at the start.
#include "lib/ktest.h"

#include "kernel/printk.h"
#include "mm/buddy.h"
#include "mm/slab.h"

namespace {

constexpr unsigned SLOTS = 512;
constexpr unsigned ITERATIONS = 20000;
constexpr unsigned long long SEED = 0x6b746573745f736cULL;  // "ktest_sl"
constexpr unsigned NR_CACHES = 4;
constexpr unsigned cache_sizes[NR_CACHES] = {24, 100, 256, 1000};

struct object_slot {
    void* obj;
    unsigned size;
    int cache;  // index into caches, or -1 for kmalloc
};

unsigned ctor_calls;
void count_ctor(void* obj)
{
    ++ctor_calls;
    *static_cast<unsigned char*>(obj) = 0;
}

void stamp(void* obj, unsigned size, unsigned char value) { __builtin_memset(obj, value, size); }

bool stamp_intact(const void* obj, unsigned size, unsigned char value)
{
    const unsigned char* p = static_cast<const unsigned char*>(obj);
    for (unsigned i = 0; i < size; ++i)
        if (p[i] != value) return false;
    return true;
}

unsigned random_kmalloc_size(ktest_rng& rng)
{
    const unsigned shift = 3 + rng.below(11);  // 8 .. 8192
    return (1u << shift) - rng.below(1u << (shift - 1));
}

}  // namespace

int ktest_slab()
{
    BuddyAllocator& buddy = *page_allocator;
    SlabAllocator& slab = *slab_allocator;
    object_slot* slots = static_cast<object_slot*>(kzalloc(sizeof(object_slot) * SLOTS, GFP_KERNEL));
    if (!slots) return 2;
    for (unsigned size = 8; size <= KMALLOC_MAX_CACHE_SIZE; size *= 2) slab.kmem_cache_shrink(slab.kmalloc_slab(size));
    const unsigned long free_before = buddy.nr_free_pages();
    static char before[2048], after[2048];
    seq_buf sb(before, sizeof(before));
    buddy.buddyinfo(&sb);

    kmem_cache* caches[NR_CACHES] = {
        slab.kmem_cache_create("ktest-24", cache_sizes[0], 0, 0, nullptr),
        slab.kmem_cache_create("ktest-100-ctor", cache_sizes[1], 0, 0, count_ctor),
        slab.kmem_cache_create("ktest-256", cache_sizes[2], 0, 0, nullptr),
        slab.kmem_cache_create("ktest-1000-hw", cache_sizes[3], 0, SLAB_HWCACHE_ALIGN, nullptr),
    };
    unsigned long held[NR_CACHES] = {}, allocs = 0, frees = 0;
    int errors = 0;
    auto fail = [&errors](const char* what, unsigned slot) {
        if (errors++ < 8) printk("ktest slab: FAIL %s (slot %u)\n", what, slot);
    };
    printk("ktest slab: %u iterations, seed %#llx, %lu free pages\n", ITERATIONS, SEED, free_before);

    ktest_rng rng{SEED};
    for (unsigned it = 0; it < ITERATIONS; ++it) {
        const unsigned i = rng.below(SLOTS);
        object_slot& s = slots[i];
        const unsigned char tag = static_cast<unsigned char>(i * 7 + 1);
        if (s.obj) {
            if (!stamp_intact(s.obj, s.size, tag)) fail("object overwritten", i);
            if (s.cache >= 0) slab.kmem_cache_free(caches[s.cache], s.obj), --held[s.cache];
            else slab.kfree(s.obj);
            s.obj = nullptr;
            ++frees;
            continue;
        }
        s.cache = int(rng.below(NR_CACHES + 1)) - 1;
        s.size = s.cache >= 0 ? cache_sizes[s.cache] : random_kmalloc_size(rng);
        s.obj = s.cache >= 0 ? slab.kmem_cache_alloc(caches[s.cache], GFP_KERNEL) : slab.kmalloc(s.size, GFP_KERNEL);
        if (!s.obj) {
            fail("allocation failed", i);
            continue;
        }
        if (s.cache >= 0) ++held[s.cache];
        stamp(s.obj, s.size, tag);
        ++allocs;
        for (unsigned c = 0; c < NR_CACHES; ++c)
            if (caches[c]->active_objs() != held[c]) fail("active_objs differs from objects held", i);
    }
    static char info[8192];
    seq_buf si(info, sizeof(info));
    slab.slabinfo(&si);
    printk("slabinfo:\n");
    console_write(info, si.len);
    for (unsigned i = 0; i < SLOTS; ++i) {
        object_slot& s = slots[i];
        if (!s.obj) continue;
        if (!stamp_intact(s.obj, s.size, static_cast<unsigned char>(i * 7 + 1))) fail("object overwritten", i);
        if (s.cache >= 0) slab.kmem_cache_free(caches[s.cache], s.obj);
        else slab.kfree(s.obj);
        ++frees;
    }
    for (kmem_cache* c : caches)
        if (!slab.kmem_cache_destroy(c)) fail("cache not empty at destroy", 0);
    for (unsigned size = 8; size <= KMALLOC_MAX_CACHE_SIZE; size *= 2) slab.kmem_cache_shrink(slab.kmalloc_slab(size));
    slab.kmem_cache_shrink(slab.kmalloc_slab(96));
    slab.kmem_cache_shrink(slab.kmalloc_slab(192));
    seq_buf sa(after, sizeof(after));
    buddy.buddyinfo(&sa);
    printk("ktest slab: %lu allocations, %lu frees, %u constructor calls\n", allocs, frees, ctor_calls);
    printk("buddyinfo after:\n");
    console_write(after, sa.len);
    if (buddy.nr_free_pages() != free_before) fail("free pages differ from the start", 0);
    if (__builtin_strcmp(before, after) != 0) fail("buddyinfo differs from the start", 0);
    printk("ktest slab: %s\n", errors ? "FAIL" : "PASS");
    return errors ? 1 : 0;
}
