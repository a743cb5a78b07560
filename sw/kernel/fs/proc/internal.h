// The proc file system's pieces (Linux fs/proc/internal.h): a table of entries per directory,
// each file's text made by a show function into a seq_buf when the file is opened (the
// snapshot every read of that open file then sees, as Linux's seq_file keeps its buffer), and
// the writes of the sysctl files parsed as proc_dointvec_minmax does.
#pragma once

#include "fs/file.h"
#include "kernel/seq_buf.h"

// What a proc inode shows: one entry of a directory's table, for pid when under /proc/PID.
struct proc_entry {
    const char* name;
    umode_t mode;                                   // S_IFREG | 0444 etc.
    int (*show)(seq_buf* m, int pid);               // regular file: its text; 0 or -errno (-ESRCH)
    long (*write)(int pid, const char* buf, size_t len);  // accepted bytes or -errno; nullptr: -EIO
    const proc_entry* children;                     // directory: its table, ended by a null name
};

// proc inode numbers: 1 the root, fixed entries from PROC_FIXED_INO, a process's directory and
// files at (pid << PROC_PID_SHIFT) + index, above every fixed number.
inline constexpr unsigned long PROC_ROOT_INO = 1;
inline constexpr unsigned PROC_PID_SHIFT = 8;

// The tables (fs/proc/root.cpp): the top level's fixed entries, /proc/PID's, /proc/sys's.
extern const proc_entry proc_root_entries[];
extern const proc_entry proc_pid_entries[];

// fs/proc/meminfo.cpp, vmstat.cpp, stat.cpp: the global files.
int meminfo_show(seq_buf* m, int);
int vmstat_show(seq_buf* m, int);
int buddyinfo_show(seq_buf* m, int);
int slabinfo_show(seq_buf* m, int);
int zoneinfo_show(seq_buf* m, int);
int stat_show(seq_buf* m, int);
int loadavg_show(seq_buf* m, int);
int uptime_show(seq_buf* m, int);

// fs/proc/array.cpp, task_mmu.cpp: a process's files.
int proc_pid_stat_show(seq_buf* m, int pid);
int proc_pid_statm_show(seq_buf* m, int pid);
int proc_pid_status_show(seq_buf* m, int pid);
int proc_pid_cmdline_show(seq_buf* m, int pid);
int proc_oom_score_show(seq_buf* m, int pid);
int proc_oom_score_adj_show(seq_buf* m, int pid);
long proc_oom_score_adj_write(int pid, const char* buf, size_t len);
int proc_pid_maps_show(seq_buf* m, int pid);
int proc_pid_smaps_rollup_show(seq_buf* m, int pid);

// fs/proc/proc_sysctl.cpp: /proc/sys/vm.
extern const proc_entry proc_sys_entries[];
// A decimal integer as proc_dointvec reads one: blanks, an optional '-', digits, then
// nothing but blanks and one newline; -EINVAL otherwise.
long proc_parse_long(const char* buf, size_t len, long* out);

// Time since boot in USER_HZ ticks (Linux's clock_t for /proc: 100 per second).
inline constexpr unsigned long USER_HZ = 100;
unsigned long uptime_ticks(unsigned long* idle_ticks);
// The figures of one live process (pid > 0); false when there is none.
struct task_struct;
