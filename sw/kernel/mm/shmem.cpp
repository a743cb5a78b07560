// Shared anonymous memory (Linux mm/shmem.c behind MAP_SHARED|MAP_ANONYMOUS): an object that
// owns the pages of the mapping by index, so that every process mapping it, before or after a
// fork, faults in the same frame. The pages live until the last VMA drops the object.
#include "kernel/panic.h"
#include "mm/internal.h"
#include "mm/slab.h"

shmem_object* shmem_create(unsigned long nr_pages)
{
    auto* obj = static_cast<shmem_object*>(kzalloc(sizeof(shmem_object), GFP_KERNEL));
    if (!obj) return nullptr;
    obj->pages = static_cast<page**>(kzalloc(nr_pages * sizeof(page*), GFP_KERNEL));
    if (!obj->pages) {
        kfree(obj);
        return nullptr;
    }
    obj->refcount = 1;
    obj->nr_pages = nr_pages;
    return obj;
}

void shmem_get(shmem_object* obj) { __atomic_add_fetch(&obj->refcount, 1, __ATOMIC_RELAXED); }

void shmem_put(shmem_object* obj)
{
    if (__atomic_sub_fetch(&obj->refcount, 1, __ATOMIC_ACQ_REL)) return;
    for (unsigned long i = 0; i < obj->nr_pages; ++i)
        if (obj->pages[i]) __free_page(obj->pages[i]);
    kfree(obj->pages);
    kfree(obj);
}

page* shmem_find_or_alloc(shmem_object* obj, unsigned long index)
{
    BUG_ON(index >= obj->nr_pages);
    page* p = __atomic_load_n(&obj->pages[index], __ATOMIC_ACQUIRE);
    if (p) return p;
    page* fresh = alloc_page(GFP_HIGHUSER_ZERO);
    if (!fresh) return nullptr;
    // Two address spaces may fault the same index at once: the first to publish wins.
    page* expected = nullptr;
    if (__atomic_compare_exchange_n(&obj->pages[index], &expected, fresh, false, __ATOMIC_ACQ_REL,
                                    __ATOMIC_ACQUIRE))
        return fresh;
    __free_page(fresh);
    return expected;
}
