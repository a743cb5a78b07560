// Address-space lifetime (Linux kernel/fork.c mm_alloc / dup_mm / mmput, mm/memory.c
// copy_page_range): a new mm shares the kernel half of swapper_pg_dir; fork copies every VMA
// and shares the pages, write-protecting private writable ones in both parent and child so
// the first write copies (do_wp_page; a private file mapping's page-cache pages gain a mapping
// each), and leaves shared file mappings to the child's faults; the last mmput returns every
// page and table.
#include "kernel/panic.h"
#include "mm/internal.h"
#include "mm/mmap_lock.h"
#include "mm/overcommit.h"
#include "mm/rmap.h"
#include "mm/slab.h"
#include "mm/swapfile.h"

mm_struct* mm_alloc()
{
    auto* mm = static_cast<mm_struct*>(kzalloc(sizeof(mm_struct), GFP_KERNEL));
    if (!mm) return nullptr;
    mm->pgd = pte_alloc_one(mm);
    if (!mm->pgd) {
        kfree(mm);
        return nullptr;
    }
    // The kernel half is the same tables in every process (docs/kernel.md).
    for (unsigned i = KERNEL_PGD_FIRST; i < PTRS_PER_PT; ++i) mm->pgd[i] = swapper_pg_dir[i];
    INIT_LIST_HEAD(&mm->mmap);
    init_rwsem(&mm->mmap_lock);
    mm->mmap_base = task_size() - STACK_SIZE - MMAP_GAP;
    mm->users = 1;
    return mm;
}

void mmget(mm_struct* mm) { __atomic_add_fetch(&mm->users, 1, __ATOMIC_RELAXED); }

bool mmget_not_zero(mm_struct* mm)
{
    int users = __atomic_load_n(&mm->users, __ATOMIC_RELAXED);
    while (users)
        if (__atomic_compare_exchange_n(&mm->users, &users, users + 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
            return true;
    return false;
}

// Linux exit_mmap: unmap everything, free the tables, then the root. Under the lock, as the
// write-back's page_mkclean may still reach the tables through a file VMA until it is freed.
static void exit_mmap(mm_struct* mm)
{
    mmap_write_guard guard(mm);
    zap_user_range(mm, 0, task_size());  // no huge leaf straddles 0 or task_size(): cannot fail
    while (!list_empty(&mm->mmap)) {
        vm_area_struct* vma = list_first_entry(&mm->mmap, vm_area_struct, vm_list);
        vma_unaccount(vma);
        vma_unlink(mm, vma);
        vm_area_free(vma);
    }
    BUG_ON(mm->rss || mm->rss_zero || mm->thp_pages || mm->swapents);
    pte_free(mm, mm->pgd);
    BUG_ON(mm->nr_ptes);
}

void mmput(mm_struct* mm)
{
    if (__atomic_sub_fetch(&mm->users, 1, __ATOMIC_ACQ_REL)) return;
    exit_mmap(mm);
    kfree(mm);
}

namespace {
struct copy_arg {
    mm_struct* dst;
    mm_struct* src;
    unsigned long vm_flags;
    bool oom;
};
}  // namespace

// Linux copy_pte_range / copy_huge_pmd for one VMA: the child maps the same frames.
static bool copy_page_range(mm_struct* dst, mm_struct* src, vm_area_struct* vma)
{
    copy_arg arg{dst, src, vma->vm_flags, false};
    pt_walk w{[](pt_walk* w, pte_t* e, int level, unsigned long addr) {
                  auto* a = static_cast<copy_arg*>(w->priv);
                  pte_t* d = pgtable_alloc_walk(a->dst, a->dst->pgd, addr, level);
                  if (!d) {
                      a->oom = true;
                      return walk_action::stop;
                  }
                  // The allocation may have reclaimed this very page (dup_mm: the parent's PTEs
                  // may change in our allocations): the entry is read again.
                  if (pte_none(*e)) return walk_action::next;
                  if (is_swap_pte(*e)) {
                      // Linux copy_nonpresent_pte: the child names the same slot.
                      if (swap_duplicate(pte_to_swp_entry(*e))) {
                          a->oom = true;
                          return walk_action::stop;
                      }
                      *d = *e;
                      a->dst->swapents++;
                      return walk_action::next;
                  }
                  if (is_cow_mapping(a->vm_flags)) *e = pte_wrprotect(*e);
                  *d = *e;
                  if (level == 1) {
                      get_huge_pmd_pages(*e);
                      a->dst->rss += HPAGE_PMD_NR;
                      a->dst->thp_pages++;
                  } else if (pte_pfn(*e) == zero_pfn()) {
                      a->dst->rss_zero++;
                  } else {
                      get_page_ref(pfn_to_page(pte_pfn(*e)));
                      if (page_in_anon_rmap(pfn_to_page(pte_pfn(*e)))) page_dup_anon_rmap(pfn_to_page(pte_pfn(*e)));
                      a->dst->rss++;
                  }
                  return walk_action::next;
              },
              &arg, true};
    walk_range(src->pgd, vma->vm_start, vma->vm_end, &w);
    return !arg.oom;
}

static bool dup_mmap(mm_struct* mm, mm_struct* oldmm)
{
    list_for_each_entry(old, &oldmm->mmap, vm_area_struct, vm_list) {
        // Linux dup_mmap: the child's copy of an accounted mapping is charged again; fork fails
        // with ENOMEM when the mode refuses it.
        const long charged = (old->vm_flags & VM_ACCOUNT) ? long(vma_pages(old)) : 0;
        if (charged && __vm_enough_memory(oldmm, charged)) return false;
        vm_area_struct* vma = vm_area_alloc(mm);
        if (!vma) {
            vm_unacct_memory(charged);
            return false;
        }
        vma->vm_start = old->vm_start;
        vma->vm_end = old->vm_end;
        vma->vm_flags = old->vm_flags;
        vma->vm_pgoff = old->vm_pgoff;
        vma->vm_shared = old->vm_shared;  // MAP_SHARED stays shared across fork
        if (vma->vm_shared) shmem_get(vma->vm_shared);
        vma->vm_file = old->vm_file;
        vma->vm_ops = old->vm_ops;
        if (vma->vm_ops && vma->vm_ops->open) vma->vm_ops->open(vma);
        list_add_tail(&vma->vm_list, &mm->mmap);
        mm->map_count++;
        if (anon_vma_fork(vma, old)) return false;
        // Linux copy_page_range skips shared file mappings: the child's faults find the same
        // page-cache pages, and a clean page stays write-protected in the child too.
        if (vma->vm_file && (vma->vm_flags & VM_SHARED)) continue;
        const bool copied = copy_page_range(mm, oldmm, old);
        if (vma->vm_file) dup_file_vma_rmap(vma);  // what was copied, so that mmput undoes it
        if (!copied) return false;
    }
    return true;
}

mm_struct* dup_mm(mm_struct* oldmm)
{
    mm_struct* mm = mm_alloc();
    if (!mm) return nullptr;
    mmap_write_guard guard(oldmm);
    mm->start_code = oldmm->start_code;
    mm->end_code = oldmm->end_code;
    mm->start_data = oldmm->start_data;
    mm->end_data = oldmm->end_data;
    mm->start_brk = oldmm->start_brk;
    mm->brk = oldmm->brk;
    mm->start_stack = oldmm->start_stack;
    mm->arg_start = oldmm->arg_start;
    mm->arg_end = oldmm->arg_end;
    mm->env_end = oldmm->env_end;
    mm->mmap_base = oldmm->mmap_base;
    mm->sigpage = oldmm->sigpage;
    // Reclaim run by the copy's allocations may swap the parent's pages out, although fork holds
    // its lock, as a fault's may (mm/rmap.h current_fault_mm): each PTE is read after them.
    mm_struct* const outer = current_fault_mm();
    set_current_fault_mm(oldmm);
    const bool ok = dup_mmap(mm, oldmm);
    set_current_fault_mm(outer);
    // The parent's writable private PTEs are read-only now; no hart may keep writing through
    // a cached writable entry (Linux dup_mmap's flush_tlb_mm).
    flush_tlb_mm(oldmm);
    if (!ok) {
        mmput(mm);
        return nullptr;
    }
    return mm;
}
