// The slab allocator (Linux mm/slab_common.c, mm/slub.c): caches of equal-sized kernel objects
// carved from 2^order-page slabs that the buddy allocator supplies, each slab on one of the
// cache's per-node slabs_full / slabs_partial / slabs_free lists with its free objects chained
// through the objects themselves; kmalloc over the kmalloc-8 .. kmalloc-8k caches; /proc/slabinfo.
#pragma once

#include "kernel/seq_buf.h"
#include "mm/buddy.h"

using slab_flags_t = unsigned;

inline constexpr slab_flags_t SLAB_HWCACHE_ALIGN = 1u << 0;       // align objects to cache lines
inline constexpr slab_flags_t SLAB_POISON = 1u << 1;              // fill free objects with POISON_FREE
inline constexpr slab_flags_t SLAB_CONSISTENCY_CHECKS = 1u << 2;  // full double-free search on free

inline constexpr u8 POISON_FREE = 0x6b;  // free object bytes (Linux <linux/poison.h>)
inline constexpr u8 POISON_END = 0xa5;   // last byte of a poisoned free object

inline constexpr unsigned KMEM_CACHE_NAME_MAX = 32;
inline constexpr unsigned ARCH_SLAB_MINALIGN = alignof(unsigned long long);
inline constexpr unsigned ARCH_KMALLOC_MINALIGN = ARCH_SLAB_MINALIGN;
inline constexpr unsigned MAX_OBJS_PER_PAGE = 32767;
inline constexpr unsigned MIN_PARTIAL = 5;   // empty slabs a cache keeps at least ...
inline constexpr unsigned MAX_PARTIAL = 10;  // ... and at most (Linux set_min_partial)

// kmalloc size classes: index i serves 2^i bytes, except 1 (96) and 2 (192) (Linux kmalloc_index).
inline constexpr unsigned KMALLOC_SHIFT_LOW = 3;
inline constexpr unsigned KMALLOC_SHIFT_HIGH = PAGE_SHIFT + 1;
inline constexpr unsigned long KMALLOC_MAX_CACHE_SIZE = 1UL << KMALLOC_SHIFT_HIGH;

// kmalloc(0) returns this distinct, non-dereferenceable pointer (Linux ZERO_SIZE_PTR).
#define ZERO_SIZE_PTR (reinterpret_cast<void*>(16))

// One node's slabs of a cache (Linux struct kmem_cache_node): a slab sits on the lists of the
// node its pages come from, so kernel objects stay local to the harts that allocate them.
struct kmem_cache_node {
    spinlock_t list_lock;
    list_head slabs_full;
    list_head slabs_partial;
    list_head slabs_free;
    unsigned long nr_slabs;
    unsigned long nr_free_slabs;  // slabs on slabs_free
    unsigned long active_objs;    // objects handed out from this node's slabs
};

struct kmem_cache {
    char name[KMEM_CACHE_NAME_MAX];
    unsigned object_size;  // bytes the user asked for
    unsigned size;         // bytes per slot: object, free pointer if outside it, alignment
    unsigned align;
    unsigned offset;       // where a free object keeps the next free pointer
    unsigned order;        // slab = 2^order pages
    unsigned objects;      // objects per slab
    unsigned min_partial;  // empty slabs a node keeps on slabs_free before returning pages
    slab_flags_t flags;
    void (*ctor)(void*);
    unsigned long slabs_allocated;  // slabs ever taken from the buddy allocator
    list_head list;                 // in the allocator's slab_caches
    kmem_cache_node node[MAX_NUMNODES];

    // Totals over all nodes (unlocked reads, for statistics and tests).
    unsigned long nr_slabs() const { return sum(&kmem_cache_node::nr_slabs); }
    unsigned long nr_free_slabs() const { return sum(&kmem_cache_node::nr_free_slabs); }
    unsigned long active_objs() const { return sum(&kmem_cache_node::active_objs); }

private:
    unsigned long sum(unsigned long kmem_cache_node::*field) const
    {
        unsigned long total = 0;
        for (const kmem_cache_node& n : node) total += n.*field;
        return total;
    }
};

class SlabAllocator {
public:
    // Linux kmem_cache_init(): bootstraps the "kmem_cache" cache, then the kmalloc caches.
    // nr_cpu_ids enters the slab order choice as in SLUB's calculate_order().
    SlabAllocator(BuddyAllocator& buddy, unsigned nr_cpu_ids);
    SlabAllocator(const SlabAllocator&) = delete;  // slab_caches points into the allocator
    SlabAllocator& operator=(const SlabAllocator&) = delete;

    kmem_cache* kmem_cache_create(const char* name, unsigned size, unsigned align, slab_flags_t flags,
                                  void (*ctor)(void*));
    void* kmem_cache_alloc(kmem_cache* s, gfp_t gfp);
    void kmem_cache_free(kmem_cache* s, void* obj);
    // Returns false, keeping the cache, while objects are still allocated (Linux warns likewise).
    bool kmem_cache_destroy(kmem_cache* s);
    // Return every empty slab to the buddy allocator; the number of pages freed.
    unsigned long kmem_cache_shrink(kmem_cache* s);

    void* kmalloc(size_t size, gfp_t gfp);
    void kfree(const void* obj);
    // The cache kmalloc(size) uses, nullptr above KMALLOC_MAX_CACHE_SIZE (Linux kmalloc_slab).
    kmem_cache* kmalloc_slab(size_t size) const;

    // /proc/slabinfo, version 2.1, newest cache first.
    void slabinfo(seq_buf* out) const;
    // Pages held by slabs of every cache (Linux NR_SLAB_UNRECLAIMABLE_B in pages; meminfo's Slab).
    unsigned long nr_slab_pages() const;

    // The slab order and objects per slab for a slot size (SLUB calculate_order).
    static unsigned calculate_order(unsigned size, unsigned nr_cpu_ids);

    BuddyAllocator& buddy() const { return buddy_; }

private:
    void init_cache(kmem_cache* s, const char* name, unsigned size, unsigned align, slab_flags_t flags,
                    void (*ctor)(void*));
    page* allocate_slab(kmem_cache* s, gfp_t gfp, NodeId nid);
    void discard_slab(kmem_cache* s, kmem_cache_node* n, page* slab);
    void* slab_alloc_object(kmem_cache* s, kmem_cache_node* n, page* slab);
    void* get_partial_node(kmem_cache* s, kmem_cache_node* n);
    void* get_any_partial(kmem_cache* s, NodeId nid);
    void* new_slab_object(kmem_cache* s, gfp_t gfp, NodeId nid);
    page* object_slab(kmem_cache* s, const void* obj, const char* caller) const;
    void create_kmalloc_caches();

    BuddyAllocator& buddy_;
    unsigned nr_cpu_ids_;
    kmem_cache boot_kmem_cache_ = {};
    list_head slab_caches_ = {};
    spinlock_t slab_mutex_;
    kmem_cache* kmalloc_caches_[KMALLOC_SHIFT_HIGH + 1] = {};
};

// The kernel's slab allocator, for code that does not carry a reference to it.
inline SlabAllocator* slab_allocator = nullptr;

// Linux's free-function interface, for kernel code; slab_allocator must be set at boot.
inline kmem_cache* kmem_cache_create(const char* name, unsigned size, unsigned align, slab_flags_t flags,
                                     void (*ctor)(void*))
{
    return slab_allocator->kmem_cache_create(name, size, align, flags, ctor);
}
inline void* kmem_cache_alloc(kmem_cache* s, gfp_t gfp) { return slab_allocator->kmem_cache_alloc(s, gfp); }
inline void* kmem_cache_zalloc(kmem_cache* s, gfp_t gfp) { return slab_allocator->kmem_cache_alloc(s, gfp | __GFP_ZERO); }
inline void kmem_cache_free(kmem_cache* s, void* obj) { slab_allocator->kmem_cache_free(s, obj); }
inline bool kmem_cache_destroy(kmem_cache* s) { return slab_allocator->kmem_cache_destroy(s); }
inline void* kmalloc(size_t size, gfp_t gfp) { return slab_allocator->kmalloc(size, gfp); }
inline void* kzalloc(size_t size, gfp_t gfp) { return slab_allocator->kmalloc(size, gfp | __GFP_ZERO); }
inline void kfree(const void* obj) { slab_allocator->kfree(obj); }
