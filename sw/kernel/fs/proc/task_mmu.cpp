// /proc/PID/maps and /proc/PID/smaps_rollup (Linux fs/proc/task_mmu.c): maps is the text
// show_maps makes (mm/proc_maps.cpp, as memvp_maps returns it); smaps_rollup walks every VMA's
// page tables as smaps_pte_entry does and sums the pages: resident, proportional (a page
// mapped n times counts 1/n), shared or private, clean or dirty, referenced, anonymous, and
// the swap entries. The shared zero page is no one's, as in Linux.
#include "fs/proc/internal.h"

#include "kernel/errno.h"
#include "mm/mm.h"
#include "mm/mmap_lock.h"
#include "mm/page.h"
#include "mm/pgtable.h"
#include "mm/rmap.h"
#include "proc/sched.h"
#include "proc/syscall.h"

namespace {

// The mm of the thread group pid, referenced; nullptr for none (or a kernel thread: *exists).
mm_struct* get_task_mm(int pid, bool* exists)
{
    spin_guard g(&sched_lock);
    task_struct* t = task_of(pid);
    *exists = t && t->tgid == pid && !t->is_idle && t->state != TASK_DEAD;
    if (!*exists || !t->mm || t->state == TASK_ZOMBIE) return nullptr;
    mmget(t->mm);
    return t->mm;
}

// Linux struct mem_size_stats, in bytes; pss in bytes << PSS_SHIFT.
constexpr unsigned PSS_SHIFT = 12;
struct mem_size_stats {
    unsigned long resident, shared_clean, shared_dirty, private_clean, private_dirty, referenced, anonymous,
        anonymous_thp, swap;
    u64 pss, pss_anon, pss_file, pss_shmem, pss_dirty;
    bool shmem;  // the VMA being walked is shared anonymous memory
};

void account(mem_size_stats* mss, const page* p, unsigned long size, bool dirty, bool young, bool anon)
{
    const int mapcount = page_mapcount(p) > 1 ? page_mapcount(p) : 1;
    const u64 pss = (u64(size) << PSS_SHIFT) / unsigned(mapcount);
    mss->resident += size;
    if (young) mss->referenced += size;
    if (anon) mss->anonymous += size;
    if (mapcount >= 2) (dirty ? mss->shared_dirty : mss->shared_clean) += size;
    else (dirty ? mss->private_dirty : mss->private_clean) += size;
    mss->pss += pss;
    if (dirty) mss->pss_dirty += pss;
    if (mss->shmem) mss->pss_shmem += pss;
    else if (anon) mss->pss_anon += pss;
    else mss->pss_file += pss;
}

walk_action smaps_entry(pt_walk* w, pte_t* e, int level, unsigned long)
{
    auto* mss = static_cast<mem_size_stats*>(w->priv);
    const pte_t pte = *e;
    if (!pte_present(pte)) {  // a swap entry
        mss->swap += PAGE_SIZE;
        return walk_action::next;
    }
    if (pte_pfn(pte) == zero_pfn()) return walk_action::next;
    const page* p = pfn_to_page(pte_pfn(pte));
    const bool anon = mss->shmem || !p->mapping || PageAnon(p);
    const bool dirty = (pte & _PAGE_D) || test_page_flag(p, PG_dirty);
    if (level == 1) {
        account(mss, p, PMD_SIZE, dirty, pte_young(pte), true);
        mss->anonymous_thp += PMD_SIZE;
    } else {
        account(mss, p, PAGE_SIZE, dirty, pte_young(pte), anon);
    }
    return walk_action::next;
}

void show_kb(seq_buf* m, const char* label, unsigned long bytes) { seq_buf_printf(m, "%-16s%8lu kB\n", label, bytes >> 10); }

}  // namespace

int proc_pid_maps_show(seq_buf* m, int pid)
{
    bool exists;
    mm_struct* mm = get_task_mm(pid, &exists);
    if (!exists) return -ESRCH;
    if (mm) {
        show_maps(mm, m);
        mmput(mm);
    }
    return 0;
}

int proc_pid_smaps_rollup_show(seq_buf* m, int pid)
{
    bool exists;
    mm_struct* mm = get_task_mm(pid, &exists);
    if (!exists) return -ESRCH;
    if (!mm) return 0;  // a kernel thread: empty, as Linux's
    mem_size_stats mss{};
    unsigned long first = 0, last = 0;
    {
        mmap_read_guard guard(mm);
        list_for_each_entry(vma, &mm->mmap, vm_area_struct, vm_list) {
            if (!first) first = vma->vm_start;
            last = vma->vm_end;
            mss.shmem = vma->vm_shared != nullptr;
            pt_walk w{smaps_entry, &mss, true};
            walk_range(mm->pgd, vma->vm_start, vma->vm_end, &w);
        }
    }
    mmput(mm);
    // show_vma_header_prefix for the span of all VMAs, padded as maps pads names.
    const size_t start = m->len;
    seq_buf_printf(m, "%08lx-%08lx ---p 00000000 00:00 0 ", first, last);
    while (m->len - start < 25 + 6 * 8 - 1 && !m->overflowed) seq_buf_putc(m, ' ');
    seq_buf_puts(m, " [rollup]\n");
    show_kb(m, "Rss:", mss.resident);
    show_kb(m, "Pss:", mss.pss >> PSS_SHIFT);
    show_kb(m, "Pss_Dirty:", mss.pss_dirty >> PSS_SHIFT);
    show_kb(m, "Pss_Anon:", mss.pss_anon >> PSS_SHIFT);
    show_kb(m, "Pss_File:", mss.pss_file >> PSS_SHIFT);
    show_kb(m, "Pss_Shmem:", mss.pss_shmem >> PSS_SHIFT);
    show_kb(m, "Shared_Clean:", mss.shared_clean);
    show_kb(m, "Shared_Dirty:", mss.shared_dirty);
    show_kb(m, "Private_Clean:", mss.private_clean);
    show_kb(m, "Private_Dirty:", mss.private_dirty);
    show_kb(m, "Referenced:", mss.referenced);
    show_kb(m, "Anonymous:", mss.anonymous);
    show_kb(m, "LazyFree:", 0);
    show_kb(m, "AnonHugePages:", mss.anonymous_thp);
    show_kb(m, "ShmemPmdMapped:", 0);
    show_kb(m, "FilePmdMapped:", 0);
    show_kb(m, "Shared_Hugetlb:", 0);
    show_kb(m, "Private_Hugetlb:", 0);
    show_kb(m, "Swap:", mss.swap);
    show_kb(m, "SwapPss:", mss.swap);  // a swap entry is one process's here (no swap_count sharing)
    show_kb(m, "Locked:", 0);
    return 0;
}
