// The identity, limit and system-information calls of Linux kernel/sys.c and the thread
// bookkeeping calls glibc's start-up makes (kernel/fork.c set_tid_address, kernel/futex
// set_robust_list), with Linux's numbers, structures and errno values.
#pragma once

// uname(2): sysname "Linux" (the ABI the calls follow), nodename "memvp", release
// "6.1.0-memvp", machine "riscv64".
long sys_uname(void* ubuf);
// prlimit64(pid, resource, new, old) for the caller or pid 0: the limits are fixed, so old is
// filled (RLIMIT_STACK 8 MiB soft, as the stack VMA; RLIMIT_NOFILE the file table's size;
// others RLIM_INFINITY) and a new one is -EPERM. -EINVAL for resource >= 16, -ESRCH for
// another pid.
long sys_prlimit64(int pid, unsigned resource, const void* unew, void* uold);
// sysinfo(2): uptime, RAM and swap in bytes (mem_unit 1), processes; the loads are 0.
long sys_sysinfo(void* uinfo);
// set_tid_address(tidptr): the caller's tid; at its exit the kernel zeroes *tidptr and wakes
// its futex (as CLONE_CHILD_CLEARTID).
long sys_set_tid_address(int* utidptr);
// set_robust_list(head, len): 0 for a head of Linux's size (24 bytes), else -EINVAL; the list
// is not walked at exit (a thread dying with a robust mutex held leaves it locked).
long sys_set_robust_list(const void* uhead, unsigned long len);
