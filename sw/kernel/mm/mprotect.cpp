// Changing a range's permissions and advice (Linux mm/mprotect.c, mm/madvise.c): VMAs split at
// the range's ends and merged again afterwards, PTE permissions rewritten (private pages stay
// write-protected until a write fault decides between reuse and copy), huge leaves straddling
// an end split first; MADV_HUGEPAGE / NOHUGEPAGE flags and MADV_DONTNEED's unmapping.
#include "kernel/panic.h"
#include "mm/internal.h"
#include "mm/mmap_lock.h"
#include "mm/overcommit.h"

namespace {
struct prot_arg {
    mm_struct* mm;
    unsigned long vm_flags;
    bool file;
};
}  // namespace

// Linux change_protection: new permissions for every leaf in [start, end) of one VMA. A private
// page becomes writable here only if it was writable before (it is exclusively ours); the zero
// page never does; nor does a clean page of a shared file mapping (its first store must fault
// to dirty it, Linux vma_wants_writenotify).
static void change_protection(vm_area_struct* vma, unsigned long start, unsigned long end)
{
    prot_arg arg{vma->vm_mm, vma->vm_flags, vma->vm_file != nullptr};
    pt_walk w{[](pt_walk* w, pte_t* e, int, unsigned long) {
                  auto* a = static_cast<prot_arg*>(w->priv);
                  pte_t prot = vm_get_page_prot(a->vm_flags);
                  const bool keep_write =
                      ((a->vm_flags & VM_SHARED) && !a->file) || (pte_write(*e) && pte_pfn(*e) != zero_pfn());
                  if (!keep_write) prot &= ~_PAGE_W;
                  *e = pfn_pte(pte_pfn(*e), leaf_prot(prot) | (*e & _PAGE_G));
                  return walk_action::next;
              },
              &arg};
    walk_range(vma->vm_mm->pgd, start, end, &w);
}

// Apply fn to the VMAs of [start, end), split to fit exactly, and merge them again.
template <typename Fn>
static int apply_to_range(mm_struct* mm, unsigned long start, unsigned long end, Fn fn)
{
    if (!split_huge_pmd_address(mm, start) || !split_huge_pmd_address(mm, end)) return -ENOMEM;
    if (!vma_split_range(mm, start, end)) return -ENOMEM;
    for (vm_area_struct* vma = find_vma(mm, start); vma && vma->vm_start < end;) {
        fn(vma);
        vm_area_struct* merged = vma_merge_neighbours(mm, vma);
        vma = vma_next(mm, merged);
    }
    return 0;
}

static int check_range(mm_struct* mm, unsigned long start, unsigned long* len)
{
    if (start & ~PAGE_MASK) return -EINVAL;
    if (*len > task_size() || start > task_size() - PAGE_ALIGN(*len)) return -ENOMEM;
    *len = PAGE_ALIGN(*len);
    if (*len && !range_fully_mapped(mm, start, start + *len)) return -ENOMEM;  // a hole
    return 0;
}

// The pages of vma inside [start, end) that making it `want` would charge: those of a private
// mapping not yet accounted that becomes writable.
static unsigned long newly_accounted(const vm_area_struct* vma, unsigned long want, unsigned long start, unsigned long end)
{
    if ((vma->vm_flags & VM_ACCOUNT) || !accountable_mapping(want | (vma->vm_flags & (VM_SHARED | VM_NORESERVE)))) return 0;
    const unsigned long lo = vma->vm_start > start ? vma->vm_start : start;
    const unsigned long hi = vma->vm_end < end ? vma->vm_end : end;
    return (hi - lo) >> PAGE_SHIFT;
}

int do_mprotect(mm_struct* mm, unsigned long start, unsigned long len, unsigned long prot)
{
    if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)) return -EINVAL;
    mmap_write_guard guard(mm);
    int err = check_range(mm, start, &len);
    if (err || !len) return err;
    const unsigned long end = start + len;
    // Each VMA must allow the new rights (VM_MAY* = VM_* << 4): a shared mapping of a file
    // opened read-only never becomes writable.
    const unsigned long want = calc_vm_prot_bits(prot);
    long charge = 0;
    for (vm_area_struct* vma = find_vma(mm, start); vma && vma->vm_start < end; vma = vma_next(mm, vma)) {
        if (want & ~(vma->vm_flags >> 4)) return -EACCES;
        charge += long(newly_accounted(vma, want, start, end));
    }
    // Linux mprotect_fixup: a private mapping made writable is charged for its pages then, and
    // keeps VM_ACCOUNT when it is made read-only again.
    if (charge && __vm_enough_memory(mm, charge)) return -ENOMEM;
    err = apply_to_range(mm, start, end, [&](vm_area_struct* vma) {
        if (newly_accounted(vma, want, vma->vm_start, vma->vm_end)) vma->vm_flags |= VM_ACCOUNT;
        vma->vm_flags = (vma->vm_flags & ~VM_ACCESS_FLAGS) | calc_vm_prot_bits(prot);
        change_protection(vma, vma->vm_start, vma->vm_end);
    });
    if (err) vm_unacct_memory(charge);  // the splits failed before any VMA changed
    if (!err) flush_tlb_range(mm, start, end);
    return err;
}

int do_madvise(mm_struct* mm, unsigned long start, unsigned long len, int advice)
{
    mmap_write_guard guard(mm);
    int err = check_range(mm, start, &len);
    if (err || !len) return err;
    const unsigned long end = start + len;
    switch (advice) {
    case MADV_NORMAL: return 0;
    case MADV_DONTNEED: return zap_user_range(mm, start, end);  // refaults read zeroes (private)
    case MADV_HUGEPAGE:
    case MADV_NOHUGEPAGE: {
        const unsigned long set = advice == MADV_HUGEPAGE ? VM_HUGEPAGE : VM_NOHUGEPAGE;
        return apply_to_range(mm, start, end, [&](vm_area_struct* vma) {
            vma->vm_flags = (vma->vm_flags & ~(VM_HUGEPAGE | VM_NOHUGEPAGE)) | set;
        });
    }
    default: return -EINVAL;
    }
}
