// The reverse map of anonymous pages (Linux mm/rmap.c: anon_vma_prepare, anon_vma_clone,
// anon_vma_fork, unlink_anon_vmas, page_add_new_anon_rmap, rmap_walk_anon; mm/rmap.h).
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
        anon_vma* root = av->root;
        kfree(av);
        if (root != av) anon_vma_put(root);
    }
}

// vma's range holds page index (vm_pgoff and the bounds read once each).
bool vma_may_hold(const vm_area_struct* vma, unsigned long index)
{
    const unsigned long pgoff = __atomic_load_n(&vma->vm_pgoff, __ATOMIC_RELAXED);
    const unsigned long start = __atomic_load_n(&vma->vm_start, __ATOMIC_RELAXED);
    const unsigned long end = __atomic_load_n(&vma->vm_end, __ATOMIC_RELAXED);
    return index >= pgoff && index - pgoff < ((end - start) >> PAGE_SHIFT);
}

}  // namespace

namespace {

anon_vma* anon_vma_alloc()
{
    auto* av = static_cast<anon_vma*>(kzalloc(sizeof(anon_vma), GFP_KERNEL));
    if (!av) return nullptr;
    mutex_init(&av->lock);
    INIT_LIST_HEAD(&av->vmas);
    av->root = av;
    return av;
}

// vma goes on av through the chain entry avc (allocated by the caller).
void anon_vma_chain_link(vm_area_struct* vma, anon_vma* av, anon_vma_chain* avc)
{
    anon_vma_get(av);
    avc->vma = vma;
    avc->av = av;
    list_add_tail(&avc->same_vma, &vma->anon_vma_chain);
    mutex_lock(&av->lock);
    list_add_tail(&avc->same_anon_vma, &av->vmas);
    mutex_unlock(&av->lock);
}

anon_vma_chain* avc_alloc() { return static_cast<anon_vma_chain*>(kzalloc(sizeof(anon_vma_chain), GFP_KERNEL)); }

}  // namespace

int anon_vma_prepare(vm_area_struct* vma)
{
    if (vma->vm_anon_vma) return 0;
    anon_vma* av = anon_vma_alloc();
    anon_vma_chain* avc = avc_alloc();
    if (!av || !avc) {
        kfree(av);
        kfree(avc);
        return -ENOMEM;
    }
    anon_vma_chain_link(vma, av, avc);
    vma->vm_anon_vma = av;
    return 0;
}

int anon_vma_clone(vm_area_struct* dst, const vm_area_struct* src)
{
    list_for_each_entry(pavc, &src->anon_vma_chain, anon_vma_chain, same_vma) {
        anon_vma_chain* avc = avc_alloc();
        if (!avc) {
            unlink_anon_vma(dst);
            return -ENOMEM;
        }
        anon_vma_chain_link(dst, pavc->av, avc);
    }
    dst->vm_anon_vma = src->vm_anon_vma;
    return 0;
}

int anon_vma_fork(vm_area_struct* vma, const vm_area_struct* parent)
{
    if (!parent->vm_anon_vma) return 0;
    if (anon_vma_clone(vma, parent)) return -ENOMEM;
    vma->vm_anon_vma = nullptr;  // its own, for the pages it faults in itself
    if (anon_vma_prepare(vma)) return -ENOMEM;
    anon_vma* root = parent->vm_anon_vma->root;
    anon_vma_get(root);
    vma->vm_anon_vma->root = root;
    return 0;
}

void unlink_anon_vma(vm_area_struct* vma)
{
    while (!list_empty(&vma->anon_vma_chain)) {
        anon_vma_chain* avc = list_first_entry(&vma->anon_vma_chain, anon_vma_chain, same_vma);
        list_del(&avc->same_vma);
        anon_vma* av = avc->av;
        mutex_lock(&av->lock);
        list_del(&avc->same_anon_vma);
        mutex_unlock(&av->lock);
        kfree(avc);
        anon_vma_put(av);
    }
    vma->vm_anon_vma = nullptr;
}

void page_add_new_anon_rmap(page* p, vm_area_struct* vma, unsigned long addr, bool exclusive)
{
    BUG_ON(!vma->vm_anon_vma || PageAnon(p));
    anon_vma* av = exclusive ? vma->vm_anon_vma : vma->vm_anon_vma->root;
    anon_vma_get(av);
    p->mapping = reinterpret_cast<address_space*>(reinterpret_cast<unsigned long>(av) | PAGE_MAPPING_ANON);
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
    list_for_each_entry(avc, &av->vmas, anon_vma_chain, same_anon_vma) {
        vm_area_struct* vma = avc->vma;
        // A VMA whose range cannot hold the page is passed over without its mm's lock, so that
        // a busy address space of the family does not hide the others' pages. Bounds change
        // under that lock, but never so as to take in a page they did not hold while the
        // anon_vma's lock is ours: a split links its new part under it, a merge's VMA that goes
        // keeps its bounds until unlinked under it. Read again inside the lock.
        if (!vma_may_hold(vma, p->index)) continue;
        mm_struct* mm = vma->vm_mm;
        const bool held = mm == current_fault_mm();
        if (!held && !mmap_write_trylock(mm)) {
            all = false;
            continue;
        }
        if (vma_may_hold(vma, p->index)) {
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
