// The reverse map of anonymous pages (Linux mm/rmap.c: anon_vma_prepare, anon_vma_fork's
// linking, unlink_anon_vmas, page_add_new_anon_rmap, rmap_walk_anon), simplified to one
// anon_vma per fork family (mm/rmap.h).
#include "kernel/panic.h"
#include "mm/internal.h"
#include "mm/mmap_lock.h"
#include "mm/rmap.h"
#include "mm/slab.h"

namespace {

void anon_vma_get(anon_vma* av) { __atomic_add_fetch(&av->refcount, 1, __ATOMIC_RELAXED); }

void anon_vma_put(anon_vma* av)
{
    if (__atomic_sub_fetch(&av->refcount, 1, __ATOMIC_ACQ_REL) == 0) {
        BUG_ON(!list_empty(&av->vmas));
        kfree(av);
    }
}

}  // namespace

int anon_vma_prepare(vm_area_struct* vma)
{
    if (vma->vm_anon_vma) return 0;
    auto* av = static_cast<anon_vma*>(kzalloc(sizeof(anon_vma), GFP_KERNEL));
    if (!av) return -ENOMEM;
    mutex_init(&av->lock);
    INIT_LIST_HEAD(&av->vmas);
    anon_vma_link(vma, av);
    return 0;
}

void anon_vma_link(vm_area_struct* vma, anon_vma* av)
{
    anon_vma_get(av);
    mutex_lock(&av->lock);
    list_add_tail(&vma->anon_vma_node, &av->vmas);
    vma->vm_anon_vma = av;
    mutex_unlock(&av->lock);
}

void unlink_anon_vma(vm_area_struct* vma)
{
    anon_vma* av = vma->vm_anon_vma;
    if (!av) return;
    mutex_lock(&av->lock);
    list_del_init(&vma->anon_vma_node);
    vma->vm_anon_vma = nullptr;
    mutex_unlock(&av->lock);
    anon_vma_put(av);
}

void page_add_new_anon_rmap(page* p, vm_area_struct* vma, unsigned long addr)
{
    BUG_ON(!vma->vm_anon_vma || PageAnon(p));
    anon_vma_get(vma->vm_anon_vma);
    p->mapping = reinterpret_cast<address_space*>(reinterpret_cast<unsigned long>(vma->vm_anon_vma) | PAGE_MAPPING_ANON);
    p->index = linear_page_index(vma, addr);
    p->_mapcount = 1;
}

void anon_page_release(page* p)
{
    BUG_ON(p->_mapcount != 0);
    anon_vma* av = page_anon_vma(p);
    p->mapping = nullptr;
    anon_vma_put(av);
}

bool rmap_walk_anon(page* p, void (*fn)(vm_area_struct* vma, unsigned long addr, pte_t* e, void* arg), void* arg)
{
    anon_vma* av = page_anon_vma(p);
    if (!mutex_trylock(&av->lock)) return false;
    bool all = true;
    list_for_each_entry(vma, &av->vmas, vm_area_struct, anon_vma_node) {
        mm_struct* mm = vma->vm_mm;
        const bool held = mm == current_fault_mm();
        if (!held && !mmap_write_trylock(mm)) {
            all = false;
            continue;
        }
        // Bounds and vm_pgoff change under the mm's lock (split, merge): read inside it.
        if (p->index >= vma->vm_pgoff && p->index - vma->vm_pgoff < vma_pages(vma)) {
            const unsigned long addr = vma->vm_start + ((p->index - vma->vm_pgoff) << PAGE_SHIFT);
            int level;
            pte_t* e = walk_pgtable(mm->pgd, addr, &level);
            if (e && level == 0 && pte_leaf(*e) && pte_pfn(*e) == page_to_pfn(p)) fn(vma, addr, e, arg);
        }
        if (!held) mmap_write_unlock(mm);
    }
    mutex_unlock(&av->lock);
    return all;
}
