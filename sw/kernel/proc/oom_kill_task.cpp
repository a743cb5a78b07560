// The OOM killer's task side (Linux mm/oom_kill.c): out_of_memory gathers every user task's
// figures, picks the victim (mm/oom_kill.cpp), prints dump_header's lines and the kill line,
// kills the victim and every task sharing its mm, then waits for the memory to come back,
// reaping it itself (the oom_reaper step) when the victim cannot run to its exit.
#include "proc/oom_kill_task.h"

#include "asm/csr.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "mm/buddy.h"
#include "mm/mm.h"
#include "mm/vm_event.h"
#include "proc/process.h"
#include "proc/sched.h"

namespace {

// A victim that has not let go of its memory after this many ticks is reaped (Linux's
// oom_reaper waits OOM_REAPER_DELAY, 2 s, for the exit; ticks here are 10 ms), and the reaper
// tries the victim's mmap_lock this many times, a tick apart (Linux MAX_OOM_REAP_RETRIES).
constexpr int OOM_REAPER_DELAY_TICKS = 10;
constexpr int MAX_OOM_REAP_RETRIES = 10;
constexpr int MAX_OOM_CANDIDATES = 256;

// Linux oom_lock: one task at a time chooses a victim and waits for it; the owner, so that an
// allocation it makes meanwhile fails rather than wait for itself.
int oom_lock;
task_struct* oom_lock_owner;
// The candidates of the current round, and a reference on each one's mm (guarded by oom_lock).
oom_candidate candidates[MAX_OOM_CANDIDATES];
mm_struct* candidate_mm[MAX_OOM_CANDIDATES];

void fill_task_fields(const task_struct* t, oom_candidate* c)
{
    c->pid = t->pid;
    c->uid = 0;
    c->oom_score_adj = t->oom_score_adj;
    c->unkillable = oom_unkillable_task(t);
    __builtin_memcpy(c->comm, t->comm, sizeof(c->comm));
}

// mm is the caller's and no other task uses it (the references are the caller's and ours): if
// its lock is busy, the caller holds it (it faults in its own address space) or someone reads.
bool mm_is_callers_alone(mm_struct* mm)
{
    return mm == current->mm && __atomic_load_n(&mm->users, __ATOMIC_ACQUIRE) == 2;
}

// Every live task with an address space, in task-list order, each mm referenced.
int gather_candidates()
{
    int n = 0;
    unsigned long flags = spin_lock_irqsave(&sched_lock);
    list_for_each_entry(t, &task_list, task_struct, tasks) {
        if (!t->mm || t->is_idle || t->state == TASK_ZOMBIE || n == MAX_OOM_CANDIDATES) continue;
        fill_task_fields(t, &candidates[n]);
        mmget(t->mm);
        candidate_mm[n++] = t->mm;
    }
    spin_unlock_irqrestore(&sched_lock, flags);
    for (int i = 0; i < n; ++i)
        oom_fill_mm_counts(candidate_mm[i], &candidates[i], mm_is_callers_alone(candidate_mm[i]));
    return n;
}

// Drops the references gather_candidates took, but the one of candidate `keep` (-1: none).
void release_candidates(int n, int keep)
{
    for (int i = 0; i < n; ++i)
        if (i != keep) mmput(candidate_mm[i]);
}

template <typename Fill>
void print_lines(Fill fill)
{
    char buf[320];
    seq_buf s(buf, sizeof(buf));
    fill(&s);
    printk("%s", s.str());
}

void print_line(void (*fill)(seq_buf*, const oom_candidate&), const oom_candidate& c)
{
    print_lines([&](seq_buf* s) { fill(s, c); });
}

// Linux dump_header: who asked for what, the zones (show_mem, in short), the task table.
void dump_header(gfp_t gfp, unsigned order, int n)
{
    print_lines([&](seq_buf* s) { oom_header_line(s, current->comm, gfp, order, current->oom_score_adj); });
    printk("Mem-Info:\n");
    for (int nid = 0; nid < page_allocator->nr_nodes(); ++nid)
        for (const zone& z : node_data[nid]->node_zones)
            if (z.managed_pages) print_lines([&](seq_buf* s) { show_zone_line(s, nid, &z); });
    print_lines(dump_tasks_header);
    for (int i = 0; i < n; ++i)
        if (!candidates[i].unkillable) print_line(dump_tasks_row, candidates[i]);
}

// SIGKILL to every user task of the victim's address space (Linux kills all processes
// sharing the mm, or the memory would stay).
void kill_mm_users(mm_struct* mm)
{
    int pids[MAX_OOM_CANDIDATES];
    int n = 0;
    unsigned long flags = spin_lock_irqsave(&sched_lock);
    list_for_each_entry(t, &task_list, task_struct, tasks)
        if (t->mm == mm && !oom_unkillable_task(t) && t->state != TASK_ZOMBIE && n < MAX_OOM_CANDIDATES)
            pids[n++] = t->pid;
    spin_unlock_irqrestore(&sched_lock, flags);
    for (int i = 0; i < n; ++i) do_kill(pids[i], SIGKILL);
}

void sleep_one_tick() { schedule_until(get_cycles() + tick_interval); }

// Only our reference is left: every task of the victim has dropped its mm.
bool mm_released(mm_struct* mm) { return __atomic_load_n(&mm->users, __ATOMIC_ACQUIRE) == 1; }

// The oom_reaper step, done by the task that killed: wait for the victim to exit; if it does not
// (it sleeps uninterruptibly, e.g. in a pipe read, where a kill does not reach it), unmap its
// private memory while it sleeps. Drops the reference on mm (the last one frees it).
void oom_reap_task(mm_struct* mm, oom_candidate* victim)
{
    for (int i = 0; i < OOM_REAPER_DELAY_TICKS && !mm_released(mm); ++i) sleep_one_tick();
    if (!mm_released(mm)) {
        bool reaped = false;
        for (int i = 0; i < MAX_OOM_REAP_RETRIES && !(reaped = oom_reap_mm(mm)); ++i) sleep_one_tick();
        if (reaped) {
            oom_fill_mm_counts(mm, victim, false);
            print_line(oom_reaped_line, *victim);
        } else {
            printk("oom_reaper: unable to reap pid:%d (%s)\n", victim->pid, victim->comm);
            mm->oom_skip = true;  // as Linux: let the next round choose someone else
        }
    }
    mmput(mm);
}

// Linux out_of_memory (CONSTRAINT_NONE: the whole machine). True when memory was freed.
bool out_of_memory(gfp_t gfp, unsigned order)
{
    const unsigned long totalpages = oom_totalpages();
    const int n = gather_candidates();
    const int v = select_bad_process(candidates, n, totalpages, nullptr);
    dump_header(gfp, order, n);
    if (v < 0) {
        release_candidates(n, -1);
        printk("Out of memory and no killable processes...\n");
        panic("System is deadlocked on memory");
    }
    oom_candidate victim = candidates[v];
    mm_struct* mm = candidate_mm[v];
    release_candidates(n, v);
    printk("oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,"
           "task_memcg=/,task=%s,pid=%d,uid=%d\n", victim.comm, victim.pid, victim.uid);
    print_line(oom_kill_line, victim);
    count_vm_event(&memvp_vmstat::oom_kill);
    kill_mm_users(mm);
    if (mm == current->mm) {
        // The caller is the victim: its allocation fails and it dies on its way back to user
        // mode, which frees its memory (Linux gives it the reserves instead).
        mmput(mm);
        return false;
    }
    oom_reap_task(mm, &victim);
    return true;
}

bool out_of_memory_hook(gfp_t gfp, unsigned order, void*)
{
    // A dying task's allocation fails; its exit frees more than the OOM killer could.
    if (current->pending_kill || current->is_idle) return false;
    if (__atomic_exchange_n(&oom_lock, 1, __ATOMIC_ACQUIRE)) {
        if (__atomic_load_n(&oom_lock_owner, __ATOMIC_RELAXED) == current) return false;
        sleep_one_tick();  // another task chooses or waits for a victim: retry after it
        return true;
    }
    __atomic_store_n(&oom_lock_owner, current, __ATOMIC_RELAXED);
    const bool progress = out_of_memory(gfp, order);
    __atomic_store_n(&oom_lock_owner, nullptr, __ATOMIC_RELAXED);
    __atomic_store_n(&oom_lock, 0, __ATOMIC_RELEASE);
    return progress;
}

}  // namespace

unsigned long oom_totalpages() { return page_allocator->totalram_pages(); }

bool oom_unkillable_task(const task_struct* t) { return t->kthread_fn || t->pid == 1; }

void oom_init() { page_allocator->set_oom_hooks(oom_hooks{out_of_memory_hook, nullptr}); }
