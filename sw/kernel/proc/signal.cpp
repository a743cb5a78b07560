// Signals (proc/signal.h). Pending sets, masks and actions are guarded by sched_lock, as the
// task list and thread groups are.
#include "proc/signal.h"

#include "asm/cacheflush.h"
#include "asm/smp.h"
#include "asm/switch_to.h"
#include "asm/uaccess.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "mm/mm.h"
#include "mm/slab.h"
#include "mm/vm_event.h"
#include "proc/process.h"
#include "proc/sched.h"

namespace {

// Linux's numbers and flags (include/uapi/asm-generic/signal.h, signal-defs.h, siginfo.h).
constexpr int SIGCONT = 18, SIGSTOP = 19, SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22, SIGURG = 23, SIGWINCH = 28;
constexpr unsigned long SIG_DFL = 0, SIG_IGN = 1;
constexpr unsigned long SA_ONSTACK = 0x08000000, SA_NODEFER = 0x40000000, SA_RESETHAND = 0x80000000;
constexpr int SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;
constexpr int SS_ONSTACK = 1, SS_DISABLE = 2;
constexpr unsigned long MINSIGSTKSZ = 2048;
constexpr int SI_USER = 0, SI_TKILL = -6;
constexpr int NR_RT_SIGRETURN = 139;

constexpr u64 sigmask(int sig) { return 1ULL << (sig - 1); }
constexpr u64 UNBLOCKABLE = sigmask(SIGKILL) | sigmask(SIGSTOP);

bool sig_ignored_by_default(int sig)
{
    return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT || sig == SIGSTOP ||
           sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

// The default action ends the process: everything but the ignored and stop signals.
bool sig_fatal(const signal_struct* s, int sig)
{
    const k_sigaction& ka = s->action[sig - 1];
    return sig == SIGKILL || (ka.handler == SIG_DFL && !sig_ignored_by_default(sig));
}

// User-space structures: struct sigaction without sa_restorer (RISC-V has none), stack_t, and
// the signal frame (arch/riscv/kernel/signal.c struct rt_sigframe, uapi/asm/ucontext.h,
// sigcontext.h): siginfo_t, then ucontext with uc_mcontext at offset 176 holding pc, x1..x31
// and the F/D state in the 528-byte union __riscv_fp_state (f[32] and fcsr first).
struct user_sigaction {
    unsigned long handler, flags;
    u64 mask;
};
struct user_stack {
    unsigned long ss_sp;
    int ss_flags;
    unsigned long ss_size;
};
struct user_siginfo {
    int si_signo, si_errno, si_code, pad;
    unsigned long field0;  // si_pid and si_uid, or si_addr
    unsigned long rest[13];
};
static_assert(sizeof(user_siginfo) == 128);
struct user_ucontext {
    unsigned long uc_flags, uc_link;
    user_stack uc_stack;
    u64 uc_sigmask;
    u8 unused[1024 / 8 - sizeof(u64)];
    struct alignas(16) sigcontext {
        unsigned long regs[32];  // sc_regs: pc, x1..x31
        alignas(16) unsigned long long f[64];
        unsigned fcsr, reserved[3];
    } mc;
};
static_assert(__builtin_offsetof(user_ucontext, mc) == 176 && sizeof(user_ucontext::sigcontext) == 256 + 528);
struct rt_sigframe {
    user_siginfo info;
    user_ucontext uc;
};

// The user page holding `li a7, 139; ecall` (Linux's vDSO __vdso_rt_sigreturn), mapped at the
// first handler's installation; the address, or 0 without memory.
unsigned long sigreturn_trampoline(mm_struct* mm)
{
    if (mm->sigpage) return mm->sigpage;
    const unsigned long page = do_mmap(mm, 0, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
    if (IS_ERR_VALUE(page)) return 0;
    const u32 code[2] = {0x08b00893u /* addi a7, zero, 139 */, 0x00000073u /* ecall */};
    static_assert(NR_RT_SIGRETURN == 139);
    if (copy_to_user(reinterpret_cast<void*>(page), code, sizeof(code)) ||
        do_mprotect(mm, page, PAGE_SIZE, PROT_READ | PROT_EXEC)) {
        do_munmap(mm, page, PAGE_SIZE);
        return 0;
    }
    flush_icache_all_lazy();
    mm->sigpage = page;
    return page;
}

bool on_sig_stack(const task_struct* t, unsigned long sp)
{
    return t->sas_ss_size && sp > t->sas_ss_sp && sp - t->sas_ss_sp <= t->sas_ss_size;
}

// Makes t notice a signal: woken if it sleeps interruptibly, interrupted if it runs on another
// hart; sched_lock held.
void kick_task_locked(task_struct* t)
{
    set_tsk_sigpending(t);
    if (t->state == TASK_INTERRUPTIBLE) wake_up_process_locked(t);
    else if (runqueues[t->ti.cpu].curr == t && unsigned(t->ti.cpu) != smp_processor_id())
        send_ipi_reschedule(unsigned(t->ti.cpu));
}

// Queues sig on t (or, shared, on its thread group) and wakes a thread that will take it;
// sched_lock held. A signal whose action ends the process kills every thread at once (Linux
// complete_signal's group kill).
void send_signal_locked(task_struct* t, int sig, const sig_info& info, bool shared)
{
    signal_struct* s = t->signal;
    if (sig_fatal(s, sig) && (sig == SIGKILL || !(t->blocked & sigmask(sig)))) {
        if (!s->group_exit) {
            s->group_exit = true;
            s->group_exit_code = MEMVP_W_EXITCODE(0, sig);
        }
        list_for_each_entry(th, &s->threads, task_struct, thread_node) {
            th->pending_kill = sig;
            kick_task_locked(th);
        }
        return;
    }
    const k_sigaction& ka = s->action[sig - 1];
    if (ka.handler == SIG_IGN || (ka.handler == SIG_DFL && sig_ignored_by_default(sig))) return;
    if (shared) {
        s->shared_pending |= sigmask(sig);
        s->shared_info[sig - 1] = info;
        // Every thread looks (whichever unblocks it first takes it); one not blocking it is kicked.
        bool kicked = false;
        list_for_each_entry(th, &s->threads, task_struct, thread_node) {
            set_tsk_sigpending(th);
            if (!kicked && !(th->blocked & sigmask(sig))) kick_task_locked(th), kicked = true;
        }
    } else {
        t->pending |= sigmask(sig);
        t->pending_info[sig - 1] = info;
        if (!(t->blocked & sigmask(sig))) kick_task_locked(t);
    }
}

// The lowest pending unblocked signal of the current task, taken off its set; 0 if none.
int dequeue_signal(task_struct* me, sig_info* info)
{
    const u64 mine = me->pending & ~me->blocked, group = me->signal->shared_pending & ~me->blocked;
    if (!mine && !group) return 0;
    const bool own = mine && (!group || __builtin_ctzll(mine) <= __builtin_ctzll(group));
    const int sig = __builtin_ctzll(own ? mine : group) + 1;
    if (own) me->pending &= ~sigmask(sig), *info = me->pending_info[sig - 1];
    else me->signal->shared_pending &= ~sigmask(sig), *info = me->signal->shared_info[sig - 1];
    return sig;
}

// Builds the frame and points the registers at the handler (Linux setup_rt_frame); false if
// the frame cannot be written.
bool setup_rt_frame(int sig, const k_sigaction& ka, const sig_info& si, u64 oldmask, pt_regs* regs)
{
    task_struct* me = current;
    const unsigned long trampoline = sigreturn_trampoline(me->mm);
    if (!trampoline) return false;
    unsigned long sp = regs->sp;
    const bool was_on_stack = on_sig_stack(me, sp);
    if ((ka.flags & SA_ONSTACK) && me->sas_ss_size && !was_on_stack) sp = me->sas_ss_sp + me->sas_ss_size;
    sp = (sp - sizeof(rt_sigframe)) & ~15UL;
    rt_sigframe* frame = static_cast<rt_sigframe*>(kzalloc(sizeof(rt_sigframe), GFP_KERNEL));
    if (!frame) return false;
    frame->info.si_signo = sig;
    frame->info.si_code = si.code;
    frame->info.field0 = si.addr ? si.addr : unsigned(si.pid);
    frame->uc.uc_stack.ss_sp = me->sas_ss_sp;
    frame->uc.uc_stack.ss_size = me->sas_ss_size;
    frame->uc.uc_stack.ss_flags = !me->sas_ss_size ? SS_DISABLE : was_on_stack ? SS_ONSTACK : 0;
    frame->uc.uc_sigmask = oldmask;
    __builtin_memcpy(frame->uc.mc.regs, regs, sizeof(frame->uc.mc.regs));
    if (has_fpu()) {
        fstate_save(&me->thread.fstate, regs);
        __builtin_memcpy(frame->uc.mc.f, me->thread.fstate.f, sizeof(me->thread.fstate.f));
        frame->uc.mc.fcsr = me->thread.fstate.fcsr;
    }
    const bool bad = copy_to_user(reinterpret_cast<void*>(sp), frame, sizeof(*frame));
    kfree(frame);
    if (bad) return false;
    regs->epc = ka.handler;
    regs->ra = trampoline;
    regs->sp = sp;
    regs->a0 = unsigned(sig);
    regs->a1 = sp + __builtin_offsetof(rt_sigframe, info);
    regs->a2 = sp + __builtin_offsetof(rt_sigframe, uc);
    flush_icache_if_stale();
    return true;
}

}  // namespace

bool signal_init(task_struct* t, const task_struct* from)
{
    signal_struct* s = static_cast<signal_struct*>(kzalloc(sizeof(signal_struct), GFP_KERNEL));
    if (!s) return false;
    s->count = s->live = 1;
    INIT_LIST_HEAD(&s->threads);
    list_add_tail(&t->thread_node, &s->threads);
    if (from && from->signal) __builtin_memcpy(s->action, from->signal->action, sizeof(s->action));
    t->signal = s;
    return true;
}

void signal_put(signal_struct* s)
{
    unsigned long flags = spin_lock_irqsave(&sched_lock);
    const bool last = --s->count == 0;
    spin_unlock_irqrestore(&sched_lock, flags);
    if (last) kfree(s);
}

void flush_signal_handlers(task_struct* t)
{
    unsigned long flags = spin_lock_irqsave(&sched_lock);
    for (k_sigaction& ka : t->signal->action)
        if (ka.handler != SIG_IGN) ka = k_sigaction{};
    t->sas_ss_sp = t->sas_ss_size = 0;
    spin_unlock_irqrestore(&sched_lock, flags);
}

bool signal_pending(const task_struct* t)
{
    return t->pending_kill || (t->pending & ~t->blocked) || (t->signal && (t->signal->shared_pending & ~t->blocked));
}

long do_kill(int pid, int sig)
{
    if (sig < 0 || sig > NSIG) return -EINVAL;
    unsigned long flags = spin_lock_irqsave(&sched_lock);
    task_struct* t = find_task_by_pid(pid);
    if (t && t->signal) t = t->group_leader;  // a thread's tid names its process, as on Linux
    if (t && t->signal && t->signal->live == 0) t = nullptr;
    // A leader that has exited while its threads run: the signal goes to a live thread.
    if (t && t->state == TASK_ZOMBIE)
        t = list_empty(&t->signal->threads) ? nullptr : list_first_entry(&t->signal->threads, task_struct, thread_node);
    if (!t || t->is_idle || !t->signal) {
        spin_unlock_irqrestore(&sched_lock, flags);
        return -ESRCH;
    }
    if (sig) send_signal_locked(t, sig, sig_info{SI_USER, current->tgid, 0}, true);
    spin_unlock_irqrestore(&sched_lock, flags);
    return 0;
}

long do_tkill(int tgid, int tid, int sig)
{
    if (sig < 0 || sig > NSIG || tid <= 0) return -EINVAL;
    unsigned long flags = spin_lock_irqsave(&sched_lock);
    task_struct* t = find_task_by_pid(tid);
    if (t && (t->is_idle || !t->signal || t->state == TASK_ZOMBIE || (tgid > 0 && t->tgid != tgid))) t = nullptr;
    if (!t) {
        spin_unlock_irqrestore(&sched_lock, flags);
        return -ESRCH;
    }
    if (sig) send_signal_locked(t, sig, sig_info{SI_TKILL, current->tgid, 0}, false);
    spin_unlock_irqrestore(&sched_lock, flags);
    return 0;
}

bool force_sig_fault(int sig, int code, unsigned long addr)
{
    task_struct* me = current;
    unsigned long flags = spin_lock_irqsave(&sched_lock);
    const k_sigaction& ka = me->signal->action[sig - 1];
    const bool handled = ka.handler != SIG_DFL && ka.handler != SIG_IGN && !(me->blocked & sigmask(sig));
    if (handled) {
        me->pending |= sigmask(sig);
        me->pending_info[sig - 1] = sig_info{code, 0, addr};
        set_tsk_sigpending(me);
    }
    spin_unlock_irqrestore(&sched_lock, flags);
    return handled;
}

void do_group_exit(int status)
{
    task_struct* me = current;
    unsigned long flags = spin_lock_irqsave(&sched_lock);
    signal_struct* s = me->signal;
    if (!s->group_exit) {
        s->group_exit = true;
        s->group_exit_code = status;
        list_for_each_entry(th, &s->threads, task_struct, thread_node) if (th != me) {
            th->pending_kill = SIGKILL;
            kick_task_locked(th);
        }
    }
    status = s->group_exit_code;
    spin_unlock_irqrestore(&sched_lock, flags);
    do_exit(status);
}

void do_signal(pt_regs* regs)
{
    task_struct* me = current;
    if (!(me->ti.flags & TIF_SIGPENDING)) return;
    for (;;) {
        if (me->pending_kill) {
            if (me->signal->group_exit) do_exit(me->signal->group_exit_code);
            do_group_exit(MEMVP_W_EXITCODE(0, me->pending_kill));
        }
        unsigned long flags = spin_lock_irqsave(&sched_lock);
        sig_info info{};
        const int sig = dequeue_signal(me, &info);
        if (!sig) {
            // Nothing to take: senders set the flag again under this lock (Linux recalc_sigpending).
            if (!signal_pending(me)) clear_tsk_sigpending(me);
            spin_unlock_irqrestore(&sched_lock, flags);
            return;
        }
        k_sigaction ka = me->signal->action[sig - 1];
        const u64 oldmask = me->blocked;
        if (ka.handler == SIG_IGN || (ka.handler == SIG_DFL && sig_ignored_by_default(sig))) {
            spin_unlock_irqrestore(&sched_lock, flags);
            continue;
        }
        if (ka.handler == SIG_DFL) {
            spin_unlock_irqrestore(&sched_lock, flags);
            do_group_exit(MEMVP_W_EXITCODE(0, sig));
        }
        if (ka.flags & SA_RESETHAND) me->signal->action[sig - 1].handler = SIG_DFL;
        me->blocked |= ka.mask & ~UNBLOCKABLE;
        if (!(ka.flags & SA_NODEFER)) me->blocked |= sigmask(sig);
        spin_unlock_irqrestore(&sched_lock, flags);
        if (!setup_rt_frame(sig, ka, info, oldmask, regs)) {
            printk("%s[%d]: cannot write the frame of signal %d at sp %lx\n", me->comm, me->pid, sig, regs->sp);
            do_group_exit(MEMVP_W_EXITCODE(0, SIGSEGV));
        }
        return;  // one handler at a time; others pending are delivered on its way back
    }
}

long sys_rt_sigaction(int sig, const void* uact, void* uoact, unsigned long sigsetsize)
{
    if (sigsetsize != sizeof(u64)) return -EINVAL;
    if (sig < 1 || sig > NSIG) return -EINVAL;
    user_sigaction act{};
    if (uact && copy_from_user(&act, uact, sizeof(act))) return -EFAULT;
    if (uact && (sig == SIGKILL || sig == SIGSTOP)) return -EINVAL;
    task_struct* me = current;
    if (uact && act.handler > SIG_IGN && !sigreturn_trampoline(me->mm)) return -ENOMEM;
    unsigned long flags = spin_lock_irqsave(&sched_lock);
    k_sigaction& ka = me->signal->action[sig - 1];
    const user_sigaction old{ka.handler, ka.flags, ka.mask};
    if (uact) {
        ka = k_sigaction{act.handler, act.flags, act.mask & ~UNBLOCKABLE};
        // Linux: setting SIG_IGN (or SIG_DFL for an ignored-by-default signal) discards it.
        if (act.handler == SIG_IGN || (act.handler == SIG_DFL && sig_ignored_by_default(sig))) {
            me->signal->shared_pending &= ~sigmask(sig);
            list_for_each_entry(th, &me->signal->threads, task_struct, thread_node) th->pending &= ~sigmask(sig);
        }
    }
    spin_unlock_irqrestore(&sched_lock, flags);
    if (uoact && copy_to_user(uoact, &old, sizeof(old))) return -EFAULT;
    return 0;
}

long sys_rt_sigprocmask(int how, const u64* uset, u64* uoset, unsigned long sigsetsize)
{
    if (sigsetsize != sizeof(u64)) return -EINVAL;
    u64 set = 0;
    if (uset && copy_from_user(&set, uset, sizeof(set))) return -EFAULT;
    task_struct* me = current;
    const u64 old = me->blocked;
    if (uset) {
        if (how != SIG_BLOCK && how != SIG_UNBLOCK && how != SIG_SETMASK) return -EINVAL;
        const u64 now = how == SIG_BLOCK ? old | set : how == SIG_UNBLOCK ? old & ~set : set;
        unsigned long flags = spin_lock_irqsave(&sched_lock);
        me->blocked = now & ~UNBLOCKABLE;
        set_tsk_sigpending(me);  // what it unblocked is taken on the way back
        spin_unlock_irqrestore(&sched_lock, flags);
    }
    if (uoset && copy_to_user(uoset, &old, sizeof(old))) return -EFAULT;
    return 0;
}

long sys_rt_sigpending(u64* uset, unsigned long sigsetsize)
{
    if (sigsetsize > sizeof(u64)) return -EINVAL;
    task_struct* me = current;
    const u64 set = (me->pending | me->signal->shared_pending) & me->blocked;
    return copy_to_user(uset, &set, sigsetsize) ? -EFAULT : 0;
}

long sys_sigaltstack(const void* uss, void* uoss, const pt_regs* regs)
{
    task_struct* me = current;
    const bool on_stack = on_sig_stack(me, regs->sp);
    const user_stack old{me->sas_ss_sp, !me->sas_ss_size ? SS_DISABLE : on_stack ? SS_ONSTACK : 0, me->sas_ss_size};
    if (uss) {
        user_stack ss;
        if (copy_from_user(&ss, uss, sizeof(ss))) return -EFAULT;
        if (on_stack) return -EPERM;
        if (ss.ss_flags != 0 && ss.ss_flags != SS_DISABLE && ss.ss_flags != SS_ONSTACK) return -EINVAL;
        if (ss.ss_flags == SS_DISABLE) {
            me->sas_ss_sp = me->sas_ss_size = 0;
        } else {
            if (ss.ss_size < MINSIGSTKSZ) return -ENOMEM;
            me->sas_ss_sp = ss.ss_sp;
            me->sas_ss_size = ss.ss_size;
        }
    }
    if (uoss && copy_to_user(uoss, &old, sizeof(old))) return -EFAULT;
    return 0;
}

long sys_rt_sigreturn(pt_regs* regs)
{
    task_struct* me = current;
    const unsigned long sp = regs->sp;
    rt_sigframe* frame = static_cast<rt_sigframe*>(kmalloc(sizeof(rt_sigframe), GFP_KERNEL));
    if (!frame) do_group_exit(MEMVP_W_EXITCODE(0, SIGKILL));
    if ((sp & 15) || copy_from_user(frame, reinterpret_cast<void*>(sp), sizeof(*frame))) {
        kfree(frame);
        printk("%s[%d]: bad signal frame at %lx\n", me->comm, me->pid, sp);
        do_group_exit(MEMVP_W_EXITCODE(0, SIGSEGV));
    }
    __builtin_memcpy(regs, frame->uc.mc.regs, sizeof(frame->uc.mc.regs));
    unsigned long flags = spin_lock_irqsave(&sched_lock);
    me->blocked = frame->uc.uc_sigmask & ~UNBLOCKABLE;
    set_tsk_sigpending(me);
    spin_unlock_irqrestore(&sched_lock, flags);
    if (has_fpu()) {
        __builtin_memcpy(me->thread.fstate.f, frame->uc.mc.f, sizeof(me->thread.fstate.f));
        me->thread.fstate.fcsr = frame->uc.mc.fcsr;
        fstate_restore(&me->thread.fstate, regs);
    }
    // The frame's uc_stack restores the alternate stack (Linux restore_altstack), when allowed.
    const user_stack& ss = frame->uc.uc_stack;
    if (!on_sig_stack(me, regs->sp)) {
        if (ss.ss_flags == SS_DISABLE) me->sas_ss_sp = me->sas_ss_size = 0;
        else if (ss.ss_size >= MINSIGSTKSZ) me->sas_ss_sp = ss.ss_sp, me->sas_ss_size = ss.ss_size;
    }
    kfree(frame);
    return long(regs->a0);
}
