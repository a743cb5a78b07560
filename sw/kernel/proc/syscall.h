// The system-call table (RISC-V Linux ABI: a7 = number, a0..a5 arguments, a0 = result or
// -errno), numbers from uapi/memvp.h.
#pragma once

#include "asm/ptrace.h"

void do_syscall(pt_regs* regs);

// The figures memvp's calls and /proc (fs/proc) share.
struct memvp_vmstat;
struct memvp_proc_stat;
struct task_struct;
// Global counters: vm_events and the allocator's, LRU and writeback figures of now.
void vm_stat_snapshot(memvp_vmstat* st);
// One process's memory figures and OOM score (pid 0: the caller); 0 or -ESRCH.
int proc_stat_snapshot(int pid, memvp_proc_stat* st);
// oom_score_adj of pid (0: the caller) in [-1000, 1000]; 0, -EINVAL or -ESRCH.
long set_oom_score_adj(int pid, int adj);
// The task of pid (0: current); call with sched_lock held.
task_struct* task_of(int pid);
