// Signals (Linux kernel/signal.c, arch/riscv/kernel/signal.c): per-thread and per-process
// pending sets, a blocked mask per thread, actions shared by the thread group, delivery on the
// way back to U-mode through a frame on the user stack (or the alternate stack) that
// rt_sigreturn unwinds, and the default actions. Stop signals (SIGSTOP, SIGTSTP, SIGTTIN,
// SIGTTOU) are ignored by default (there is no job control); SIGCHLD is not sent at a child's
// exit; an interrupted wait4 or futex wait returns -EINTR whatever SA_RESTART says, and
// nanosleep is not cut short.
#pragma once

#include "asm/ptrace.h"
#include "kernel/list.h"
#include "kernel/types.h"

struct task_struct;

inline constexpr int NSIG = 64;

// What a pending signal carries into its siginfo_t: si_code, the sender's tgid (kill, tkill)
// or the fault address (SIGSEGV, SIGBUS).
struct sig_info {
    int code;
    int pid;
    unsigned long addr;
};

struct k_sigaction {
    unsigned long handler;  // SIG_DFL 0, SIG_IGN 1, or the user function
    unsigned long flags;    // SA_*
    u64 mask;               // blocked while the handler runs
};

// A thread group's shared state (Linux signal_struct and sighand_struct in one): the tasks
// holding it, the threads not yet exited, a group exit in progress, process-directed pending
// signals and the actions.
struct signal_struct {
    int count;
    int live;
    bool group_exit;
    int group_exit_code;      // wait4 status word of the group exit
    list_head threads;        // every thread of the group, through task_struct::thread_node
    u64 shared_pending;
    sig_info shared_info[NSIG];
    k_sigaction action[NSIG];
};

// A new thread group's shared state for t (count 1, live 1, t its only thread), with the
// actions copied from `from` (fork) or all default (nullptr). false without memory.
bool signal_init(task_struct* t, const task_struct* from);
void signal_put(signal_struct* sig);  // drops one task's reference; the last frees it
// exec (Linux flush_signal_handlers): handled signals go back to the default action, ignored
// ones stay ignored; the alternate stack is forgotten.
void flush_signal_handlers(task_struct* t);

// A signal is pending that the task does not block, or the task is being killed.
bool signal_pending(const task_struct* t);
// kill(pid, sig) to a process, tkill(tid, sig) / tgkill(tgid, tid, sig) to one thread; sig 0
// checks the target only. 0, -EINVAL, -ESRCH.
long do_kill(int pid, int sig);
long do_tkill(int tgid, int tid, int sig);
// A synchronous fault signal for the current task (Linux force_sig_fault): true if a handler
// will receive it; false if the default action applies (the caller kills as before).
bool force_sig_fault(int sig, int code, unsigned long addr);
// The whole thread group exits with the wait4 status word (Linux do_group_exit).
[[noreturn]] void do_group_exit(int status);
// On the way back to U-mode: die if killed, else deliver the first pending unblocked signal.
void do_signal(pt_regs* regs);

long sys_rt_sigaction(int sig, const void* uact, void* uoact, unsigned long sigsetsize);
long sys_rt_sigprocmask(int how, const u64* uset, u64* uoset, unsigned long sigsetsize);
long sys_rt_sigpending(u64* uset, unsigned long sigsetsize);
long sys_sigaltstack(const void* uss, void* uoss, const pt_regs* regs);
// Restores the registers, FP state, mask and alternate stack of the frame at regs->sp; the
// restored a0 (or a kill of the process on a bad frame).
long sys_rt_sigreturn(pt_regs* regs);
