// kmalloc and kfree over the kmalloc-8 .. kmalloc-8k caches (Linux's names and size classes,
// with the 96- and 192-byte caches), larger requests as compound pages straight from the buddy
// allocator, and /proc/slabinfo.
#include "kernel/log2.h"
#include "kernel/panic.h"
#include "mm/slab.h"

namespace {

unsigned kmalloc_size(unsigned index) { return index == 1 ? 96 : index == 2 ? 192 : 1u << index; }

// Linux kmalloc_index().
unsigned kmalloc_index(size_t size)
{
    if (size <= (1u << KMALLOC_SHIFT_LOW)) return KMALLOC_SHIFT_LOW;
    if (size > 64 && size <= 96) return 1;
    if (size > 128 && size <= 192) return 2;
    return fls(size - 1);
}

}  // namespace

// Linux create_kmalloc_caches(): 8, 16, 32, 64, 96, 128, 192, 256, ... 8k, in that order. A
// kmalloc cache aligns to the largest power of two dividing its size.
void SlabAllocator::create_kmalloc_caches()
{
    auto create = [this](unsigned index) {
        const unsigned size = kmalloc_size(index);
        char name[KMEM_CACHE_NAME_MAX];
        seq_buf s(name, sizeof(name));
        if (size >= 1024) seq_buf_printf(&s, "kmalloc-%uk", size / 1024);
        else seq_buf_printf(&s, "kmalloc-%u", size);
        const unsigned align = size & (0u - size);
        kmalloc_caches_[index] = kmem_cache_create(name, size, align > ARCH_KMALLOC_MINALIGN ? align : ARCH_KMALLOC_MINALIGN, 0, nullptr);
        if (!kmalloc_caches_[index]) panic("kmem_cache_init: cannot create %s", name);
    };
    for (unsigned i = KMALLOC_SHIFT_LOW; i <= KMALLOC_SHIFT_HIGH; ++i) {
        create(i);
        if (i == 6) create(1);
        if (i == 7) create(2);
    }
}

kmem_cache* SlabAllocator::kmalloc_slab(size_t size) const
{
    if (size == 0 || size > KMALLOC_MAX_CACHE_SIZE) return nullptr;
    return kmalloc_caches_[kmalloc_index(size)];
}

void* SlabAllocator::kmalloc(size_t size, gfp_t gfp)
{
    if (size == 0) return ZERO_SIZE_PTR;
    if (size > KMALLOC_MAX_CACHE_SIZE) {
        // Linux kmalloc_large(): a compound page, so kfree can find its order from the head.
        page* p = buddy_.alloc_pages(gfp | __GFP_COMP, get_order(size));
        return p ? page_address(p) : nullptr;
    }
    return kmem_cache_alloc(kmalloc_slab(size), gfp);
}

void SlabAllocator::kfree(const void* obj)
{
    if (!obj || obj == ZERO_SIZE_PTR) return;
    page* p = virt_to_page(obj);
    if (!p) panic("kfree: %p is not in the kernel direct map", obj);
    page* head = compound_head(p);
    if (!PageSlab(head)) {
        if (page_address(head) != obj) panic("kfree: %p is inside the allocation at %p", obj, page_address(head));
        buddy_.__free_pages(head, head->order);
        return;
    }
    kmem_cache_free(head->slab_cache, const_cast<void*>(obj));
}

// Linux print_slabinfo_header() and cache_show(). The tunables are SLAB's and print as zero,
// as under SLUB; counts sum over nodes; active_slabs counts slabs that hold at least one object.
unsigned long SlabAllocator::nr_slab_pages() const
{
    unsigned long pages = 0;
    list_for_each_entry(s, &slab_caches_, kmem_cache, list) pages += s->nr_slabs() << s->order;
    return pages;
}

void SlabAllocator::slabinfo(seq_buf* out) const
{
    seq_buf_puts(out, "slabinfo - version: 2.1\n");
    seq_buf_puts(out, "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>");
    seq_buf_puts(out, " : tunables <limit> <batchcount> <sharedfactor>");
    seq_buf_puts(out, " : slabdata <active_slabs> <num_slabs> <sharedavail>\n");
    list_for_each_entry(s, &slab_caches_, kmem_cache, list) {
        unsigned long active_objs = 0, nr_slabs = 0, nr_free_slabs = 0;
        for (kmem_cache_node& n : s->node) {
            spin_guard guard(&n.list_lock);
            active_objs += n.active_objs;
            nr_slabs += n.nr_slabs;
            nr_free_slabs += n.nr_free_slabs;
        }
        seq_buf_printf(out, "%-17s %6lu %6lu %6u %4u %4d", s->name, active_objs, nr_slabs * s->objects, s->size,
                       s->objects, 1 << s->order);
        seq_buf_printf(out, " : tunables %4u %4u %4u", 0u, 0u, 0u);
        seq_buf_printf(out, " : slabdata %6lu %6lu %6lu\n", nr_slabs - nr_free_slabs, nr_slabs, 0UL);
    }
}
