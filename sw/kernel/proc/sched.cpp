// The scheduler (Linux kernel/sched/core.c in miniature): per-hart run queues served round
// robin, a 10 ms slice enforced by the timer tick, tasks staying on the hart they were placed
// on (new tasks go to the least loaded hart), idle tasks that WFI, and nanosleep sleepers per
// hart. schedule() is called with interrupts off, from the idle loop or on the way back to U.
#include "proc/sched.h"

#include "asm/cacheflush.h"
#include "asm/csr.h"
#include "asm/sbi.h"
#include "asm/switch_to.h"
#include "asm/mmu_context.h"
#include "asm/smp.h"
#include "kernel/panic.h"
#include "kernel/trace_event.h"
#include "mm/vm_event.h"
#include "proc/process.h"

list_head task_list = {&task_list, &task_list};

namespace {

void enqueue(rq* q, task_struct* p)
{
    list_add_tail(&p->run_list, &q->queue);
    p->on_rq = true;
    ++q->nr_queued;
}

task_struct* pick_next(rq* q)
{
    if (list_empty(&q->queue)) return q->idle;
    task_struct* next = list_first_entry(&q->queue, task_struct, run_list);
    list_del(&next->run_list);
    next->on_rq = false;
    --q->nr_queued;
    return next;
}

// Wakes the sleepers of q whose time has come; sched_lock held.
void wake_sleepers(rq* q, u64 now)
{
    while (!list_empty(&q->sleepers)) {
        task_struct* p = list_first_entry(&q->sleepers, task_struct, run_list);
        if (p->wake_time > now) break;
        list_del(&p->run_list);
        p->wake_time = 0;  // off the sleep list (wake_up_process relies on it)
        p->state = TASK_RUNNING;
        enqueue(q, p);
    }
}

// Linux __switch_to_fpu: prev's f registers are saved if it dirtied them, next's loaded.
// Kernel threads (no mm) have no user state; their pt_regs area is stack.
void switch_to_fpu(task_struct* prev, task_struct* next)
{
    if (prev->mm) fstate_save(&prev->thread.fstate, task_pt_regs(prev));
    if (next->mm) fstate_restore(&next->thread.fstate, task_pt_regs(next));
}

}  // namespace

void set_tsk_need_resched(task_struct* t) { __atomic_or_fetch(&t->ti.flags, TIF_NEED_RESCHED, __ATOMIC_RELAXED); }

void sched_init()
{
    for (rq& q : runqueues) {
        INIT_LIST_HEAD(&q.queue);
        INIT_LIST_HEAD(&q.sleepers);
    }
    rq& q0 = runqueues[0];
    q0.curr = q0.idle = &init_task;
    q0.online = true;
    init_task.on_cpu = true;
    INIT_LIST_HEAD(&init_task.children);
    list_add_tail(&init_task.tasks, &task_list);
}

// A thread that exited (TASK_DEAD, no one reaps it) is freed once its hart has left its stack
// (Linux finish_task_switch).
extern "C" void schedule_tail(task_struct* prev)
{
    __atomic_store_n(&prev->on_cpu, false, __ATOMIC_RELEASE);
    if (prev->state == TASK_DEAD) release_task(prev);
}

void schedule()
{
    unsigned long flags = spin_lock_irqsave(&sched_lock);
    task_struct* prev = current;
    rq* q = &runqueues[smp_processor_id()];
    __atomic_and_fetch(&prev->ti.flags, ~TIF_NEED_RESCHED, __ATOMIC_RELAXED);
    if (prev->state == TASK_RUNNING && !prev->is_idle) enqueue(q, prev);
    task_struct* next = pick_next(q);
    if (next == prev) {
        spin_unlock_irqrestore(&sched_lock, flags);
        return;
    }
    next->ti.cpu = long(q - runqueues);
    next->last_hart = int(next->ti.cpu);
    next->on_cpu = true;
    q->curr = next;
    count_vm_event(&memvp_vmstat::context_switches);
    // CPU time: what prev ran since it was switched in (Linux update_curr).
    const u64 now = get_cycles();
    prev->sum_exec_runtime += now - prev->exec_start;
    next->exec_start = now;
    spin_unlock(&sched_lock);
    // Threads of one mm, and a task following the idle task that ran after it, keep satp.
    if (next->mm && next->mm != q->active_mm) switch_mm(q->active_mm, next->mm), q->active_mm = next->mm;
    if (next->mm) flush_icache_if_stale();
    trace_event(MEMVP_EV_CONTEXT_SWITCH, u64(prev->pid), u64(next->pid), csr_read(satp) >> SATP_ASID_SHIFT & SATP_ASID_MASK);
    if (has_fpu()) switch_to_fpu(prev, next);
    task_struct* last = __switch_to(prev, next);
    schedule_tail(last);
    arch_local_irq_restore(flags);
}

u64 current_sched_runtime()
{
    const task_struct* me = current;
    return me->sum_exec_runtime + (get_cycles() - me->exec_start);
}

void wake_up_process(task_struct* p)
{
    unsigned long flags = spin_lock_irqsave(&sched_lock);
    wake_up_process_locked(p);
    spin_unlock_irqrestore(&sched_lock, flags);
}

void wake_up_process_locked(task_struct* p)
{
    if (p->state == TASK_INTERRUPTIBLE || p->state == TASK_UNINTERRUPTIBLE) {
        rq* q = &runqueues[p->ti.cpu];
        if (p->wake_time) list_del(&p->run_list), p->wake_time = 0;
        p->state = TASK_RUNNING;
        // Still running on its hart (between setting the state and schedule()): it will see
        // TASK_RUNNING there and stay; otherwise queue it.
        if (q->curr != p) {
            enqueue(q, p);
            if (q->curr->is_idle && unsigned(p->ti.cpu) != smp_processor_id()) send_ipi_reschedule(unsigned(p->ti.cpu));
        }
    }
}

void wake_up_new_task(task_struct* p, int hart)
{
    unsigned long flags = spin_lock_irqsave(&sched_lock);
    unsigned best = smp_processor_id();
    for (unsigned h = 0; h < NR_CPUS; ++h)
        if (runqueues[h].online && runqueues[h].load() < runqueues[best].load()) best = h;
    if (hart >= 0 && hart < NR_CPUS && runqueues[hart].online) best = unsigned(hart);
    rq* q = &runqueues[best];
    p->ti.cpu = best;
    p->state = TASK_RUNNING;
    list_add_tail(&p->tasks, &task_list);
    enqueue(q, p);
    if (best != smp_processor_id() && q->curr->is_idle) send_ipi_reschedule(best);
    spin_unlock_irqrestore(&sched_lock, flags);
}

void schedule_until(u64 until)
{
    unsigned long flags = spin_lock_irqsave(&sched_lock);
    task_struct* p = current;
    rq* q = &runqueues[smp_processor_id()];
    list_head* pos = q->sleepers.next;
    while (pos != &q->sleepers && list_entry(pos, task_struct, run_list)->wake_time <= until) pos = pos->next;
    list_insert_between(&p->run_list, pos->prev, pos);
    p->wake_time = until;
    p->state = TASK_INTERRUPTIBLE;
    spin_unlock(&sched_lock);
    program_next_event();
    schedule();
    arch_local_irq_restore(flags);
}

void schedule_sleeping(u64 until)
{
    unsigned long flags = spin_lock_irqsave(&sched_lock);
    task_struct* p = current;
    const bool sleep = p->state != TASK_RUNNING;
    if (sleep && until) {
        rq* q = &runqueues[smp_processor_id()];
        list_head* pos = q->sleepers.next;
        while (pos != &q->sleepers && list_entry(pos, task_struct, run_list)->wake_time <= until) pos = pos->next;
        list_insert_between(&p->run_list, pos->prev, pos);
        p->wake_time = until;
    }
    spin_unlock(&sched_lock);
    if (sleep && until) program_next_event();
    if (sleep) schedule();
    arch_local_irq_restore(flags);
}

void program_next_event()
{
    u64 next = get_cycles() + tick_interval;
    unsigned long flags = spin_lock_irqsave(&sched_lock);
    rq* q = &runqueues[smp_processor_id()];
    if (!list_empty(&q->sleepers)) {
        const u64 first = list_first_entry(&q->sleepers, task_struct, run_list)->wake_time;
        if (first < next) next = first;
    }
    spin_unlock_irqrestore(&sched_lock, flags);
    sbi_set_timer(next);
}

// Timer interrupt (Linux scheduler_tick): wake due sleepers, end the slice if others wait.
void scheduler_tick()
{
    spin_lock(&sched_lock);
    rq* q = &runqueues[smp_processor_id()];
    wake_sleepers(q, get_cycles());
    if (!list_empty(&q->queue)) set_tsk_need_resched(q->curr);
    spin_unlock(&sched_lock);
    program_next_event();
}

// The idle loop (Linux do_idle): WFI with interrupts off wakes on any pending interrupt
// (§3.3.3), which is then taken in the short window with SIE set.
void cpu_idle()
{
    for (;;) {
        arch_local_irq_save();
        if (need_resched() || !list_empty(&runqueues[smp_processor_id()].queue)) {
            schedule();
            continue;
        }
        __asm__ volatile("wfi");
        csr_set(sstatus, SR_SIE);
        csr_clear(sstatus, SR_SIE);
    }
}

// Hart 0's boot task, which becomes its idle task (Linux init_task, pid 0 "swapper").
alignas(16) char init_stack[THREAD_SIZE];
task_struct init_task = [] {
    task_struct t{};
    t.is_idle = true;
    t.stack = init_stack;
    t.comm[0] = 's', t.comm[1] = 'w', t.comm[2] = 'a', t.comm[3] = 'p', t.comm[4] = 'p', t.comm[5] = 'e', t.comm[6] = 'r';
    return t;
}();
