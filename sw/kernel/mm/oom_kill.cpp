// The OOM killer's policy (Linux mm/oom_kill.c): how bad a task is (oom_badness), which one
// dies (select_bad_process), the figures and lines the kernel log shows for it (dump_tasks,
// the kill line), and the oom_reaper's unmapping of a victim that cannot exit by itself.
// Everything here works on oom_candidate figures or one mm, so the host tests run it as is.
#include "mm/oom.h"

#include "mm/internal.h"
#include "mm/mmap_lock.h"

long oom_badness(const oom_candidate& c, unsigned long totalpages)
{
    if (c.unkillable || c.oom_score_adj == OOM_SCORE_ADJ_MIN || c.mm_oom_skip) return OOM_BADNESS_NEVER;
    const long points = long(c.rss() + c.swapents + c.pgtables);
    // Linux divides first: each step of oom_score_adj is worth a whole number of pages.
    return points + long(c.oom_score_adj) * long(totalpages / 1000);
}

bool oom_evaluate_task(const oom_candidate& c, unsigned long totalpages, long* chosen_points)
{
    const long p = oom_badness(c, totalpages);
    if (p == OOM_BADNESS_NEVER || p < *chosen_points) return false;
    *chosen_points = p;
    return true;
}

int select_bad_process(const oom_candidate* c, int n, unsigned long totalpages, long* points)
{
    int chosen = -1;
    long chosen_points = OOM_BADNESS_NEVER;
    for (int i = 0; i < n; ++i)
        if (oom_evaluate_task(c[i], totalpages, &chosen_points)) chosen = i;
    if (points) *points = chosen_points;
    return chosen;
}

long proc_oom_score(const oom_candidate& c, unsigned long totalpages)
{
    const long badness = oom_badness(c, totalpages);
    if (badness == OOM_BADNESS_NEVER || totalpages == 0) return 0;
    return (1000 + badness * 1000 / long(totalpages)) * 2 / 3;
}

// --- the rss split ---

namespace {

struct rss_walk {
    unsigned long anon, file;
};

// Linux's MM_FILEPAGES are page-cache pages (page->mapping an address_space), MM_ANONPAGES the others; the
// zero page is in no one's rss; a 2 MiB leaf is an anonymous huge page.
walk_action count_leaf(pt_walk* w, pte_t* e, int level, unsigned long)
{
    auto* r = static_cast<rss_walk*>(w->priv);
    if (level == 1) {
        r->anon += HPAGE_PMD_NR;
    } else if (pte_pfn(*e) != zero_pfn()) {
        const page* p = pfn_to_page(pte_pfn(*e));
        if (p->mapping && !PageAnon(p)) r->file++;
        else r->anon++;
    }
    return walk_action::next;
}

}  // namespace

void oom_fill_mm_totals(mm_struct* mm, oom_candidate* c)
{
    c->pgtables = mm->nr_ptes;
    c->swapents = mm->swapents;
    c->rss_anon = mm->rss;
    c->rss_file = 0;
    c->rss_shmem = 0;
    c->total_vm = 0;
    c->mm_oom_skip = mm->oom_skip;
}

void oom_fill_mm_counts(mm_struct* mm, oom_candidate* c, bool held_by_caller)
{
    oom_fill_mm_totals(mm, c);
    const bool locked = down_read_trylock(&mm->mmap_lock);
    if (!locked && !held_by_caller) return;
    unsigned long total_vm = 0, anon = 0, file = 0, shmem = 0;
    list_for_each_entry(vma, &mm->mmap, vm_area_struct, vm_list) {
        total_vm += vma_pages(vma);
        rss_walk v{0, 0};
        pt_walk w{count_leaf, &v};
        walk_range(mm->pgd, vma->vm_start, vma->vm_end, &w);
        // MAP_SHARED anonymous memory is Linux's shmem, whatever its pages are.
        if (vma->vm_shared) shmem += v.anon + v.file;
        else anon += v.anon, file += v.file;
    }
    if (locked) mmap_read_unlock(mm);
    c->total_vm = total_vm;
    c->rss_anon = anon;
    c->rss_file = file;
    c->rss_shmem = shmem;
}

// --- the log lines ---

namespace {

inline unsigned long K(unsigned long pages) { return pages << (PAGE_SHIFT - 10); }

struct gfp_name {
    gfp_t mask;
    const char* name;
};

// Composite masks first, the widest first, then single flags (the order of Linux's %pGg).
constexpr gfp_name gfp_names[] = {
    {GFP_HIGHUSER_MOVABLE, "GFP_HIGHUSER_MOVABLE"},
    {GFP_USER, "GFP_USER"},
    {GFP_KERNEL, "GFP_KERNEL"},
    {GFP_NOIO, "GFP_NOIO"},
    {GFP_ATOMIC, "GFP_ATOMIC"},
    {GFP_NOWAIT, "GFP_NOWAIT"},
    {__GFP_DMA32, "__GFP_DMA32"},
    {__GFP_MOVABLE, "__GFP_MOVABLE"},
    {__GFP_HIGH, "__GFP_HIGH"},
    {__GFP_IO, "__GFP_IO"},
    {__GFP_FS, "__GFP_FS"},
    {__GFP_ZERO, "__GFP_ZERO"},
    {__GFP_DIRECT_RECLAIM, "__GFP_DIRECT_RECLAIM"},
    {__GFP_KSWAPD_RECLAIM, "__GFP_KSWAPD_RECLAIM"},
    {__GFP_NOWARN, "__GFP_NOWARN"},
    {__GFP_COMP, "__GFP_COMP"},
    {__GFP_THISNODE, "__GFP_THISNODE"},
    {__GFP_HARDWALL, "__GFP_HARDWALL"},
};

}  // namespace

void format_gfp_flags(seq_buf* s, gfp_t gfp)
{
    gfp_t rest = gfp;
    bool first = true;
    for (const gfp_name& n : gfp_names) {
        if ((rest & n.mask) != n.mask) continue;
        seq_buf_printf(s, "%s%s", first ? "" : "|", n.name);
        rest &= ~n.mask;
        first = false;
    }
    if (rest) seq_buf_printf(s, "%s%#x", first ? "" : "|", rest);
}

void oom_header_line(seq_buf* s, const char* comm, gfp_t gfp, unsigned order, int oom_score_adj)
{
    seq_buf_printf(s, "%s invoked oom-killer: gfp_mask=%#x(", comm, gfp);
    format_gfp_flags(s, gfp);
    seq_buf_printf(s, "), order=%u, oom_score_adj=%d\n", order, oom_score_adj);
}

void show_zone_line(seq_buf* s, int nid, const zone* z)
{
    seq_buf_printf(s, "Node %d %s free:%lukB min:%lukB low:%lukB high:%lukB managed:%lukB\n", nid, z->name,
                   K(z->nr_free_pages), K(min_wmark_pages(z)), K(low_wmark_pages(z)), K(high_wmark_pages(z)),
                   K(z->managed_pages));
}

void dump_tasks_header(seq_buf* s)
{
    seq_buf_puts(s, "Tasks state (memory values in pages):\n");
    seq_buf_puts(s, "[  pid  ]   uid  tgid total_vm      rss rss_anon rss_file rss_shmem pgtables_bytes swapents"
                    " oom_score_adj name\n");
}

void dump_tasks_row(seq_buf* s, const oom_candidate& c)
{
    seq_buf_printf(s, "[%7d] %5d %5d %8lu %8lu %8lu %8lu %9lu %8lu %8lu         %5d %s\n", c.pid, c.uid, c.pid,
                   c.total_vm, c.rss(), c.rss_anon, c.rss_file, c.rss_shmem, c.pgtables * PAGE_SIZE, c.swapents,
                   c.oom_score_adj, c.comm);
}

void oom_kill_line(seq_buf* s, const oom_candidate& c)
{
    seq_buf_printf(s,
                   "Out of memory: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, file-rss:%lukB, "
                   "shmem-rss:%lukB, UID:%d pgtables:%lukB oom_score_adj:%d\n",
                   c.pid, c.comm, K(c.total_vm), K(c.rss_anon), K(c.rss_file), K(c.rss_shmem), c.uid, K(c.pgtables),
                   c.oom_score_adj);
}

void oom_reaped_line(seq_buf* s, const oom_candidate& c)
{
    seq_buf_printf(s, "oom_reaper: reaped process %d (%s), now anon-rss:%lukB, file-rss:%lukB, shmem-rss:%lukB\n",
                   c.pid, c.comm, K(c.rss_anon), K(c.rss_file), K(c.rss_shmem));
}

// --- the oom_reaper ---

bool oom_reap_mm(mm_struct* mm)
{
    if (!mmap_write_trylock(mm)) return false;
    // Private mappings only (Linux skips VM_SHARED): other processes may still map shared pages.
    list_for_each_entry(vma, &mm->mmap, vm_area_struct, vm_list)
        if (!vma->vm_shared) zap_user_range(mm, vma->vm_start, vma->vm_end);
    mm->oom_skip = true;
    mmap_write_unlock(mm);
    return true;
}
