// Virtual memory areas (Linux mm/mmap.c, mm/vma.c): the sorted VMA list of an mm_struct,
// find_vma, splitting a VMA at an address and merging compatible neighbours, and the mapping
// from vm_flags to PTE permissions.
#include "kernel/panic.h"
#include "mm/internal.h"
#include "mm/rmap.h"
#include "mm/slab.h"

vm_area_struct* vm_area_alloc(mm_struct* mm)
{
    auto* vma = static_cast<vm_area_struct*>(kzalloc(sizeof(vm_area_struct), GFP_KERNEL));
    if (!vma) return nullptr;
    vma->vm_mm = mm;
    INIT_LIST_HEAD(&vma->vm_list);
    INIT_LIST_HEAD(&vma->shared);
    INIT_LIST_HEAD(&vma->anon_vma_chain);
    return vma;
}

void vm_area_free(vm_area_struct* vma)
{
    unlink_anon_vma(vma);
    if (vma->vm_shared) shmem_put(vma->vm_shared);
    if (vma->vm_ops && vma->vm_ops->close) vma->vm_ops->close(vma);
    kfree(vma);
}

vm_area_struct* find_vma(mm_struct* mm, unsigned long addr)
{
    list_for_each_entry(vma, &mm->mmap, vm_area_struct, vm_list)
        if (vma->vm_end > addr) return vma;
    return nullptr;
}

void vma_link(mm_struct* mm, vm_area_struct* vma)
{
    list_head* before = &mm->mmap;  // insert in front of the first VMA above, or at the tail
    list_for_each_entry(pos, &mm->mmap, vm_area_struct, vm_list) {
        BUG_ON(pos->vm_start < vma->vm_end && vma->vm_start < pos->vm_end);  // overlap
        if (pos->vm_start >= vma->vm_end) {
            before = &pos->vm_list;
            break;
        }
    }
    list_add_tail(&vma->vm_list, before);
    mm->map_count++;
}

void vma_unlink(mm_struct* mm, vm_area_struct* vma)
{
    list_del(&vma->vm_list);
    mm->map_count--;
}

vm_area_struct* vma_next(mm_struct* mm, vm_area_struct* vma)
{
    return vma->vm_list.next == &mm->mmap ? nullptr : list_entry(vma->vm_list.next, vm_area_struct, vm_list);
}

vm_area_struct* vma_prev(mm_struct* mm, vm_area_struct* vma)
{
    return vma->vm_list.prev == &mm->mmap ? nullptr : list_entry(vma->vm_list.prev, vm_area_struct, vm_list);
}

vm_area_struct* split_vma(mm_struct* mm, vm_area_struct* vma, unsigned long addr)
{
    BUG_ON(addr <= vma->vm_start || addr >= vma->vm_end || (addr & ~PAGE_MASK));
    vm_area_struct* upper = vm_area_alloc(mm);
    if (!upper) return nullptr;
    upper->vm_start = addr;
    upper->vm_end = vma->vm_end;
    upper->vm_flags = vma->vm_flags;
    upper->vm_shared = vma->vm_shared;
    upper->vm_pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
    upper->vm_file = vma->vm_file;
    upper->vm_ops = vma->vm_ops;
    if (upper->vm_shared) shmem_get(upper->vm_shared);
    if (upper->vm_ops && upper->vm_ops->open) upper->vm_ops->open(upper);
    if (anon_vma_clone(upper, vma)) {
        vm_area_free(upper);
        return nullptr;
    }
    vma->vm_end = addr;
    list_add(&upper->vm_list, &vma->vm_list);
    mm->map_count++;
    return upper;
}

// Linux is_mergeable_vma + is_mergeable_anon_vma: same flags, the same object at contiguous
// offsets (anonymous memory's offsets are its addresses in pages), and not two different
// anon_vmas. The heap never merges with what lies below start_brk, so /proc/PID/maps shows
// [heap] as its own line.
static bool can_merge(const mm_struct* mm, const vm_area_struct* a, const vm_area_struct* b)
{
    if (a->vm_end != b->vm_start || a->vm_flags != b->vm_flags) return false;
    if (mm->start_brk && a->vm_end == mm->start_brk) return false;
    if (a->vm_shared != b->vm_shared || a->vm_file != b->vm_file) return false;
    if (a->vm_anon_vma && b->vm_anon_vma && a->vm_anon_vma != b->vm_anon_vma) return false;
    return b->vm_pgoff == a->vm_pgoff + vma_pages(a);
}

// survivor takes in gone's range: gone's anonymous pages keep pointing at their anon_vmas,
// which survivor joins (Linux's merge requires gone's chain to be survivor's or survivor's empty).
static bool merge_anon_vma(vm_area_struct* survivor, const vm_area_struct* gone)
{
    return survivor->vm_anon_vma || !gone->vm_anon_vma || anon_vma_clone(survivor, gone) == 0;
}

vm_area_struct* vma_merge_neighbours(mm_struct* mm, vm_area_struct* vma)
{
    vm_area_struct* prev = vma_prev(mm, vma);
    if (prev && can_merge(mm, prev, vma) && merge_anon_vma(prev, vma)) {
        prev->vm_end = vma->vm_end;
        vma_unlink(mm, vma);
        vm_area_free(vma);
        vma = prev;
    }
    vm_area_struct* next = vma_next(mm, vma);
    if (next && can_merge(mm, vma, next) && merge_anon_vma(vma, next)) {
        vma->vm_end = next->vm_end;
        vma_unlink(mm, next);
        vm_area_free(next);
    }
    return vma;
}

bool vma_split_range(mm_struct* mm, unsigned long start, unsigned long end)
{
    vm_area_struct* vma = find_vma(mm, start);
    if (vma && vma->vm_start < start && !split_vma(mm, vma, start)) return false;
    vma = find_vma(mm, end);
    if (vma && vma->vm_start < end && !split_vma(mm, vma, end)) return false;
    return true;
}

bool range_fully_mapped(mm_struct* mm, unsigned long start, unsigned long end)
{
    unsigned long addr = start;
    for (vm_area_struct* vma = find_vma(mm, start); vma && addr < end; vma = vma_next(mm, vma)) {
        if (vma->vm_start > addr) return false;
        addr = vma->vm_end;
    }
    return addr >= end;
}

unsigned long calc_vm_prot_bits(unsigned long prot)
{
    return ((prot & PROT_READ) ? VM_READ : 0) | ((prot & PROT_WRITE) ? VM_WRITE : 0) |
           ((prot & PROT_EXEC) ? VM_EXEC : 0);
}

pte_t vm_get_page_prot(unsigned long vm_flags)
{
    pte_t prot = _PAGE_U;
    if (vm_flags & (VM_READ | VM_WRITE)) prot |= _PAGE_R;
    if (vm_flags & VM_WRITE) prot |= _PAGE_W;
    if (vm_flags & VM_EXEC) prot |= _PAGE_X;
    return prot;
}
