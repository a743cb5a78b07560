// Processes and the scheduler (Linux <linux/sched.h>): task_struct with thread_info first
// (entry.S finds the kernel stack through tp), per-hart run queues served round robin with a
// timer-driven time slice, an idle task per hart, sleeping and waking.
#pragma once

#include "asm/boot.h"
#include "asm/ptrace.h"
#include "kernel/list.h"
#include "kernel/spinlock.h"
#include "kernel/types.h"
#include "proc/signal.h"

struct mm_struct;

inline constexpr unsigned long TIF_NEED_RESCHED = 1UL << 0;
// A signal may be deliverable: the way back to U-mode looks (Linux TIF_SIGPENDING), so that it
// reads no signal state on the usual return.
inline constexpr unsigned long TIF_SIGPENDING = 1UL << 1;

struct thread_info {
    unsigned long flags;      // TIF_*
    long preempt_count;
    unsigned long kernel_sp;  // top of the kernel stack while the task runs in U-mode
    unsigned long user_sp;    // scratch for entry.S
    long cpu;                 // the hart whose run queue the task belongs to
    unsigned long pad[3];
};

// Callee-saved registers across __switch_to, then the F/D state of a user task
// (Linux struct thread_struct; asm/switch_to.h saves and loads fstate).
struct thread_struct {
    unsigned long ra, sp;
    unsigned long s[12];
    d_ext_state fstate;
};

// TASK_UNINTERRUPTIBLE: waiting for an event that must come (I/O, wait_for_completion); kill
// does not wake it (Linux's D state).
enum task_state : int { TASK_RUNNING, TASK_INTERRUPTIBLE, TASK_UNINTERRUPTIBLE, TASK_ZOMBIE, TASK_DEAD };

// task_struct::flags (Linux PF_*).
inline constexpr unsigned PF_MEMALLOC = 1u << 0;  // reclaiming: its own allocations must not reclaim
inline constexpr unsigned PF_KSWAPD = 1u << 1;    // a node's kswapd

struct files_struct;
struct inode;
struct signal_struct;

struct task_struct {
    thread_info ti;  // first: entry.S uses TASK_TI_* offsets from tp
    thread_struct thread;
    volatile int state;
    bool on_rq;               // queued on ti.cpu's run queue
    volatile bool on_cpu;     // some hart runs it (set until __switch_to left its stack)
    bool is_idle;
    bool in_wait4;            // blocked in wait4: a child's exit wakes it
    unsigned flags;           // PF_*
    int pid;
    int exit_code;            // wait4 status word of a zombie
    int pending_kill;         // set when the task must die: the fatal signal's number, else 0
    // Read on every return to U-mode (do_signal), so next to the fields the trap path reads.
    u64 blocked;              // signals masked
    u64 pending;              // signals sent to this thread
    signal_struct* signal;    // shared by the thread group (proc/signal.h); nullptr for idle tasks
    int nr_dirtied;           // pages its shared-mapping stores dirtied since it last balanced
    mm_struct* fault_mm;      // the address space whose fault it handles, lock held (mm/rmap.h)
    int oom_score_adj;
    int mempolicy_mode;       // MPOL_DEFAULT or MPOL_PREFERRED (set_mempolicy)
    int mempolicy_node;       // MPOL_PREFERRED: the node allocations try first
    int last_hart;
    mm_struct* mm;            // nullptr for idle tasks
    task_struct* parent;
    list_head children;       // its children, linked through sibling
    list_head sibling;
    list_head run_list;       // on a run queue or a sleep list
    list_head tasks;          // all tasks (pid lookup)
    u64 wake_time;            // nanosleep: rdtime value to wake at
    void* stack;              // kernel stack (THREAD_SIZE bytes), nullptr for the boot task
    void (*first_run)(pt_regs* regs);  // run once on the task's first return to U (init's execve)
    int (*kthread_fn)(void* arg);      // kernel threads: what they run (never in U-mode)
    void* kthread_arg;
    char comm[16];
    files_struct* files;      // open files (fs/file.h); nullptr for kernel threads
    inode* fs_pwd;            // working directory, referenced; nullptr: the root
    u64 random_state;         // its stream of random bytes (proc/random.h)
    u64 sum_exec_runtime;     // time CSR ticks it ran before it last started running (Linux's se)
    u64 exec_start;           // time CSR value when it last started running
    u64 start_time;           // time CSR value when it was made (/proc/PID/stat starttime)
    // Threads (Linux kernel/fork.c CLONE_THREAD) and signals (proc/signal.h).
    int tgid;                 // the thread group's id: its leader's pid (getpid)
    task_struct* group_leader;
    list_head thread_node;    // on signal->threads
    int* clear_child_tid;     // CLONE_CHILD_CLEARTID / set_tid_address: zeroed and woken at exit
    sig_info pending_info[64];
    unsigned long sas_ss_sp, sas_ss_size;  // sigaltstack
};
static_assert(__builtin_offsetof(task_struct, ti.kernel_sp) == TASK_TI_KERNEL_SP);
static_assert(__builtin_offsetof(task_struct, ti.user_sp) == TASK_TI_USER_SP);
static_assert(__builtin_offsetof(task_struct, ti.cpu) == TASK_TI_CPU);
static_assert(__builtin_offsetof(task_struct, thread) == TASK_THREAD);

inline task_struct* get_current()
{
    task_struct* tp;
    __asm__("mv %0, tp" : "=r"(tp));
    return tp;
}
#define current (get_current())

inline unsigned smp_processor_id() { return unsigned(current->ti.cpu); }

// The time CSR ticks the calling task has run, up to now (Linux task_sched_runtime).
u64 current_sched_runtime();

inline pt_regs* task_pt_regs(task_struct* t)
{
    return reinterpret_cast<pt_regs*>(static_cast<char*>(t->stack) + THREAD_SIZE) - 1;
}

// One hart's scheduler state (Linux struct rq).
struct rq {
    list_head queue;           // runnable tasks, round robin
    list_head sleepers;        // nanosleep, ordered by wake_time
    unsigned nr_queued;        // tasks on queue
    task_struct* curr;
    task_struct* idle;
    mm_struct* active_mm;      // the address space loaded in satp (nullptr: swapper_pg_dir)
    bool online;

    unsigned load() const;     // queued plus the running task unless it is the idle task
};

inline unsigned rq::load() const { return nr_queued + (curr && !curr->is_idle ? 1 : 0); }

inline rq runqueues[NR_CPUS];
inline unsigned nr_cpu_ids = 1;   // harts online
inline u64 tick_interval;         // timebase ticks per time slice (10 ms)
// One lock over every run queue, sleep list and the task list (few harts; keeps wakeups simple).
inline spinlock_t sched_lock;

extern task_struct init_task;     // hart 0's boot and idle task
extern list_head task_list;

void sched_init();
void schedule();
// Makes a sleeping task (interruptible or not) runnable on its hart; sends that hart a
// reschedule IPI if it idles.
void wake_up_process(task_struct* p);
void wake_up_process_locked(task_struct* p);  // the same, sched_lock held
// Sleeps in the state the caller set (TASK_INTERRUPTIBLE) until woken, or until the rdtime
// value `until` if not 0; returns at once if a wake came since the state was set.
void schedule_sleeping(u64 until);
// Puts a new task on the least loaded hart's queue (Linux wake_up_new_task), or on the given
// hart if it is online (Linux kthread_bind).
void wake_up_new_task(task_struct* p, int hart = -1);
void scheduler_tick();
// Arms this hart's next timer interrupt: the end of the slice or the first sleeper's wake.
void program_next_event();
void cpu_idle() __attribute__((noreturn));
// Sleep until the rdtime value `until` (nanosleep).
void schedule_until(u64 until);
void set_tsk_need_resched(task_struct* t);
inline bool need_resched() { return current->ti.flags & TIF_NEED_RESCHED; }
inline void set_tsk_sigpending(task_struct* t) { __atomic_or_fetch(&t->ti.flags, TIF_SIGPENDING, __ATOMIC_RELAXED); }
inline void clear_tsk_sigpending(task_struct* t) { __atomic_and_fetch(&t->ti.flags, ~TIF_SIGPENDING, __ATOMIC_RELAXED); }

extern "C" task_struct* __switch_to(task_struct* prev, task_struct* next);
// The switched-in side's end of a switch: prev's hart has left its stack (Linux schedule_tail).
extern "C" void schedule_tail(task_struct* prev);
