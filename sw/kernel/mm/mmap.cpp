// The mmap family (Linux mm/mmap.c): top-down placement below mmap_base, anonymous private
// and shared mappings and file mappings (set up by the file's mmap), MAP_FIXED replacing what
// is there, munmap splitting VMAs and returning pages and emptied page tables, brk with
// sys_brk's semantics, and the initial user layout.
#include "fs/file.h"
#include "kernel/panic.h"
#include "mm/internal.h"
#include "mm/mmap_lock.h"
#include "mm/overcommit.h"

static bool range_free(mm_struct* mm, unsigned long addr, unsigned long len)
{
    vm_area_struct* vma = find_vma(mm, addr);
    return !vma || vma->vm_start >= addr + len;
}

// Linux unmapped_area_topdown: the highest gap below high that holds len bytes at align.
static unsigned long unmapped_area_topdown(mm_struct* mm, unsigned long len, unsigned long align)
{
    const unsigned long low = PAGE_SIZE;  // mmap_min_addr
    unsigned long high = mm->mmap_base;
    vm_area_struct* vma = list_empty(&mm->mmap) ? nullptr : list_entry(mm->mmap.prev, vm_area_struct, vm_list);
    for (;; vma = vma_prev(mm, vma)) {
        const unsigned long gap_start = (vma && vma->vm_end > low) ? vma->vm_end : low;
        if (high > gap_start && high - gap_start >= len) {
            const unsigned long addr = (high - len) & ~(align - 1);
            if (addr >= gap_start) return addr;
        }
        if (!vma) break;
        if (vma->vm_start < high) high = vma->vm_start;
        if (high <= low) break;
    }
    return (unsigned long)-ENOMEM;
}

unsigned long get_unmapped_area(mm_struct* mm, unsigned long addr, unsigned long len, unsigned long flags)
{
    if (len > task_size()) return (unsigned long)-ENOMEM;
    if (flags & MAP_FIXED) return addr;
    if (addr) {
        addr = PAGE_ALIGN(addr);
        if (addr <= task_size() - len && addr >= PAGE_SIZE && range_free(mm, addr, len)) return addr;
    }
    // Linux __get_unmapped_area: anonymous private mappings of a multiple of 2 MiB start on a
    // 2 MiB boundary so that huge pages can back them whole.
    const bool pmd_aligned = (flags & MAP_ANONYMOUS) && !(flags & MAP_SHARED) && !(len & (PMD_SIZE - 1));
    return unmapped_area_topdown(mm, len, pmd_aligned ? PMD_SIZE : PAGE_SIZE);
}

// Linux do_vmi_munmap with mmap_lock held.
static int munmap_locked(mm_struct* mm, unsigned long start, unsigned long len)
{
    if ((start & ~PAGE_MASK) || start > task_size() || len > task_size() - start) return -EINVAL;
    len = PAGE_ALIGN(len);
    if (!len) return -EINVAL;
    const unsigned long end = start + len;
    vm_area_struct* vma = find_vma(mm, start);
    if (!vma || vma->vm_start >= end) return 0;
    if (!split_huge_pmd_address(mm, start) || !split_huge_pmd_address(mm, end)) return -ENOMEM;
    if (!vma_split_range(mm, start, end)) return -ENOMEM;
    const int err = zap_user_range(mm, start, end);
    if (err) return err;
    for (vma = find_vma(mm, start); vma && vma->vm_start < end;) {
        vm_area_struct* next = vma_next(mm, vma);
        vma_unaccount(vma);
        vma_unlink(mm, vma);
        vm_area_free(vma);
        vma = next;
    }
    return 0;
}

int munmap_range(mm_struct* mm, unsigned long start, unsigned long len) { return munmap_locked(mm, start, len); }

int do_munmap(mm_struct* mm, unsigned long start, unsigned long len)
{
    mmap_write_guard guard(mm);
    return munmap_locked(mm, start, len);
}

// Linux mmap_region; the range is free. A file mapping is set up by the file's mmap (fs.h),
// which references the file and links the VMA on its i_mmap.
static unsigned long mmap_region(mm_struct* mm, file* f, unsigned long addr, unsigned long len,
                                 unsigned long vm_flags, unsigned long pgoff)
{
    // Linux mmap_region: a private writable mapping is charged before it exists.
    const long charged = accountable_mapping(vm_flags) ? long(len >> PAGE_SHIFT) : 0;
    if (charged) {
        if (__vm_enough_memory(mm, charged)) return (unsigned long)-ENOMEM;
        vm_flags |= VM_ACCOUNT;
    }
    vm_area_struct* vma = vm_area_alloc(mm);
    if (!vma) {
        vm_unacct_memory(charged);
        return (unsigned long)-ENOMEM;
    }
    vma->vm_start = addr;
    vma->vm_end = addr + len;
    vma->vm_flags = vm_flags;
    // Private anonymous memory counts its pages from address 0 (Linux mmap_region's pgoff for
    // anonymous memory), so that its anonymous pages' indexes stay right through splits and merges.
    vma->vm_pgoff = (f || (vm_flags & VM_SHARED)) ? pgoff : addr >> PAGE_SHIFT;
    int err = 0;
    if (f) {
        err = f->f_inode->i_fop->mmap(f, vma);
    } else if (vm_flags & VM_SHARED) {
        vma->vm_shared = shmem_create(len >> PAGE_SHIFT);
        if (!vma->vm_shared) err = -ENOMEM;
    }
    if (err) {
        vm_area_free(vma);
        vm_unacct_memory(charged);
        return (unsigned long)err;
    }
    vma_link(mm, vma);
    vma_merge_neighbours(mm, vma);
    return addr;
}

// Pages of [start, end) in VMAs charged to Committed_AS (VM_ACCOUNT): what a MAP_FIXED over the
// range gives back (Linux vms_gather_munmap_vmas' nr_accounted).
static unsigned long accounted_in_range(mm_struct* mm, unsigned long start, unsigned long end)
{
    unsigned long pages = 0;
    for (vm_area_struct* vma = find_vma(mm, start); vma && vma->vm_start < end; vma = vma_next(mm, vma)) {
        if (!(vma->vm_flags & VM_ACCOUNT)) continue;
        const unsigned long from = vma->vm_start > start ? vma->vm_start : start;
        const unsigned long to = vma->vm_end < end ? vma->vm_end : end;
        pages += (to - from) >> PAGE_SHIFT;
    }
    return pages;
}

// Linux 6.12 mmap_region: a MAP_FIXED mapping's charge, less what the mappings it replaces give
// back, is checked before anything is unmapped, so that a refused one leaves them in place.
static int fixed_charge_fits(mm_struct* mm, unsigned long addr, unsigned long len, unsigned long vm_flags)
{
    if (!accountable_mapping(vm_flags)) return 0;
    const long need = long(len >> PAGE_SHIFT) - long(accounted_in_range(mm, addr, addr + len));
    if (need <= 0) return 0;
    if (__vm_enough_memory(mm, need)) return -ENOMEM;
    vm_unacct_memory(need);  // charged again, whole, by mmap_region once the range is free
    return 0;
}

static unsigned long mmap_locked(mm_struct* mm, file* f, unsigned long addr, unsigned long len, unsigned long prot,
                                 unsigned long flags, unsigned long vm_flags_mask, unsigned long pgoff)
{
    if (!len || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))) return (unsigned long)-EINVAL;
    const unsigned long type = flags & (MAP_SHARED | MAP_PRIVATE);
    if (!type) return (unsigned long)-EINVAL;
    if (len > task_size()) return (unsigned long)-ENOMEM;
    len = PAGE_ALIGN(len);
    if (pgoff + (len >> PAGE_SHIFT) < pgoff) return (unsigned long)-EOVERFLOW;
    unsigned long vm_flags = calc_vm_prot_bits(prot) | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
    if (type & MAP_SHARED) vm_flags |= VM_SHARED | VM_MAYSHARE;  // MAP_SHARED_VALIDATE counts as shared
    vm_flags &= ~vm_flags_mask;
    // Linux do_mmap: MAP_NORESERVE is honoured unless overcommit is never allowed.
    if ((flags & MAP_NORESERVE) && __atomic_load_n(&vm_overcommit_memory, __ATOMIC_RELAXED) != OVERCOMMIT_NEVER)
        vm_flags |= VM_NORESERVE;
    if (vm_flags & VM_ACCESS_FLAGS & ~(vm_flags >> 4)) return (unsigned long)-EACCES;  // VM_MAY* = VM_* << 4
    if (flags & MAP_FIXED) {
        if (addr & ~PAGE_MASK) return (unsigned long)-EINVAL;
        if (addr > task_size() - len) return (unsigned long)-ENOMEM;
        if (fixed_charge_fits(mm, addr, len, vm_flags)) return (unsigned long)-ENOMEM;
        const int err = munmap_locked(mm, addr, len);  // MAP_FIXED replaces what is there
        if (err) return (unsigned long)err;
    } else {
        addr = get_unmapped_area(mm, addr, len, flags);
        if (IS_ERR_VALUE(addr)) return addr;
    }
    return mmap_region(mm, f, addr, len, vm_flags, f ? pgoff : 0);
}

unsigned long do_mmap(mm_struct* mm, unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags)
{
    if (!(flags & MAP_ANONYMOUS)) return (unsigned long)-EINVAL;
    mmap_write_guard guard(mm);
    return mmap_locked(mm, nullptr, addr, len, prot, flags, 0, 0);
}

unsigned long do_mmap_file(mm_struct* mm, file* f, unsigned long addr, unsigned long len, unsigned long prot,
                           unsigned long flags, unsigned long vm_flags_mask, unsigned long pgoff)
{
    mmap_write_guard guard(mm);
    return mmap_locked(mm, f, addr, len, prot, flags & ~MAP_ANONYMOUS, vm_flags_mask, pgoff);
}

// Linux vm_start_gap: keep the stack guard gap below a stack VMA.
static unsigned long vm_start_gap(const vm_area_struct* vma)
{
    if (!(vma->vm_flags & VM_GROWSDOWN)) return vma->vm_start;
    return vma->vm_start > STACK_GUARD_GAP ? vma->vm_start - STACK_GUARD_GAP : 0;
}

unsigned long do_brk(mm_struct* mm, unsigned long brk)
{
    mmap_write_guard guard(mm);
    if (brk < mm->start_brk || brk > task_size()) return mm->brk;
    const unsigned long newbrk = PAGE_ALIGN(brk);
    const unsigned long oldbrk = PAGE_ALIGN(mm->brk);
    if (newbrk == oldbrk) {
        mm->brk = brk;
        return brk;
    }
    if (brk <= mm->brk) {  // shrinking: unmap what lies above the new break
        if (munmap_locked(mm, newbrk, oldbrk - newbrk)) return mm->brk;
        mm->brk = brk;
        return brk;
    }
    vm_area_struct* next = find_vma(mm, oldbrk);
    if (next && newbrk + PAGE_SIZE > vm_start_gap(next)) return mm->brk;  // would collide
    const unsigned long flags = VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
    if (IS_ERR_VALUE(mmap_region(mm, nullptr, oldbrk, newbrk - oldbrk, flags, 0))) return mm->brk;
    mm->brk = brk;
    return brk;
}

void setup_user_layout(mm_struct* mm, unsigned long end_of_bss)
{
    mmap_write_guard guard(mm);
    mm->start_brk = mm->brk = PAGE_ALIGN(end_of_bss);
    mm->mmap_base = task_size() - STACK_SIZE - MMAP_GAP;
    // The loader's segments: executable ones are code, writable ones data (Linux load_elf_binary).
    mm->start_code = mm->start_data = ~0UL;
    mm->end_code = mm->end_data = 0;
    list_for_each_entry(vma, &mm->mmap, vm_area_struct, vm_list) {
        if (vma->vm_start >= mm->start_brk) break;
        unsigned long* start = (vma->vm_flags & VM_EXEC) ? &mm->start_code : &mm->start_data;
        unsigned long* end = (vma->vm_flags & VM_EXEC) ? &mm->end_code : &mm->end_data;
        if (vma->vm_start < *start) *start = vma->vm_start;
        if (vma->vm_end > *end) *end = vma->vm_end;
    }
    if (mm->start_code == ~0UL) mm->start_code = 0;
    if (mm->start_data == ~0UL) mm->start_data = 0;
    const unsigned long top = task_size();
    mm->start_stack = top;
    const unsigned long flags = VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC | VM_GROWSDOWN;
    if (range_free(mm, top - STACK_SIZE, STACK_SIZE)) mmap_region(mm, nullptr, top - STACK_SIZE, STACK_SIZE, flags, 0);
}
