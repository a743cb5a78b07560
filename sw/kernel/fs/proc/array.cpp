// A process's /proc/PID/{stat,statm,status,cmdline,oom_score,oom_score_adj} (Linux
// fs/proc/array.c do_task_stat, proc_pid_statm, proc_pid_status, task_mem; fs/proc/base.c).
// Figures this kernel does not keep print as Linux prints them for a task that never used the
// feature: 0, or the default (nice 0, priority 20, no tty). Every task runs as root.
#include "fs/proc/internal.h"

#include "asm/csr.h"
#include "boot/boot_params.h"
#include "kernel/errno.h"
#include "mm/mm.h"
#include "mm/internal.h"
#include "mm/mmap_lock.h"
#include "mm/oom.h"
#include "proc/sched.h"
#include "proc/signal.h"
#include "proc/syscall.h"
#include "uapi/memvp.h"

namespace {

// One thread group as /proc shows it, gathered under sched_lock.
struct task_view {
    int pid, ppid, state, last_hart, oom_score_adj;
    char comm[16];
    unsigned threads;
    u64 runtime;      // time CSR ticks its threads ran
    u64 start_time;   // time CSR value it was made at
    u64 pending, blocked, ignored, caught;
    mm_struct* mm;    // referenced; nullptr for kernel threads
};

u64 task_runtime(const task_struct* t)
{
    u64 r = t->sum_exec_runtime;
    if (t->on_cpu && t->exec_start) r += get_cycles() - t->exec_start;
    return r;
}

int get_task_view(int pid, task_view* v)
{
    *v = task_view{};
    spin_guard g(&sched_lock);
    task_struct* leader = task_of(pid);
    if (!leader || leader->tgid != pid || leader->is_idle || leader->state == TASK_DEAD) return -ESRCH;
    v->pid = pid;
    v->ppid = leader->parent ? leader->parent->tgid : 0;
    v->state = leader->state;
    v->last_hart = leader->last_hart;
    v->oom_score_adj = leader->oom_score_adj;
    __builtin_memcpy(v->comm, leader->comm, sizeof(v->comm));
    v->comm[sizeof(v->comm) - 1] = '\0';
    v->start_time = leader->start_time;
    v->blocked = leader->blocked;
    v->pending = leader->pending;
    list_for_each_entry(t, &task_list, task_struct, tasks) {
        if (t->tgid != pid || t->is_idle || t->state == TASK_DEAD) continue;
        ++v->threads;
        v->runtime += task_runtime(t);
        // A group is running if any of its threads is (Linux reports the leader's state;
        // here the leader of a pthread program mostly sleeps in a join).
    }
    if (const signal_struct* sig = leader->signal) {
        v->pending |= sig->shared_pending;
        for (int s = 1; s < NSIG && s <= 64; ++s) {
            const unsigned long h = sig->action[s].handler;
            if (h == 1) v->ignored |= 1ULL << (s - 1);
            else if (h > 1) v->caught |= 1ULL << (s - 1);
        }
    }
    if (leader->mm && leader->state != TASK_ZOMBIE) {
        v->mm = leader->mm;
        mmget(v->mm);
    }
    return 0;
}

void put_task_view(task_view* v)
{
    if (v->mm) mmput(v->mm);
}

char state_char(int state)
{
    switch (state) {
    case TASK_RUNNING: return 'R';
    case TASK_INTERRUPTIBLE: return 'S';
    case TASK_UNINTERRUPTIBLE: return 'D';
    case TASK_ZOMBIE: return 'Z';
    default: return 'X';
    }
}

const char* state_name(int state)
{
    switch (state) {
    case TASK_RUNNING: return "R (running)";
    case TASK_INTERRUPTIBLE: return "S (sleeping)";
    case TASK_UNINTERRUPTIBLE: return "D (disk sleep)";
    case TASK_ZOMBIE: return "Z (zombie)";
    default: return "X (dead)";
    }
}

unsigned long ticks_to_clock_t(u64 ticks) { return (unsigned long)(ticks * USER_HZ / boot_params.timebase_frequency); }

// Linux's per-mm VMA sums (total_vm, data_vm, stack_vm, exec_vm) and the rss split.
struct mm_view {
    unsigned long total_vm, data_vm, stack_vm, exec_vm;
    unsigned long start_code, end_code, start_data, end_data, start_brk, start_stack, arg_start, arg_end, env_end;
    oom_candidate rss;  // rss_anon, rss_file, rss_shmem, swapents, pgtables
};

void get_mm_view(mm_struct* mm, mm_view* v)
{
    *v = mm_view{};
    oom_fill_mm_counts(mm, &v->rss, false);
    mmap_read_guard guard(mm);
    list_for_each_entry(vma, &mm->mmap, vm_area_struct, vm_list) {
        const unsigned long pages = vma_pages(vma);
        const bool stack = (vma->vm_flags & VM_GROWSDOWN) ||
                           (vma->vm_start <= mm->start_stack && vma->vm_end >= mm->start_stack);
        v->total_vm += pages;
        // Linux vm_stat_account: stack, then exec (not writable), then data (private writable).
        if (stack) v->stack_vm += pages;
        else if ((vma->vm_flags & (VM_EXEC | VM_WRITE)) == VM_EXEC) v->exec_vm += pages;
        else if ((vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE) v->data_vm += pages;
    }
    v->start_code = mm->start_code;
    v->end_code = mm->end_code;
    v->start_data = mm->start_data;
    v->end_data = mm->end_data;
    v->start_brk = mm->start_brk;
    v->start_stack = mm->start_stack;
    v->arg_start = mm->arg_start;
    v->arg_end = mm->arg_end;
    v->env_end = mm->env_end;
}

unsigned long text_pages(const mm_view& v)
{
    const unsigned long start = v.start_code & PAGE_MASK, end = PAGE_ALIGN(v.end_code);
    return end > start ? (end - start) >> PAGE_SHIFT : 0;
}

void show_kb(seq_buf* m, const char* label, unsigned long pages)
{
    seq_buf_printf(m, "%s:\t%8lu kB\n", label, pages * (PAGE_SIZE / 1024));
}

// Linux task_mem.
void task_mem(seq_buf* m, const mm_view& v, unsigned long rss)
{
    const unsigned long text = text_pages(v);
    const unsigned long lib = v.exec_vm > text ? v.exec_vm - text : 0;
    // Peak and high-water marks are not tracked: the current figures, their lower bounds.
    show_kb(m, "VmPeak", v.total_vm);
    show_kb(m, "VmSize", v.total_vm);
    show_kb(m, "VmLck", 0);
    show_kb(m, "VmPin", 0);
    show_kb(m, "VmHWM", rss);
    show_kb(m, "VmRSS", rss);
    show_kb(m, "RssAnon", v.rss.rss_anon);
    show_kb(m, "RssFile", v.rss.rss_file);
    show_kb(m, "RssShmem", v.rss.rss_shmem);
    show_kb(m, "VmData", v.data_vm);
    show_kb(m, "VmStk", v.stack_vm);
    show_kb(m, "VmExe", text);
    show_kb(m, "VmLib", lib);
    show_kb(m, "VmPTE", v.rss.pgtables);
    show_kb(m, "VmSwap", v.rss.swapents);
    seq_buf_printf(m, "HugetlbPages:\t%8lu kB\n", 0UL);
}

}  // namespace

int proc_pid_status_show(seq_buf* m, int pid)
{
    task_view t;
    if (get_task_view(pid, &t)) return -ESRCH;
    seq_buf_printf(m, "Name:\t%s\nUmask:\t0022\nState:\t%s\nTgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n",
                   t.comm, state_name(t.state), t.pid, t.pid, t.ppid);
    seq_buf_printf(m, "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nFDSize:\t%d\nGroups:\t\n", NR_OPEN_DEFAULT);
    seq_buf_printf(m, "NStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n", t.pid, t.pid, t.pid, t.pid);
    if (t.mm) {
        mm_view v;
        get_mm_view(t.mm, &v);
        task_mem(m, v, t.mm->rss);
        seq_buf_printf(m, "CoreDumping:\t0\nTHP_enabled:\t1\n");
    }
    seq_buf_printf(m, "Threads:\t%u\nSigQ:\t0/0\nSigPnd:\t%016llx\nShdPnd:\t%016llx\nSigBlk:\t%016llx\n"
                      "SigIgn:\t%016llx\nSigCgt:\t%016llx\n",
                   t.threads, 0ULL, (unsigned long long)t.pending, (unsigned long long)t.blocked,
                   (unsigned long long)t.ignored, (unsigned long long)t.caught);
    seq_buf_printf(m, "CapInh:\t0000000000000000\nCapPrm:\t000001ffffffffff\nCapEff:\t000001ffffffffff\n"
                      "CapBnd:\t000001ffffffffff\nCapAmb:\t0000000000000000\nNoNewPrivs:\t0\nSeccomp:\t0\n");
    unsigned long mask = 0;
    unsigned last = 0;
    for (unsigned h = 0; h < NR_CPUS; ++h)
        if (runqueues[h].online) mask |= 1UL << h, last = h;
    seq_buf_printf(m, "Cpus_allowed:\t%lx\nCpus_allowed_list:\t", mask);
    seq_buf_printf(m, last ? "0-%u\n" : "%u\n", last);
    seq_buf_printf(m, "Mems_allowed:\t1\nMems_allowed_list:\t0\nvoluntary_ctxt_switches:\t0\n"
                      "nonvoluntary_ctxt_switches:\t0\n");
    put_task_view(&t);
    return 0;
}

int proc_pid_stat_show(seq_buf* m, int pid)
{
    task_view t;
    if (get_task_view(pid, &t)) return -ESRCH;
    mm_view v{};
    unsigned long rss = 0, min_flt = 0, maj_flt = 0;
    if (t.mm) {
        get_mm_view(t.mm, &v);
        rss = t.mm->rss;
        min_flt = t.mm->min_flt;
        maj_flt = t.mm->maj_flt;
    }
    // Fields 1-52 (Documentation/filesystems/proc.rst, Table 1-4): pid pgrp session tty_nr
    // tpgid with no job control: the pid itself and no terminal.
    seq_buf_printf(m, "%d (%s) %c %d %d %d 0 -1 %u", t.pid, t.comm, state_char(t.state), t.ppid, t.pid, t.pid,
                   t.mm ? 0u : 0x00200000u);  // flags: PF_KTHREAD for kernel threads
    seq_buf_printf(m, " %lu 0 %lu 0 %lu 0 0 0 20 0 %u 0 %lu", min_flt, maj_flt, ticks_to_clock_t(t.runtime),
                   t.threads, ticks_to_clock_t(t.start_time));
    seq_buf_printf(m, " %lu %lu %lu %lu %lu %lu %lu", v.total_vm * PAGE_SIZE, rss, ~0UL,
                   t.mm ? v.start_code : 0UL, t.mm ? v.end_code : 0UL, t.mm ? v.start_stack : 0UL, 0UL);
    seq_buf_printf(m, " 0 %llu %llu %llu %llu 0 0 0 17 %d 0 0 0 0 0", (unsigned long long)t.pending,
                   (unsigned long long)t.blocked, (unsigned long long)t.ignored, (unsigned long long)t.caught,
                   t.last_hart);
    if (t.mm)
        seq_buf_printf(m, " %lu %lu %lu %lu %lu %lu %lu 0\n", v.start_data, v.end_data, v.start_brk, v.arg_start,
                       v.arg_end, v.arg_end, v.env_end);
    else
        seq_buf_printf(m, " 0 0 0 0 0 0 0 0\n");
    put_task_view(&t);
    return 0;
}

int proc_pid_statm_show(seq_buf* m, int pid)
{
    task_view t;
    if (get_task_view(pid, &t)) return -ESRCH;
    if (!t.mm) {
        seq_buf_printf(m, "0 0 0 0 0 0 0\n");
        return 0;
    }
    mm_view v;
    get_mm_view(t.mm, &v);
    // size resident shared text lib(0 since 2.6) data dt(0): Linux proc_pid_statm.
    seq_buf_printf(m, "%lu %lu %lu %lu 0 %lu 0\n", v.total_vm, t.mm->rss, v.rss.rss_file + v.rss.rss_shmem,
                   text_pages(v), v.data_vm + v.stack_vm);
    put_task_view(&t);
    return 0;
}

int proc_pid_cmdline_show(seq_buf* m, int pid)
{
    task_view t;
    if (get_task_view(pid, &t)) return -ESRCH;
    if (t.mm && t.mm->arg_end > t.mm->arg_start) {
        // The strings as they are in the process's memory now, NULs included (Linux
        // get_mm_cmdline without the setproctitle case).
        char chunk[128];
        for (unsigned long a = t.mm->arg_start; a < t.mm->arg_end;) {
            const unsigned long n = t.mm->arg_end - a < sizeof(chunk) ? t.mm->arg_end - a : sizeof(chunk);
            if (access_process_vm(t.mm, a, chunk, n, 0) != long(n)) break;
            for (unsigned long i = 0; i < n; ++i) seq_buf_putc(m, chunk[i]);
            a += n;
        }
    }
    put_task_view(&t);
    return 0;
}

int proc_oom_score_show(seq_buf* m, int pid)
{
    memvp_proc_stat st;
    if (proc_stat_snapshot(pid, &st)) {
        task_view t;  // a kernel thread: no memory, score 0
        if (get_task_view(pid, &t)) return -ESRCH;
        put_task_view(&t);
        st.oom_score = 0;
    }
    seq_buf_printf(m, "%lld\n", (long long)st.oom_score);
    return 0;
}

int proc_oom_score_adj_show(seq_buf* m, int pid)
{
    task_view t;
    if (get_task_view(pid, &t)) return -ESRCH;
    seq_buf_printf(m, "%d\n", t.oom_score_adj);
    put_task_view(&t);
    return 0;
}

long proc_oom_score_adj_write(int pid, const char* buf, size_t len)
{
    long v;
    if (proc_parse_long(buf, len, &v) || v < -1000 || v > 1000) return -EINVAL;
    const long rc = set_oom_score_adj(pid, int(v));
    return rc < 0 ? rc : long(len);
}
