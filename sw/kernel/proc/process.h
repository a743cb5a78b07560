// Process lifetime (Linux kernel/fork.c, kernel/exit.c, fs/exec.c): fork/clone with a
// copy-on-write address space, execve of a program (initramfs or built in), exit with the wait4
// status word, wait4 reaping zombies, and init (pid 1), whose exit stops the machine with its status.
#pragma once

#include "asm/ptrace.h"

struct task_struct;

// Starts pid 1: a task that execs kernel_opts.init on its first return to user mode, or,
// with ktest=NAME, a kernel thread that runs that self-test and stops the machine.
void start_init();
// A kernel thread running fn(arg) in S-mode, a child of the caller; its exit status is fn's
// result as exit code. Placed and started like a forked task, or on hart if it is given and
// online. nullptr without memory.
task_struct* kthread_run(int (*fn)(void*), void* arg, const char* name, int hart = -1);
// A user process, child of the caller, that execs the program name (argv = {name})
// on its first return to user mode, or exits with 127 if it cannot (Linux call_usermodehelper).
task_struct* spawn_user_program(const char* name);
// clone(flags, newsp, ptid, tls, ctid) in RISC-V's argument order: CLONE_VM shares the mm,
// CLONE_FILES the file table; CLONE_SETTLS starts the child with tp = tls,
// CLONE_PARENT_SETTID stores the child's pid at ptid in the caller's memory and
// CLONE_CHILD_SETTID at ctid in the child's (glibc's fork sets its thread's tid so).
// CLONE_THREAD (with CLONE_SIGHAND and CLONE_VM) makes a thread of the caller's group;
// CLONE_CHILD_CLEARTID has the child's exit zero ctid and wake its futex.
long do_fork(pt_regs* regs, unsigned long clone_flags, unsigned long newsp, int* ptid = nullptr,
             unsigned long tls = 0, int* ctid = nullptr);
// Replaces the current process's program with argv and envp (NULL-terminated; envp may be
// nullptr); 0 or -errno (the old program is kept on failure).
long do_execve(const char* name, const char* const argv[], pt_regs* regs, const char* const envp[] = nullptr);
// The calling thread exits; status is a wait4 status word (MEMVP_W_EXITCODE). The process
// ends with its last thread (do_group_exit ends them all).
[[noreturn]] void do_exit(int status);
// status_kernel: for kernel callers, receives the status word too.
long do_wait4(int pid, int* status_user, int options, int* status_kernel = nullptr);
task_struct* find_task_by_pid(int pid);
// The pid given most recently (/proc/loadavg's last field; tasks made since boot, /proc/stat's processes).
int last_pid();
// Frees an exited thread's task and kernel stack (its hart has left the stack).
void release_task(task_struct* t);
