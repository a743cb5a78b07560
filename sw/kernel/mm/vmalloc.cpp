// vmalloc (Linux mm/vmalloc.c): virtually contiguous kernel memory from scattered order-0
// pages, mapped in the vmalloc area under swapper_pg_dir. vmalloc_init allocates the tables
// below the root for the whole area at boot, so every process's copy of the kernel half
// (mm_alloc) sees later vmalloc mappings without any root entry being copied again.
#include "kernel/panic.h"
#include "mm/internal.h"
#include "mm/slab.h"

namespace {
// One allocated range; a guard page follows it (Linux vmap_area + VM_NO_GUARD unset).
struct vmap_area {
    unsigned long va_start, va_end;  // va_end includes the guard page
    list_head list;                  // vmap_area_list, sorted by address
};
list_head vmap_area_list = {&vmap_area_list, &vmap_area_list};
spinlock_t vmap_lock;
}  // namespace

void vmalloc_init()
{
    INIT_LIST_HEAD(&vmap_area_list);
    // One 2 MiB-entry table per 1 GiB of the area (Sv39: root entries 320..327; Sv48: below
    // root entry 511, with the level-2 table created if the arch code has not).
    for (unsigned long va = VMALLOC_START; va - VMALLOC_START < VMALLOC_END - VMALLOC_START; va += PUD_SIZE)
        if (!pgtable_alloc_walk(nullptr, swapper_pg_dir, va, 1)) panic("vmalloc_init: no page for the tables at %#lx", va);
}

// First fit over the sorted areas; caller holds vmap_lock.
static vmap_area* alloc_vmap_area(unsigned long size)
{
    auto* va = static_cast<vmap_area*>(kmalloc(sizeof(vmap_area), GFP_KERNEL));
    if (!va) return nullptr;
    unsigned long addr = VMALLOC_START;
    list_head* before = &vmap_area_list;
    list_for_each_entry(pos, &vmap_area_list, vmap_area, list) {
        if (pos->va_start - addr >= size) {
            before = &pos->list;
            break;
        }
        addr = pos->va_end;
    }
    if (VMALLOC_END - addr < size) {
        kfree(va);
        return nullptr;
    }
    va->va_start = addr;
    va->va_end = addr + size;
    list_add_tail(&va->list, before);
    return va;
}

// Unmap [start, end) of the kernel table and free its frames, each batch only after the
// flush (no hart may still reach a frame through its TLB once the buddy has it back).
static void vunmap_free(unsigned long start, unsigned long end)
{
    page* frames[64];
    unsigned n = 0;
    for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
        int level = 0;
        pte_t* e = walk_pgtable(swapper_pg_dir, addr, &level);
        if (!e || level != 0 || !pte_leaf(*e)) continue;
        frames[n++] = pfn_to_page(pte_pfn(*e));
        *e = 0;
        if (n == 64) {
            flush_tlb_kernel_range(start, end);
            for (unsigned i = 0; i < n; ++i) __free_page(frames[i]);
            n = 0;
        }
    }
    if (n) flush_tlb_kernel_range(start, end);
    for (unsigned i = 0; i < n; ++i) __free_page(frames[i]);
}

void* vmalloc(unsigned long size)
{
    if (!size || size > VMALLOC_END - VMALLOC_START) return nullptr;
    size = PAGE_ALIGN(size);
    spin_guard guard(&vmap_lock);
    vmap_area* va = alloc_vmap_area(size + PAGE_SIZE);
    if (!va) return nullptr;
    for (unsigned long off = 0; off < size; off += PAGE_SIZE) {
        page* p = alloc_page(GFP_KERNEL);
        if (!p || !map_range(nullptr, swapper_pg_dir, va->va_start + off, page_to_phys(p), PAGE_SIZE,
                             _PAGE_R | _PAGE_W | _PAGE_G, 0)) {
            if (p) __free_page(p);
            vunmap_free(va->va_start, va->va_start + off);
            list_del(&va->list);
            kfree(va);
            return nullptr;
        }
    }
    return reinterpret_cast<void*>(va->va_start);
}

void vfree(const void* addr)
{
    if (!addr) return;
    const unsigned long start = reinterpret_cast<unsigned long>(addr);
    spin_guard guard(&vmap_lock);
    list_for_each_entry(va, &vmap_area_list, vmap_area, list) {
        if (va->va_start != start) continue;
        vunmap_free(va->va_start, va->va_end - PAGE_SIZE);
        list_del(&va->list);
        kfree(va);
        return;
    }
    panic("vfree: %p was not returned by vmalloc", addr);
}
