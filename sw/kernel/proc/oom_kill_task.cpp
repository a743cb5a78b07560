// The OOM killer's task side (Linux mm/oom_kill.c): out_of_memory walks the task list for the
// victim (the policy is mm/oom_kill.cpp), prints dump_header's lines and the kill line, kills
// the victim and every task sharing its mm, then waits for the memory to come back, reaping it
// itself (the oom_reaper step) when the victim cannot run to its exit.
#include "proc/oom_kill_task.h"

#include "asm/csr.h"
#include "kernel/panic.h"
#include "mm/swapfile.h"
#include "kernel/printk.h"
#include "kernel/trace_event.h"
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

// Linux oom_lock: one task at a time chooses a victim and waits for it; the owner, so that an
// allocation it makes meanwhile fails rather than wait for itself.
int oom_lock;
task_struct* oom_lock_owner;

void fill_task_fields(const task_struct* t, oom_candidate* c)
{
    c->pid = t->pid;
    c->uid = 0;
    c->oom_score_adj = t->oom_score_adj;
    c->unkillable = oom_unkillable_task(t);
    __builtin_memcpy(c->comm, t->comm, sizeof(c->comm));
}

bool oom_candidate_task(const task_struct* t) { return t->mm && !t->is_idle && t->state != TASK_ZOMBIE; }

// mm is the caller's and no other task uses it (the references are the caller's and the
// `ours` the OOM killer holds): if its lock is busy, the caller holds it (it faults in its own
// address space) or someone reads.
bool mm_is_callers_alone(mm_struct* mm, int ours)
{
    return mm == current->mm && __atomic_load_n(&mm->users, __ATOMIC_ACQUIRE) == 1 + ours;
}

// Linux select_bad_process: the task-list walk under sched_lock, badness from the counters. The
// victim's figures and a reference on its mm; false when no one may be chosen.
bool choose_victim(unsigned long totalpages, oom_candidate* victim, mm_struct** victim_mm)
{
    long chosen_points = OOM_BADNESS_NEVER;
    *victim_mm = nullptr;
    unsigned long flags = spin_lock_irqsave(&sched_lock);
    list_for_each_entry(t, &task_list, task_struct, tasks) {
        if (!oom_candidate_task(t)) continue;
        oom_candidate c{};
        fill_task_fields(t, &c);
        oom_fill_mm_totals(t->mm, &c);
        if (oom_evaluate_task(c, totalpages, &chosen_points)) *victim = c, *victim_mm = t->mm;
    }
    if (*victim_mm) mmget(*victim_mm);
    spin_unlock_irqrestore(&sched_lock, flags);
    return *victim_mm;
}

// The killable task with the lowest pid above `after`, its mm referenced; false if none. The
// table is printed one task at a time, so the OOM path keeps no array of tasks.
bool next_task_after(int after, oom_candidate* c, mm_struct** mm)
{
    const task_struct* found = nullptr;
    unsigned long flags = spin_lock_irqsave(&sched_lock);
    list_for_each_entry(t, &task_list, task_struct, tasks)
        if (oom_candidate_task(t) && !oom_unkillable_task(t) && t->pid > after && (!found || t->pid < found->pid))
            found = t;
    if (found) {
        fill_task_fields(found, c);
        *mm = found->mm;
        mmget(*mm);
    }
    spin_unlock_irqrestore(&sched_lock, flags);
    return found;
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

// Linux dump_header: who asked for what, the zones (show_mem, in short), the task table
// (dump_tasks, by pid, init and kernel threads left out). The OOM killer holds a reference on
// victim_mm (nullptr if none).
void dump_header(gfp_t gfp, unsigned order, mm_struct* victim_mm)
{
    print_lines([&](seq_buf* s) { oom_header_line(s, current->comm, gfp, order, current->oom_score_adj); });
    printk("Mem-Info:\n");
    for (int nid = 0; nid < page_allocator->nr_nodes(); ++nid)
        for (const zone& z : node_data[nid]->node_zones)
            if (z.managed_pages) print_lines([&](seq_buf* s) { show_zone_line(s, nid, &z); });
    print_lines(dump_tasks_header);
    oom_candidate c{};
    mm_struct* mm = nullptr;
    for (int pid = 0; next_task_after(pid, &c, &mm); pid = c.pid) {
        oom_fill_mm_counts(mm, &c, mm_is_callers_alone(mm, mm == victim_mm ? 2 : 1));
        mmput(mm);
        print_line(dump_tasks_row, c);
    }
}

// SIGKILL to every user task of the victim's address space (Linux kills all processes
// sharing the mm, or the memory would stay), one at a time: each kill marks it.
void kill_mm_users(mm_struct* mm)
{
    for (;;) {
        int pid = 0;
        unsigned long flags = spin_lock_irqsave(&sched_lock);
        list_for_each_entry(t, &task_list, task_struct, tasks)
            if (!pid && t->mm == mm && !oom_unkillable_task(t) && t->state != TASK_ZOMBIE && !t->pending_kill)
                pid = t->pid;
        spin_unlock_irqrestore(&sched_lock, flags);
        if (!pid) return;
        do_kill(pid, SIGKILL);  // fails only for a task that has just exited
    }
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
    oom_candidate victim{};
    mm_struct* mm = nullptr;
    const bool found = choose_victim(oom_totalpages(), &victim, &mm);
    dump_header(gfp, order, mm);
    if (!found) {
        printk("Out of memory and no killable processes...\n");
        panic("System is deadlocked on memory");
    }
    oom_fill_mm_counts(mm, &victim, mm_is_callers_alone(mm, 1));
    printk("oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,"
           "task_memcg=/,task=%s,pid=%d,uid=%d\n", victim.comm, victim.pid, victim.uid);
    print_line(oom_kill_line, victim);
    count_vm_event(&memvp_vmstat::oom_kill);
    trace_event(MEMVP_EV_OOM_KILL, u64(victim.pid), victim.total_vm, victim.rss(), u64(s64(victim.oom_score_adj)));
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

unsigned long oom_totalpages() { return page_allocator->totalram_pages() + total_swap_pages(); }

bool oom_unkillable_task(const task_struct* t) { return t->kthread_fn || t->pid == 1; }

void oom_init() { page_allocator->set_oom_hooks(oom_hooks{out_of_memory_hook, nullptr}); }
