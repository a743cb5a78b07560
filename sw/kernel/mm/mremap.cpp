// mremap (Linux mm/mremap.c) for private anonymous memory: shrinking unmaps the tail; growing
// extends the VMA when the addresses above it are free; otherwise, with MREMAP_MAYMOVE, the
// mapping moves to a free range: a new VMA on the same anon_vmas with the same page offset
// takes the PTEs themselves (pages, swap entries and zero-page entries move, nothing is
// copied), then the old range is unmapped. Reclaim cannot walk the moving PTEs: it takes the
// mm's mmap_lock with a trylock, and the move holds it for writing.
#include "mm/internal.h"
#include "mm/mmap_lock.h"
#include "mm/overcommit.h"
#include "mm/rmap.h"

namespace {

constexpr unsigned long MREMAP_MAYMOVE = 1;

bool private_anon(const vm_area_struct* vma) { return !vma->vm_file && !(vma->vm_flags & VM_SHARED); }

// Charges pages to an accounted VMA's growth; -ENOMEM if overcommit refuses.
int charge(mm_struct* mm, const vm_area_struct* vma, unsigned long pages)
{
    return (vma->vm_flags & VM_ACCOUNT) ? __vm_enough_memory(mm, long(pages)) : 0;
}

// Linux move_page_tables for 4 KiB entries: each non-empty PTE of [old, old + len) moves to
// the same offset from new_addr. false if a table cannot be allocated (what moved so far stays
// moved; the caller moves it back).
bool move_ptes(mm_struct* mm, unsigned long old_addr, unsigned long new_addr, unsigned long len)
{
    for (unsigned long off = 0; off < len; off += PAGE_SIZE) {
        int level;
        pte_t* src = walk_pgtable(mm->pgd, old_addr + off, &level);
        if (!src || pte_none(*src)) continue;
        if (level != 0) return false;  // a huge leaf left (split_huge_leaves failed)
        pte_t* dst = pgtable_alloc_walk(mm, mm->pgd, new_addr + off, 0);
        if (!dst) return false;
        *dst = *src;
        *src = 0;
    }
    return true;
}

// Every 2 MiB leaf in [start, end) becomes 512 4 KiB entries (split_huge_pmd_address splits
// only a leaf straddling the address, not one starting there); false on OOM.
bool split_huge_leaves(mm_struct* mm, unsigned long start, unsigned long end)
{
    if (!split_huge_pmd_address(mm, start) || !split_huge_pmd_address(mm, end)) return false;
    for (unsigned long a = (start + PMD_SIZE - 1) & PMD_MASK; a + PMD_SIZE <= end; a += PMD_SIZE) {
        int level;
        pte_t* pmd = walk_pgtable(mm->pgd, a, &level);
        if (pmd && level == 1 && pte_leaf(*pmd) && !split_huge_pmd(mm, pmd, a)) return false;
    }
    return true;
}

unsigned long move_vma(mm_struct* mm, vm_area_struct* vma, unsigned long addr, unsigned long old_len,
                       unsigned long new_len)
{
    // The old range becomes a VMA of its own, without huge leaves (moved entry by entry).
    if (!vma_split_range(mm, addr, addr + old_len) || !split_huge_leaves(mm, addr, addr + old_len))
        return (unsigned long)-ENOMEM;
    vma = find_vma(mm, addr);
    const unsigned long new_addr = get_unmapped_area(mm, 0, new_len, MAP_PRIVATE | MAP_ANONYMOUS);
    if (IS_ERR_VALUE(new_addr)) return new_addr;
    if (charge(mm, vma, new_len >> PAGE_SHIFT)) return (unsigned long)-ENOMEM;
    vm_area_struct* moved = vm_area_alloc(mm);
    if (!moved || anon_vma_clone(moved, vma)) {
        if (moved) vm_area_free(moved);
        if (vma->vm_flags & VM_ACCOUNT) vm_unacct_memory(long(new_len >> PAGE_SHIFT));
        return (unsigned long)-ENOMEM;
    }
    moved->vm_start = new_addr;
    moved->vm_end = new_addr + new_len;
    moved->vm_flags = vma->vm_flags;
    moved->vm_pgoff = vma->vm_pgoff;  // the pages keep their index (Linux copy_vma's pgoff)
    vma_link(mm, moved);
    if (!move_ptes(mm, addr, new_addr, old_len)) {
        move_ptes(mm, new_addr, addr, old_len);  // back: the tables there still exist
        zap_user_range(mm, new_addr, new_addr + new_len);
        vma_unaccount(moved);
        vma_unlink(mm, moved);
        vm_area_free(moved);
        return (unsigned long)-ENOMEM;
    }
    flush_tlb_range(mm, addr, addr + old_len);
    // The old range has no entries left: unmapping frees its tables and its charge.
    zap_user_range(mm, addr, addr + old_len);
    vma_unaccount(vma);
    vma_unlink(mm, vma);
    vm_area_free(vma);
    return new_addr;
}

}  // namespace

unsigned long do_mremap(mm_struct* mm, unsigned long addr, unsigned long old_len, unsigned long new_len,
                        unsigned long flags)
{
    if ((addr & ~PAGE_MASK) || (flags & ~MREMAP_MAYMOVE)) return (unsigned long)-EINVAL;
    old_len = PAGE_ALIGN(old_len);
    new_len = PAGE_ALIGN(new_len);
    if (!new_len || !old_len || new_len > task_size()) return (unsigned long)-EINVAL;
    mmap_write_guard guard(mm);
    vm_area_struct* vma = find_vma(mm, addr);
    if (!vma || vma->vm_start > addr || addr + old_len > vma->vm_end) return (unsigned long)-EFAULT;
    if (new_len <= old_len) {
        if (new_len < old_len) {
            const int err = munmap_range(mm, addr + new_len, old_len - new_len);
            if (err) return (unsigned long)err;
        }
        return addr;
    }
    if (!private_anon(vma)) return (unsigned long)-ENOMEM;
    // In place: the range above is free (the VMA ends where the old range does).
    const unsigned long end = addr + new_len;
    vm_area_struct* next = vma_next(mm, vma);
    if (addr + old_len == vma->vm_end && end <= task_size() && (!next || next->vm_start >= end)) {
        if (charge(mm, vma, (new_len - old_len) >> PAGE_SHIFT)) return (unsigned long)-ENOMEM;
        vma->vm_end = end;
        return addr;
    }
    if (!(flags & MREMAP_MAYMOVE)) return (unsigned long)-ENOMEM;
    return move_vma(mm, vma, addr, old_len, new_len);
}
