// /proc/meminfo and /proc/vmstat (Linux fs/proc/meminfo.c, mm/vmstat.c vmstat_text): the
// global counters memvp_vmstat reports (proc/syscall.h vm_stat_snapshot), in Linux's order and
// layout. Lines for features this kernel lacks print 0, as Linux does for counters that stay
// 0; lines of features Linux prints only when configured (CMA, zswap, DirectMap) are left out.
#include "fs/proc/internal.h"

#include "asm/boot.h"
#include "mm/mm.h"
#include "mm/pgtable.h"
#include "proc/sched.h"
#include "proc/syscall.h"
#include "uapi/memvp.h"

namespace {

constexpr unsigned long KB_PER_PAGE = PAGE_SIZE / 1024;

// Linux show_val_kb: the label padded to 16 columns, the value in kB in 8.
void show_val_kb(seq_buf* m, const char* label, unsigned long pages)
{
    seq_buf_printf(m, "%-16s%8lu kB\n", label, pages * KB_PER_PAGE);
}

// Kernel stacks (NR_KERNEL_STACK_KB) and 2 MiB pages mapped (NR_ANON_THPS), over the tasks.
void task_totals(unsigned long* stack_kb, unsigned long* thp_pages)
{
    *stack_kb = *thp_pages = 0;
    spin_guard g(&sched_lock);
    list_for_each_entry(t, &task_list, task_struct, tasks) {
        if (t->stack) *stack_kb += THREAD_SIZE / 1024;
        // An mm is counted once, by its thread group leader.
        if (t->mm && t->tgid == t->pid && t->state != TASK_ZOMBIE) *thp_pages += t->mm->thp_pages;
    }
}

}  // namespace

int meminfo_show(seq_buf* m, int)
{
    memvp_vmstat v;
    vm_stat_snapshot(&v);
    unsigned long stack_kb, thp;
    task_totals(&stack_kb, &thp);
    show_val_kb(m, "MemTotal:", v.nr_total_pages);
    show_val_kb(m, "MemFree:", v.nr_free_pages);
    show_val_kb(m, "MemAvailable:", v.nr_mem_available);
    seq_buf_printf(m, "%-16s%8lu kB\n", "Buffers:", (unsigned long)(v.buffer_bytes / 1024));
    show_val_kb(m, "Cached:", v.nr_file_pages);
    show_val_kb(m, "SwapCached:", v.nr_swapcached);
    show_val_kb(m, "Active:", v.nr_active_anon + v.nr_active_file);
    show_val_kb(m, "Inactive:", v.nr_inactive_anon + v.nr_inactive_file);
    show_val_kb(m, "Active(anon):", v.nr_active_anon);
    show_val_kb(m, "Inactive(anon):", v.nr_inactive_anon);
    show_val_kb(m, "Active(file):", v.nr_active_file);
    show_val_kb(m, "Inactive(file):", v.nr_inactive_file);
    show_val_kb(m, "Unevictable:", 0);
    show_val_kb(m, "Mlocked:", 0);
    show_val_kb(m, "SwapTotal:", v.nr_swap_total);
    show_val_kb(m, "SwapFree:", v.nr_swap_free);
    show_val_kb(m, "Dirty:", v.nr_dirty);
    show_val_kb(m, "Writeback:", v.nr_writeback);
    // Anonymous pages are all on the anon LRU lists here (Linux NR_ANON_MAPPED).
    show_val_kb(m, "AnonPages:", v.nr_active_anon + v.nr_inactive_anon);
    show_val_kb(m, "Mapped:", v.nr_mapped);
    show_val_kb(m, "Shmem:", 0);
    show_val_kb(m, "KReclaimable:", 0);
    show_val_kb(m, "Slab:", v.nr_slab_pages);
    show_val_kb(m, "SReclaimable:", 0);
    show_val_kb(m, "SUnreclaim:", v.nr_slab_pages);
    seq_buf_printf(m, "%-16s%8lu kB\n", "KernelStack:", stack_kb);
    show_val_kb(m, "PageTables:", v.nr_page_table_pages);
    show_val_kb(m, "NFS_Unstable:", 0);
    show_val_kb(m, "Bounce:", 0);
    show_val_kb(m, "WritebackTmp:", 0);
    show_val_kb(m, "CommitLimit:", v.nr_commit_limit);
    show_val_kb(m, "Committed_AS:", v.nr_committed_as);
    seq_buf_printf(m, "%-16s%8lu kB\n", "VmallocTotal:", (VMALLOC_END - VMALLOC_START) >> 10);
    show_val_kb(m, "VmallocUsed:", 0);
    show_val_kb(m, "VmallocChunk:", 0);
    show_val_kb(m, "Percpu:", 0);
    seq_buf_printf(m, "HardwareCorrupted: %5lu kB\n", 0UL);
    show_val_kb(m, "AnonHugePages:", thp * (PMD_SIZE / PAGE_SIZE));
    show_val_kb(m, "ShmemHugePages:", 0);
    show_val_kb(m, "ShmemPmdMapped:", 0);
    show_val_kb(m, "FileHugePages:", 0);
    show_val_kb(m, "FilePmdMapped:", 0);
    // hugetlb_report_meminfo: no hugetlbfs pool (THP is counted above).
    seq_buf_printf(m, "HugePages_Total:   %5lu\nHugePages_Free:    %5lu\nHugePages_Rsvd:    %5lu\n"
                      "HugePages_Surp:    %5lu\nHugepagesize:   %8lu kB\nHugetlb:        %8lu kB\n",
                   0UL, 0UL, 0UL, 0UL, PMD_SIZE / 1024, 0UL);
    return 0;
}

namespace {

struct vmstat_item {
    const char* name;
    uint64_t memvp_vmstat::*field;  // nullptr: a counter this kernel does not keep (0)
};

using V = memvp_vmstat;

// Linux 6.1's vmstat_text order (zone, NUMA, node items, the dirty thresholds, then the
// events); the items shown are those with a counter here and their common neighbours.
const vmstat_item vmstat_items[] = {
    {"nr_free_pages", &V::nr_free_pages},
    {"nr_zone_inactive_anon", &V::nr_inactive_anon},
    {"nr_zone_active_anon", &V::nr_active_anon},
    {"nr_zone_inactive_file", &V::nr_inactive_file},
    {"nr_zone_active_file", &V::nr_active_file},
    {"nr_zone_unevictable", nullptr},
    {"nr_zone_write_pending", nullptr},  // filled in below: dirty + writeback
    {"nr_mlock", nullptr},
    {"nr_bounce", nullptr},
    {"nr_free_cma", nullptr},
    {"numa_hit", &V::numa_hit},
    {"numa_miss", &V::numa_miss},
    {"numa_foreign", &V::numa_foreign},
    {"numa_interleave", nullptr},
    {"numa_local", &V::numa_local},
    {"numa_other", &V::numa_other},
    {"nr_inactive_anon", &V::nr_inactive_anon},
    {"nr_active_anon", &V::nr_active_anon},
    {"nr_inactive_file", &V::nr_inactive_file},
    {"nr_active_file", &V::nr_active_file},
    {"nr_unevictable", nullptr},
    {"nr_slab_reclaimable", nullptr},
    {"nr_slab_unreclaimable", &V::nr_slab_pages},
    {"nr_isolated_anon", nullptr},
    {"nr_isolated_file", nullptr},
    {"workingset_nodes", nullptr},
    {"workingset_refault_anon", &V::workingset_refault_anon},
    {"workingset_refault_file", &V::workingset_refault_file},
    {"workingset_activate_anon", &V::workingset_activate_anon},
    {"workingset_activate_file", &V::workingset_activate_file},
    {"workingset_restore_anon", &V::workingset_restore_anon},
    {"workingset_restore_file", &V::workingset_restore_file},
    {"workingset_nodereclaim", nullptr},
    {"nr_anon_pages", nullptr},  // filled in below: the anon LRU lists
    {"nr_mapped", &V::nr_mapped},
    {"nr_file_pages", &V::nr_file_pages},
    {"nr_dirty", &V::nr_dirty},
    {"nr_writeback", &V::nr_writeback},
    {"nr_writeback_temp", nullptr},
    {"nr_shmem", nullptr},
    {"nr_anon_transparent_hugepages", nullptr},  // filled in below
    {"nr_vmscan_write", &V::nr_vmscan_write},
    {"nr_vmscan_immediate_reclaim", nullptr},
    {"nr_kernel_stack", nullptr},  // filled in below, in kB as Linux
    {"nr_page_table_pages", &V::nr_page_table_pages},
    {"nr_swapcached", &V::nr_swapcached},
    {"nr_dirty_threshold", &V::nr_dirty_threshold},
    {"nr_dirty_background_threshold", &V::nr_dirty_background_threshold},
    {"pgpgin", &V::pgpgin},
    {"pgpgout", &V::pgpgout},
    {"pswpin", &V::pswpin},
    {"pswpout", &V::pswpout},
    {"allocstall_normal", &V::allocstall},
    {"pgactivate", &V::pgactivate},
    {"pgdeactivate", &V::pgdeactivate},
    {"pgfault", &V::pgfault},
    {"pgmajfault", &V::pgmajfault},
    {"pgrefill", &V::pgrefill},
    {"pgsteal_kswapd", &V::pgsteal_kswapd},
    {"pgsteal_direct", &V::pgsteal_direct},
    {"pgscan_kswapd", &V::pgscan_kswapd},
    {"pgscan_direct", &V::pgscan_direct},
    {"pgscan_anon", &V::pgscan_anon},
    {"pgscan_file", &V::pgscan_file},
    {"pgsteal_anon", &V::pgsteal_anon},
    {"pgsteal_file", &V::pgsteal_file},
    {"zone_reclaim_failed", &V::zone_reclaim_failed},
    {"pageoutrun", &V::pageoutrun},
    {"oom_kill", &V::oom_kill},
    {"thp_fault_alloc", &V::thp_fault_alloc},
    {"thp_fault_fallback", &V::thp_fault_fallback},
    {"swap_ra", &V::swap_ra},
    {"swap_ra_hit", &V::swap_ra_hit},
};

bool is(const char* a, const char* b) { return __builtin_strcmp(a, b) == 0; }

}  // namespace

int vmstat_show(seq_buf* m, int)
{
    memvp_vmstat v;
    vm_stat_snapshot(&v);
    unsigned long stack_kb, thp;
    task_totals(&stack_kb, &thp);
    for (const vmstat_item& it : vmstat_items) {
        uint64_t val = it.field ? v.*it.field : 0;
        if (is(it.name, "nr_zone_write_pending")) val = v.nr_dirty + v.nr_writeback;
        else if (is(it.name, "nr_anon_pages")) val = v.nr_active_anon + v.nr_inactive_anon;
        else if (is(it.name, "nr_anon_transparent_hugepages")) val = thp;
        else if (is(it.name, "nr_kernel_stack")) val = stack_kb;
        seq_buf_printf(m, "%s %llu\n", it.name, (unsigned long long)val);
    }
    return 0;
}
