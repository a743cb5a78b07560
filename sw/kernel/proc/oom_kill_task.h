// The OOM killer's task side (Linux mm/oom_kill.c out_of_memory, oom_kill_process, the
// oom_reaper): plugged into the page allocator's slow path at boot; which tasks are never
// chosen and the memory oom_score_adj scales by, for /proc/PID/oom_score (memvp_proc_stat).
// The policy (badness, selection, log lines) is mm/oom.h.
#pragma once

#include "mm/oom.h"

struct task_struct;

// Registers out_of_memory with the page allocator (after sched_init: it needs current).
void oom_init();
// Linux oom_unkillable_task: kernel threads and init (pid 1) are never chosen.
bool oom_unkillable_task(const task_struct* t);
// The memory an allocation may use: RAM managed by the buddy allocator plus swap (none yet).
unsigned long oom_totalpages();
