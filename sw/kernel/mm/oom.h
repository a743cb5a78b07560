// The OOM killer's policy (Linux <linux/oom.h>, mm/oom_kill.c): the figures of one candidate
// task, oom_badness, select_bad_process over the candidates, /proc/PID/oom_score, the kernel
// log lines (the dump_tasks table, the kill line), and the oom_reaper's work on an address
// space. The task-facing side (the task list, the kill, waiting for the victim) is proc/oom_kill_task.cpp.
#pragma once

#include "kernel/seq_buf.h"
#include "mm/gfp.h"

struct mm_struct;

inline constexpr int OOM_SCORE_ADJ_MIN = -1000;  // never chosen
inline constexpr int OOM_SCORE_ADJ_MAX = 1000;
// Linux's oom_badness returns LONG_MIN for a task that must never be chosen.
inline constexpr long OOM_BADNESS_NEVER = -__LONG_MAX__ - 1;

// One task as the OOM killer sees it, gathered while the task list is stable. Pages are 4 KiB.
struct oom_candidate {
    int pid;
    int uid;                  // always 0: every task runs as root
    int oom_score_adj;
    bool unkillable;          // kernel thread or init (Linux oom_unkillable_task)
    bool mm_oom_skip;         // its memory was reaped already (Linux MMF_OOM_SKIP)
    char comm[16];
    unsigned long total_vm;   // pages in all VMAs
    unsigned long rss_anon;   // MM_ANONPAGES
    unsigned long rss_file;   // MM_FILEPAGES
    unsigned long rss_shmem;  // MM_SHMEMPAGES
    unsigned long swapents;   // MM_SWAPENTS (no swap yet: 0)
    unsigned long pgtables;   // page-table pages, root included

    unsigned long rss() const { return rss_anon + rss_file + rss_shmem; }
};

// Linux oom_badness: rss + swap entries + page-table pages, then oom_score_adj scaled by the
// memory the allocation could use, in Linux's integer order: adj * (totalpages / 1000).
// OOM_BADNESS_NEVER for unkillable tasks, oom_score_adj -1000 and reaped address spaces.
long oom_badness(const oom_candidate& c, unsigned long totalpages);

// Linux oom_evaluate_task, one step of the walk: true when c, with badness at least
// *chosen_points (a later task wins a tie), becomes the choice; *chosen_points is then its.
bool oom_evaluate_task(const oom_candidate& c, unsigned long totalpages, long* chosen_points);
// Linux select_bad_process over an array: the index of the highest badness (a later
// candidate wins a tie, as Linux's task-list walk does), or -1 when no one may be chosen.
// *points receives the winner's badness.
int select_bad_process(const oom_candidate* c, int n, unsigned long totalpages, long* points);

// /proc/PID/oom_score (Linux proc_oom_score): badness scaled to 0..2000 of totalpages, times 2/3;
// 0 for a task that is never chosen.
long proc_oom_score(const oom_candidate& c, unsigned long totalpages);

// The figures oom_badness needs, from mm's counters without a walk: the whole rss as anon,
// total_vm 0 (for /proc/PID/oom_score, which must stay cheap).
void oom_fill_mm_totals(mm_struct* mm, oom_candidate* c);
// Fills total_vm, rss_anon/file/shmem, swapents and pgtables from mm. The split walks the VMAs
// and page tables under a read trylock of mm->mmap_lock, never waiting for it (its holder may
// be the allocating task itself, or wait for memory). When the lock is busy: with
// held_by_caller (the caller is the only user of mm, so the holder is the caller, which cannot
// change it meanwhile, or a reader) the walk goes ahead; otherwise the whole rss counts as anon
// and total_vm as 0.
void oom_fill_mm_counts(mm_struct* mm, oom_candidate* c, bool held_by_caller);

// The log lines, as Linux prints them (one line each, with '\n').
// dump_header: "<comm> invoked oom-killer: gfp_mask=0x..(GFP_..), order=N, oom_score_adj=N"
void oom_header_line(seq_buf* s, const char* comm, gfp_t gfp, unsigned order, int oom_score_adj);
// show_mem's zone line: "Node N Zone free:..kB min:..kB low:..kB high:..kB managed:..kB"
void show_zone_line(seq_buf* s, int nid, const zone* z);
// dump_tasks: the heading lines, then one row per candidate with memory (pages).
void dump_tasks_header(seq_buf* s);
void dump_tasks_row(seq_buf* s, const oom_candidate& c);
// __oom_kill_process: "Out of memory: Killed process N (comm) total-vm:..kB, anon-rss:..kB, ..."
void oom_kill_line(seq_buf* s, const oom_candidate& c);
// oom_reap_task: "oom_reaper: reaped process N (comm), now anon-rss:..kB, file-rss:..kB, shmem-rss:..kB"
void oom_reaped_line(seq_buf* s, const oom_candidate& c);
// %pGg: the flags of gfp by name, composite names first ("GFP_HIGHUSER_MOVABLE|__GFP_ZERO").
void format_gfp_flags(seq_buf* s, gfp_t gfp);

// The oom_reaper's work (Linux __oom_reap_task_mm): unmap and free every private mapping's
// pages of a victim that cannot exit by itself; shared mappings stay for their other users.
// Takes mm->mmap_lock with a trylock; false (nothing done) when someone holds it.
bool oom_reap_mm(mm_struct* mm);
