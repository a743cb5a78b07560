// Slab caches: layout of a cache (alignment, free pointer placement, slab order as SLUB's
// calculate_order picks it), slab creation from the buddy allocator with the constructor run
// once per object, allocation and free over each node's slabs_full / slabs_partial / slabs_free
// lists, and shrinking: a node keeps at most min_partial empty slabs of a cache.
#include "mm/slab.h"

#include "kernel/log2.h"
#include "kernel/panic.h"

namespace {

// Linux calculate_alignment(): cache-line alignment halves while two objects fit in a line.
unsigned calculate_alignment(slab_flags_t flags, unsigned align, unsigned size)
{
    if (flags & SLAB_HWCACHE_ALIGN) {
        unsigned ralign = L1_CACHE_BYTES;
        while (size <= ralign / 2) ralign /= 2;
        if (ralign > align) align = ralign;
    }
    if (align < ARCH_SLAB_MINALIGN) align = ARCH_SLAB_MINALIGN;
    return unsigned(ALIGN(align, sizeof(void*)));
}

unsigned order_objects(unsigned order, unsigned size) { return unsigned((PAGE_SIZE << order) / size); }

// Linux calc_slab_order(): the first order from min_order whose leftover is at most
// 1/fract_leftover of the slab; max_order + 1 when none is.
unsigned calc_slab_order(unsigned size, unsigned min_order, unsigned max_order, unsigned fract_leftover)
{
    unsigned order = min_order;
    for (; order <= max_order; ++order) {
        const unsigned long slab_size = PAGE_SIZE << order;
        if (slab_size % size <= slab_size / fract_leftover) break;
    }
    return order;
}

void** freepointer_slot(const kmem_cache* s, void* obj) { return reinterpret_cast<void**>(static_cast<char*>(obj) + s->offset); }
void* get_freepointer(const kmem_cache* s, void* obj) { return *freepointer_slot(s, obj); }
void set_freepointer(const kmem_cache* s, void* obj, void* next) { *freepointer_slot(s, obj) = next; }

void poison_object(const kmem_cache* s, void* obj)
{
    u8* b = static_cast<u8*>(obj);
    __builtin_memset(b, POISON_FREE, s->object_size - 1);
    b[s->object_size - 1] = POISON_END;
}

void check_poison(const kmem_cache* s, void* obj)
{
    const u8* b = static_cast<const u8*>(obj);
    for (unsigned i = 0; i < s->object_size; ++i) {
        const u8 want = i + 1 == s->object_size ? POISON_END : POISON_FREE;
        if (b[i] != want)
            panic("slab %s: object %p written after free at byte %u: %#x, expected %#x", s->name, obj, i, b[i], want);
    }
}

}  // namespace

// SLUB calculate_order(): aim for at least 4 * (fls(nr_cpus) + 1) objects per slab, then the
// smallest order up to PAGE_ALLOC_COSTLY_ORDER that wastes at most 1/16, 1/8, 1/4, 1/2.
unsigned SlabAllocator::calculate_order(unsigned size, unsigned nr_cpu_ids)
{
    unsigned min_objects = 4 * (fls(nr_cpu_ids) + 1);
    unsigned max_objects = order_objects(PAGE_ALLOC_COSTLY_ORDER, size);
    if (max_objects < 1) max_objects = 1;
    if (min_objects > max_objects) min_objects = max_objects;
    const unsigned min_order = get_order(u64(min_objects) * size);
    if (order_objects(min_order, size) > MAX_OBJS_PER_PAGE) return get_order(u64(size) * MAX_OBJS_PER_PAGE) - 1;
    for (unsigned fraction = 16; fraction > 1; fraction /= 2) {
        const unsigned order = calc_slab_order(size, min_order, PAGE_ALLOC_COSTLY_ORDER, fraction);
        if (order <= PAGE_ALLOC_COSTLY_ORDER) return order;
    }
    return get_order(size);  // one object per slab; >= MAX_ORDER means the size is unsupported
}

void SlabAllocator::init_cache(kmem_cache* s, const char* name, unsigned size, unsigned align, slab_flags_t flags,
                               void (*ctor)(void*))
{
    *s = kmem_cache{};
    unsigned n = 0;
    for (; name[n] && n + 1 < KMEM_CACHE_NAME_MAX; ++n) s->name[n] = name[n];
    s->name[n] = '\0';
    s->object_size = size;
    s->flags = flags;
    s->ctor = ctor;
    s->align = calculate_alignment(flags, align, size);
    unsigned slot = unsigned(ALIGN(size, sizeof(void*)));
    if (ctor || (flags & SLAB_POISON)) {
        // A free object must keep its constructed (or poisoned) contents, so the free pointer
        // goes after it (Linux calculate_sizes()).
        s->offset = slot;
        slot += sizeof(void*);
    } else {
        // Mid-object, away from the ends that overruns hit first (Linux since 5.7).
        s->offset = unsigned((size / 2) & ~(sizeof(void*) - 1));
    }
    s->size = unsigned(ALIGN(slot, s->align));
    s->order = calculate_order(s->size, nr_cpu_ids_);
    s->objects = s->order < MAX_ORDER ? order_objects(s->order, s->size) : 0;
    // Linux set_min_partial(): ilog2(size) / 2 clamped to [MIN_PARTIAL, MAX_PARTIAL].
    unsigned min_partial = ilog2(s->size) / 2;
    s->min_partial = min_partial < MIN_PARTIAL ? MIN_PARTIAL : (min_partial > MAX_PARTIAL ? MAX_PARTIAL : min_partial);
    for (kmem_cache_node& n : s->node) {
        spin_lock_init(&n.list_lock);
        INIT_LIST_HEAD(&n.slabs_full);
        INIT_LIST_HEAD(&n.slabs_partial);
        INIT_LIST_HEAD(&n.slabs_free);
    }
    INIT_LIST_HEAD(&s->list);
}

SlabAllocator::SlabAllocator(BuddyAllocator& buddy, unsigned nr_cpu_ids)
    : buddy_(buddy), nr_cpu_ids_(nr_cpu_ids ? nr_cpu_ids : 1)
{
    INIT_LIST_HEAD(&slab_caches_);
    spin_lock_init(&slab_mutex_);
    // The cache of caches is static; every other kmem_cache is an object from it.
    init_cache(&boot_kmem_cache_, "kmem_cache", sizeof(kmem_cache), 0, SLAB_HWCACHE_ALIGN, nullptr);
    list_add(&boot_kmem_cache_.list, &slab_caches_);
    create_kmalloc_caches();
}

kmem_cache* SlabAllocator::kmem_cache_create(const char* name, unsigned size, unsigned align, slab_flags_t flags,
                                             void (*ctor)(void*))
{
    if (!name || !size) return nullptr;
    auto* s = static_cast<kmem_cache*>(kmem_cache_alloc(&boot_kmem_cache_, GFP_KERNEL));
    if (!s) return nullptr;
    init_cache(s, name, size, align, flags, ctor);
    if (s->order >= MAX_ORDER) {
        kmem_cache_free(&boot_kmem_cache_, s);
        return nullptr;
    }
    spin_guard guard(&slab_mutex_);
    list_add(&s->list, &slab_caches_);  // newest first, as /proc/slabinfo lists them
    return s;
}

// Called without a list_lock: the buddy allocator may wake or, later, run reclaim. The slab
// comes from nid if it can, else from the nearest node with memory (Linux allocate_slab()).
page* SlabAllocator::allocate_slab(kmem_cache* s, gfp_t gfp, NodeId nid)
{
    const gfp_t flags = (gfp & ~__GFP_ZERO) | (s->order ? __GFP_COMP : 0);
    page* slab = buddy_.alloc_pages_node(nid, flags, s->order);
    if (!slab) return nullptr;
    set_page_flag(slab, PG_slab);
    slab->slab_cache = s;
    slab->inuse = 0;
    char* base = static_cast<char*>(page_address(slab));
    // The constructor runs once per object, when its slab is created (Linux setup_object()).
    for (unsigned i = 0; i < s->objects; ++i) {
        void* obj = base + size_t(i) * s->size;
        if (s->flags & SLAB_POISON) poison_object(s, obj);
        if (s->ctor) s->ctor(obj);
        set_freepointer(s, obj, i + 1 < s->objects ? base + size_t(i + 1) * s->size : nullptr);
    }
    slab->freelist = base;
    __atomic_add_fetch(&s->slabs_allocated, 1, __ATOMIC_RELAXED);
    return slab;
}

// Caller holds n->list_lock; slab is off every list.
void SlabAllocator::discard_slab(kmem_cache* s, kmem_cache_node* n, page* slab)
{
    clear_page_flag(slab, PG_slab);
    slab->slab_cache = nullptr;
    slab->freelist = nullptr;
    n->nr_slabs--;
    buddy_.__free_pages(slab, s->order);
}

// Caller holds n->list_lock; slab is on n->slabs_partial and has a free object.
void* SlabAllocator::slab_alloc_object(kmem_cache* s, kmem_cache_node* n, page* slab)
{
    void* obj = slab->freelist;
    slab->freelist = get_freepointer(s, obj);
    slab->inuse++;
    n->active_objs++;
    if (slab->inuse == s->objects) list_move(&slab->lru, &n->slabs_full);
    return obj;
}

// An object from a partial slab of node n, else from one of its empty slabs; nullptr if none.
void* SlabAllocator::get_partial_node(kmem_cache* s, kmem_cache_node* n)
{
    spin_guard guard(&n->list_lock);
    if (!list_empty(&n->slabs_partial))
        return slab_alloc_object(s, n, list_first_entry(&n->slabs_partial, page, lru));
    if (list_empty(&n->slabs_free)) return nullptr;
    page* slab = list_first_entry(&n->slabs_free, page, lru);
    list_move(&slab->lru, &n->slabs_partial);
    n->nr_free_slabs--;
    return slab_alloc_object(s, n, slab);
}

// Objects already on other nodes' slabs, nearest node first (Linux get_any_partial()).
void* SlabAllocator::get_any_partial(kmem_cache* s, NodeId nid)
{
    const u8* order = buddy_.node_order(nid);
    for (int i = 1; i < buddy_.nr_nodes(); ++i)
        if (void* obj = get_partial_node(s, &s->node[order[i]])) return obj;
    return nullptr;
}

// A new slab on the lists of the node its pages came from, and its first object.
void* SlabAllocator::new_slab_object(kmem_cache* s, gfp_t gfp, NodeId nid)
{
    page* slab = allocate_slab(s, gfp, nid);
    if (!slab) return nullptr;
    kmem_cache_node* n = &s->node[slab->node];
    spin_guard guard(&n->list_lock);
    list_add(&slab->lru, &n->slabs_partial);
    n->nr_slabs++;
    return slab_alloc_object(s, n, slab);
}

// Locality first: the local node's slabs, then new local pages without reclaiming for them,
// then other nodes' slabs nearest first, then pages from wherever the buddy allocator falls
// back to. (SLUB raids remote partial slabs only sometimes, by remote_node_defrag_ratio.)
void* SlabAllocator::kmem_cache_alloc(kmem_cache* s, gfp_t gfp)
{
    const NodeId nid = numa_node_id();
    void* obj = get_partial_node(s, &s->node[nid.value]);
    if (!obj) obj = new_slab_object(s, (gfp | __GFP_THISNODE) & ~__GFP_DIRECT_RECLAIM, nid);
    if (!obj) obj = get_any_partial(s, nid);
    if (!obj) obj = new_slab_object(s, gfp, nid);
    if (!obj) return nullptr;
    if (s->flags & SLAB_POISON) check_poison(s, obj);
    if (gfp & __GFP_ZERO) __builtin_memset(obj, 0, s->object_size);
    return obj;
}

// The slab holding obj, after checking that obj is an object of s (Linux cache_from_obj and
// check_valid_pointer); caller names the entry point for the panic message.
page* SlabAllocator::object_slab(kmem_cache* s, const void* obj, const char* caller) const
{
    page* p = virt_to_page(obj);
    if (!p) panic("%s(%s): %p is not in the kernel direct map", caller, s->name, obj);
    page* slab = compound_head(p);
    if (!PageSlab(slab)) panic("%s(%s): %p is not a slab object (pfn %#lx)", caller, s->name, obj, page_to_pfn(p));
    if (slab->slab_cache != s)
        panic("%s(%s): %p belongs to cache %s", caller, s->name, obj, slab->slab_cache->name);
    const unsigned long offset = static_cast<const char*>(obj) - static_cast<const char*>(page_address(slab));
    if (offset % s->size || offset / s->size >= s->objects)
        panic("%s(%s): %p is not the start of an object (offset %lu in its slab)", caller, s->name, obj, offset);
    return slab;
}

void SlabAllocator::kmem_cache_free(kmem_cache* s, void* obj)
{
    if (!obj) return;
    page* slab = object_slab(s, obj, "kmem_cache_free");
    kmem_cache_node* n = &s->node[slab->node];
    spin_guard guard(&n->list_lock);
    if (slab->inuse == 0 || obj == slab->freelist)
        panic("kmem_cache_free(%s): double free of %p", s->name, obj);
    if (s->flags & SLAB_CONSISTENCY_CHECKS)
        for (void* f = slab->freelist; f; f = get_freepointer(s, f))
            if (f == obj) panic("kmem_cache_free(%s): double free of %p", s->name, obj);
    if (s->flags & SLAB_POISON) poison_object(s, obj);
    const bool was_full = slab->inuse == s->objects;
    set_freepointer(s, obj, slab->freelist);
    slab->freelist = obj;
    slab->inuse--;
    n->active_objs--;
    if (slab->inuse == 0) {
        if (n->nr_free_slabs >= s->min_partial) {
            list_del(&slab->lru);
            discard_slab(s, n, slab);
        } else {
            list_move(&slab->lru, &n->slabs_free);
            n->nr_free_slabs++;
        }
    } else if (was_full) {
        list_move(&slab->lru, &n->slabs_partial);
    }
}

unsigned long SlabAllocator::kmem_cache_shrink(kmem_cache* s)
{
    unsigned long pages = 0;
    for (kmem_cache_node& n : s->node) {
        spin_guard guard(&n.list_lock);
        list_for_each_entry_safe(slab, &n.slabs_free, page, lru) {
            list_del(&slab->lru);
            discard_slab(s, &n, slab);
            pages += 1UL << s->order;
        }
        n.nr_free_slabs = 0;
    }
    return pages;
}

bool SlabAllocator::kmem_cache_destroy(kmem_cache* s)
{
    if (!s) return true;
    if (s == &boot_kmem_cache_) panic("kmem_cache_destroy: the kmem_cache cache cannot be destroyed");
    if (s->active_objs()) return false;
    kmem_cache_shrink(s);
    {
        spin_guard guard(&slab_mutex_);
        list_del(&s->list);
    }
    kmem_cache_free(&boot_kmem_cache_, s);
    return true;
}
