// fork, exit, wait4 and init (Linux kernel/fork.c copy_process, kernel/exit.c do_exit and
// do_wait). The task list, parent/child links and states are guarded by sched_lock; a zombie's
// kernel stack is freed by the parent that reaps it, once its hart has switched away from it.
#include "proc/process.h"

#include "fs/file.h"

#include "asm/mmu_context.h"
#include "asm/sbi.h"
#include "asm/switch_to.h"
#include "asm/smp.h"
#include "asm/uaccess.h"
#include "boot/bootargs.h"
#include "fs/file.h"
#include "lib/ktest.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/trace_event.h"
#include "mm/mm.h"
#include "mm/slab.h"
#include "mm/swapfile.h"
#include "mm/vm_event.h"
#include "proc/futex.h"
#include "asm/csr.h"
#include "proc/random.h"
#include "proc/signal.h"
#include "proc/sched.h"
#include "user_programs/user_programs.h"

extern "C" void ret_from_fork();

namespace {

int next_pid = 1;
task_struct* init_process;

void copy_comm(task_struct* t, const char* name)
{
    unsigned i = 0;
    for (; name[i] && i + 1 < sizeof(t->comm); ++i) t->comm[i] = name[i];
    t->comm[i] = '\0';
}

// A task with a kernel stack whose first switch lands in ret_from_fork.
task_struct* alloc_task()
{
    task_struct* t = static_cast<task_struct*>(kzalloc(sizeof(task_struct), GFP_KERNEL));
    if (!t) return nullptr;
    t->stack = __get_free_pages(GFP_KERNEL, THREAD_SHIFT - PAGE_SHIFT);
    if (!t->stack) {
        kfree(t);
        return nullptr;
    }
    INIT_LIST_HEAD(&t->children);
    t->state = TASK_RUNNING;
    t->thread.ra = reinterpret_cast<unsigned long>(&ret_from_fork);
    t->thread.sp = reinterpret_cast<unsigned long>(task_pt_regs(t));
    unsigned long flags = spin_lock_irqsave(&sched_lock);
    t->pid = t->tgid = next_pid++;
    spin_unlock_irqrestore(&sched_lock, flags);
    t->start_time = get_cycles();
    t->group_leader = t;
    if (!signal_init(t, current->is_idle ? nullptr : current)) {
        free_pages(t->stack, THREAD_SHIFT - PAGE_SHIFT);
        kfree(t);
        return nullptr;
    }
    return t;
}

void free_task(task_struct* t)
{
    if (t->signal) signal_put(t->signal);
    free_pages(t->stack, THREAD_SHIFT - PAGE_SHIFT);
    kfree(t);
}

// CLONE_THREAD: the child leaves the thread group alloc_task made it and joins the caller's,
// sharing its signal actions; its parent is the group's parent (Linux copy_process).
void join_thread_group(task_struct* child, task_struct* me)
{
    signal_put(child->signal);
    unsigned long flags = spin_lock_irqsave(&sched_lock);
    child->tgid = me->tgid;
    child->group_leader = me->group_leader;
    child->parent = me->group_leader->parent;
    child->signal = me->signal;
    ++child->signal->count;
    ++child->signal->live;
    list_add_tail(&child->thread_node, &child->signal->threads);
    spin_unlock_irqrestore(&sched_lock, flags);
}

// The threads of parent's process blocked in wait4 (the idle task, parent of kernel threads
// started at boot, has no thread group); sched_lock held.
void wake_waiters_locked(task_struct* parent)
{
    if (!parent->signal) {
        if (parent->in_wait4) wake_up_process_locked(parent);
        return;
    }
    list_for_each_entry(t, &parent->signal->threads, task_struct, thread_node) if (t->in_wait4)
        wake_up_process_locked(t);
}

// The exiting thread's tid word (CLONE_CHILD_CLEARTID, set_tid_address) is zeroed and its
// waiters woken when others share the address space (Linux mm_release): pthread_join waits so.
void clear_child_tid(task_struct* me)
{
    int* tidptr = me->clear_child_tid;
    me->clear_child_tid = nullptr;
    if (!tidptr || !me->mm || me->mm->users <= 1) return;
    const int zero = 0;
    if (copy_to_user(tidptr, &zero, sizeof(zero))) return;
    futex_wake(me->mm, reinterpret_cast<unsigned long>(tidptr), 1);
}

void link_child(task_struct* parent, task_struct* child)
{
    unsigned long flags = spin_lock_irqsave(&sched_lock);
    child->parent = parent;
    list_add_tail(&child->sibling, &parent->children);
    spin_unlock_irqrestore(&sched_lock, flags);
}

// pid 1's first return to U-mode: mount the root file system (reading the disk sleeps, so in
// a task, as Linux's kernel_init does prepare_namespace), then exec the init program into its
// fresh trap frame.
void init_first_run(pt_regs* regs)
{
    mount_root();
    swapon_boot();
    // Linux's envp_init (init/main.c).
    static const char* const envp_init[] = {"HOME=/", "TERM=linux", nullptr};
    const long rc = do_execve(kernel_opts.init, kernel_opts.init_argv, regs, envp_init);
    if (rc == 0) return;
    printk("Kernel: cannot run init program %s (error %ld); programs:", kernel_opts.init, -rc);
    print_program_names();
    printk("\n");
    sbi_shutdown(1);
}

// A spawned task's first return to user mode: exec the program named by its comm.
void spawn_first_run(pt_regs* regs)
{
    const char* const argv[] = {current->comm, nullptr};
    const long rc = do_execve(current->comm, argv, regs);
    if (rc != 0) do_exit(MEMVP_W_EXITCODE(127, 0));  // as a shell reports "command not found"
}

// pid 1 under ktest=NAME.
int ktest_main(void*)
{
    const int rc = run_ktest(kernel_opts.ktest);
    if (rc < 0) printk("ktest: no test named %s\n", kernel_opts.ktest);
    sbi_shutdown(rc < 0 ? 1 : rc);
}

}  // namespace

// First switch into a kernel thread (thread.ra): finish the switch, run, exit.
extern "C" [[noreturn]] void kthread_start(task_struct* prev)
{
    schedule_tail(prev);
    task_struct* me = current;
    const int rc = me->kthread_fn(me->kthread_arg);
    do_exit(MEMVP_W_EXITCODE(rc & 0xff, 0));
}

task_struct* kthread_run(int (*fn)(void*), void* arg, const char* name, int hart)
{
    task_struct* t = alloc_task();
    if (!t) return nullptr;
    t->kthread_fn = fn;
    t->kthread_arg = arg;
    t->thread.ra = reinterpret_cast<unsigned long>(&kthread_start);
    t->thread.sp = reinterpret_cast<unsigned long>(t->stack) + THREAD_SIZE;
    copy_comm(t, name);
    t->mempolicy_mode = current->mempolicy_mode;
    t->mempolicy_node = current->mempolicy_node;
    link_child(current, t);
    wake_up_new_task(t, hart);
    return t;
}

extern "C" void ret_from_fork_hook(pt_regs* regs)
{
    if (void (*fn)(pt_regs*) = current->first_run) {
        current->first_run = nullptr;
        fn(regs);
    }
    do_signal(regs);
}

void release_task(task_struct* t) { free_task(t); }

int last_pid() { return next_pid - 1; }

task_struct* find_task_by_pid(int pid)
{
    list_for_each_entry(t, &task_list, task_struct, tasks) if (t->pid == pid) return t;
    return nullptr;
}

task_struct* spawn_user_program(const char* name)
{
    task_struct* t = alloc_task();
    if (!t) return nullptr;
    copy_comm(t, name);
    t->first_run = spawn_first_run;
    if (copy_files_and_fs(current, t, 0)) {
        free_task(t);
        return nullptr;
    }
    link_child(current, t);
    count_vm_event(&memvp_vmstat::nr_processes);
    wake_up_new_task(t);
    return t;
}

void start_init()
{
    if (kernel_opts.ktest) {
        init_process = kthread_run(ktest_main, nullptr, "ktest");
        if (!init_process) panic("no memory for the ktest thread");
        return;
    }
    task_struct* t = alloc_task();
    if (!t) panic("no memory for init");
    copy_comm(t, kernel_opts.init);
    t->first_run = init_first_run;
    t->files = alloc_console_files();
    if (!t->files) panic("no memory for init's files");
    init_process = t;
    count_vm_event(&memvp_vmstat::nr_processes);
    wake_up_new_task(t);
}

long do_fork(pt_regs* regs, unsigned long clone_flags, unsigned long newsp, int* ptid, unsigned long tls, int* ctid)
{
    constexpr unsigned long CLONE_SIGHAND = 0x800, CLONE_THREAD = 0x10000;
    // Linux copy_process: a thread shares the actions, and actions are shared only with the mm.
    if ((clone_flags & CLONE_THREAD) && !(clone_flags & CLONE_SIGHAND)) return -EINVAL;
    if ((clone_flags & CLONE_SIGHAND) && !(clone_flags & CLONE_VM)) return -EINVAL;
    task_struct* child = alloc_task();
    if (!child) return -ENOMEM;
    // CLONE_VM: a thread of the same address space (the harts running it share its ASID).
    if (clone_flags & CLONE_VM) mmget(current->mm), child->mm = current->mm;
    else child->mm = dup_mm(current->mm);
    if (!child->mm || copy_files_and_fs(current, child, clone_flags)) {
        if (child->mm) mmput(child->mm);
        free_task(child);
        return -ENOMEM;
    }
    // The child starts with the parent's f registers (Linux arch_dup_task_struct saves them
    // first), its status FS Clean as the parent's is after the save.
    if (has_fpu()) fstate_save(&current->thread.fstate, regs);
    child->thread.fstate = current->thread.fstate;
    pt_regs* cregs = task_pt_regs(child);
    *cregs = *regs;
    cregs->a0 = 0;
    if (newsp) cregs->sp = newsp;
    if (clone_flags & CLONE_SETTLS) cregs->tp = tls;
    int child_pid = child->pid;
    const bool ctid_bad = (clone_flags & CLONE_CHILD_SETTID) &&
                          access_process_vm(child->mm, reinterpret_cast<unsigned long>(ctid), &child_pid,
                                            sizeof(child_pid), FOLL_WRITE) != long(sizeof(child_pid));
    if (ctid_bad || ((clone_flags & CLONE_PARENT_SETTID) && copy_to_user(ptid, &child_pid, sizeof(child_pid)))) {
        mmput(child->mm);
        exit_files_and_fs(child);
        free_task(child);
        return -EFAULT;
    }
    __builtin_memcpy(child->comm, current->comm, sizeof(child->comm));
    child->oom_score_adj = current->oom_score_adj;
    child->mempolicy_mode = current->mempolicy_mode;  // inherited, as Linux's mempolicy
    child->mempolicy_node = current->mempolicy_node;
    random_fork(child, current);
    child->blocked = current->blocked;
    if (!(clone_flags & CLONE_VM)) child->sas_ss_sp = current->sas_ss_sp, child->sas_ss_size = current->sas_ss_size;
    if (clone_flags & CLONE_CHILD_CLEARTID) child->clear_child_tid = ctid;
    // A child process belongs to the thread group: any of its threads' wait4 reaps it.
    if (clone_flags & CLONE_THREAD) join_thread_group(child, current);
    else link_child(current->group_leader, child);
    const int pid = child->pid;
    if (!(clone_flags & CLONE_THREAD)) count_vm_event(&memvp_vmstat::nr_processes);
    wake_up_new_task(child);
    return pid;
}

// One thread's exit (Linux do_exit). A thread other than the leader is not waited for: it
// leaves the task list and is freed once its hart has switched away. The leader becomes a
// zombie that wait4 reaps when the last thread of its group has exited.
void do_exit(int status)
{
    task_struct* me = current;
    trace_event(MEMVP_EV_EXIT, u64(status));
    clear_child_tid(me);
    exit_files_and_fs(me);
    // Before init's unmount as well: its file mappings hold their files' inodes.
    if (mm_struct* mm = me->mm) {
        me->mm = nullptr;
        switch_to_kernel_mm();
        mmput(mm);
    }
    signal_struct* sig = me->signal;
    if (me == init_process) {
        if (sig->group_exit) status = sig->group_exit_code;
        const int code = (status & 0x7f) ? 128 + (status & 0x7f) : (status >> 8) & 0xff;
        if (code) printk("init exited with status %d\n", code);
        umount_root();  // what the guest wrote reaches the disk, and the file system is clean
        sbi_shutdown(code);
    }
    const bool leader = me->group_leader == me;
    if (!me->kthread_fn && leader) dec_vm_events(&memvp_vmstat::nr_processes, 1);
    arch_local_irq_save();
    spin_lock(&sched_lock);
    list_del(&me->thread_node);
    const bool group_dead = --sig->live == 0;
    task_struct* lead = me->group_leader;
    bool wake_init = false;
    if (leader) {
        // Orphans go to init (Linux forget_original_parent).
        bool orphan_zombies = false;
        list_for_each_entry_safe(c, &me->children, task_struct, sibling) {
            list_del(&c->sibling);
            c->parent = init_process;
            list_add_tail(&c->sibling, &init_process->children);
            orphan_zombies |= c->state == TASK_ZOMBIE;
        }
        me->exit_code = sig->group_exit ? sig->group_exit_code : status;
        me->state = TASK_ZOMBIE;
        wake_init = orphan_zombies && init_process->in_wait4 && me->parent != init_process;
    } else {
        list_del(&me->tasks);
        me->state = TASK_DEAD;
    }
    // The process is reported once its last thread is gone (Linux delay_group_leader); the
    // parent's threads blocked in wait4 are woken.
    if (group_dead && lead->state == TASK_ZOMBIE) wake_waiters_locked(lead->parent);
    if (wake_init) wake_up_process_locked(init_process);
    spin_unlock(&sched_lock);
    schedule();
    panic("exited task %d ran again", me->pid);
}

long do_wait4(int pid, int* status_user, int options, int* status_kernel)
{
    constexpr int WNOHANG = 1;
    for (;;) {
        unsigned long flags = spin_lock_irqsave(&sched_lock);
        bool have_child = false;
        task_struct* zombie = nullptr;
        list_for_each_entry(c, &current->group_leader->children, task_struct, sibling) {
            if (pid != -1 && c->pid != pid) continue;
            have_child = true;
            if (c->state == TASK_ZOMBIE && c->signal->live == 0) {
                zombie = c;
                break;
            }
        }
        if (zombie) {
            list_del(&zombie->sibling);
            list_del(&zombie->tasks);
            spin_unlock_irqrestore(&sched_lock, flags);
            while (__atomic_load_n(&zombie->on_cpu, __ATOMIC_ACQUIRE)) cpu_relax();
            const int status = zombie->exit_code, zpid = zombie->pid;
            free_task(zombie);
            if (status_kernel) *status_kernel = status;
            if (status_user && copy_to_user(status_user, &status, sizeof(status))) return -EFAULT;
            return zpid;
        }
        if (signal_pending(current)) {
            spin_unlock_irqrestore(&sched_lock, flags);
            return -EINTR;  // the signal is taken on the way back to user mode
        }
        if (!have_child || (options & WNOHANG)) {
            spin_unlock_irqrestore(&sched_lock, flags);
            return have_child ? 0 : -ECHILD;
        }
        current->state = TASK_INTERRUPTIBLE;
        current->in_wait4 = true;
        spin_unlock_irqrestore(&sched_lock, flags);
        schedule();
        current->in_wait4 = false;
    }
}
