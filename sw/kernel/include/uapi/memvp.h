/* The user/kernel ABI of the memvp guest OS: system call numbers (RISC-V Linux's, from the
 * generic table asm-generic/unistd.h, plus memvp's own from 1024 on), the flags their
 * arguments take (Linux values), and the statistics structure memvp's own calls fill in.
 * Shared by the kernel (sw/kernel) and the user library (sw/lib/libc); C and C++. */
#ifndef MEMVP_UAPI_MEMVP_H
#define MEMVP_UAPI_MEMVP_H

#include <stdint.h>

/* Linux generic syscall numbers (include/uapi/asm-generic/unistd.h), as RISC-V uses them. */
#define __NR_getcwd 17
#define __NR_dup 23
#define __NR_dup3 24
#define __NR_ioctl 29
#define __NR_mkdirat 34
#define __NR_unlinkat 35
#define __NR_ftruncate 46
#define __NR_chdir 49
#define __NR_openat 56
#define __NR_close 57
#define __NR_pipe2 59
#define __NR_getdents64 61
#define __NR_lseek 62
#define __NR_read 63
#define __NR_write 64
#define __NR_readv 65
#define __NR_writev 66
#define __NR_pread64 67
#define __NR_pwrite64 68
#define __NR_readlinkat 78
#define __NR_newfstatat 79
#define __NR_fstat 80
#define __NR_sync 81
#define __NR_fsync 82
#define __NR_fdatasync 83
#define __NR_exit 93
#define __NR_exit_group 94
#define __NR_set_tid_address 96
#define __NR_futex 98
#define __NR_set_robust_list 99
#define __NR_nanosleep 101
#define __NR_clock_gettime 113
#define __NR_clock_getres 114
#define __NR_clock_nanosleep 115
#define __NR_sched_getaffinity 123
#define __NR_sched_yield 124
#define __NR_kill 129
#define __NR_tkill 130
#define __NR_tgkill 131
#define __NR_sigaltstack 132
#define __NR_rt_sigaction 134
#define __NR_rt_sigprocmask 135
#define __NR_rt_sigpending 136
#define __NR_rt_sigreturn 139
#define __NR_times 153
#define __NR_uname 160
#define __NR_getrlimit 163
#define __NR_gettimeofday 169
#define __NR_getpid 172
#define __NR_getppid 173
#define __NR_getuid 174
#define __NR_geteuid 175
#define __NR_getgid 176
#define __NR_getegid 177
#define __NR_gettid 178
#define __NR_sysinfo 179
#define __NR_brk 214
#define __NR_munmap 215
#define __NR_mremap 216
#define __NR_clone 220
#define __NR_execve 221
#define __NR_mmap 222
#define __NR_mprotect 226
#define __NR_msync 227
#define __NR_madvise 233
#define __NR_set_mempolicy 237
#define __NR_wait4 260
#define __NR_prlimit64 261
#define __NR_renameat2 276
#define __NR_getrandom 278
#define __NR_rseq 293

/* memvp's own calls. */
#define __NR_memvp_vmstat 1024        /* (struct memvp_vmstat *out): global counters */
#define __NR_memvp_proc_stat 1025     /* (int pid, struct memvp_proc_stat *out); pid 0 = caller */
#define __NR_memvp_oom_score_adj 1026 /* (int pid, int adj): set, adj in [-1000, 1000]; read: proc_stat */
#define __NR_memvp_buddyinfo 1027     /* (char *buf, size_t len): /proc/buddyinfo text, returns length */
#define __NR_memvp_slabinfo 1028      /* (char *buf, size_t len): /proc/slabinfo text, returns length */
#define __NR_memvp_maps 1029          /* (int pid, char *buf, size_t len): /proc/PID/maps text */
#define __NR_memvp_hartid 1030        /* (): the hart the caller runs on */
#define __NR_memvp_nr_harts 1031      /* (): harts online */
#define __NR_memvp_drop_caches 1032   /* (int what): as writing what to /proc/sys/vm/drop_caches */
#define __NR_memvp_min_free_kbytes 1036 /* (long kbytes): as writing /proc/sys/vm/min_free_kbytes
                                         * (0: read only); returns the value in force */
#define __NR_memvp_hpm_config 1037    /* (unsigned long counter, unsigned long event): the calling
                                       * hart's hpmcounter 3..31 counts the event (docs/core.md
                                       * selector) from 0, readable in U-mode; -EINVAL for another
                                       * counter, -EOPNOTSUPP for an event the hart lacks */
#define __NR_memvp_swapon 1038        /* (const char *path): swapon of a disk "/dev/NAME" formatted by mkswap */
#define __NR_memvp_sysctl 1039        /* (const char *name, long value): as writing /proc/sys/vm/NAME for
                                       * "vm.NAME" (value < 0: read only); returns the value in force */

/* mmap prot and flags (include/uapi/asm-generic/mman-common.h). */
#define PROT_NONE 0x0
#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define PROT_EXEC 0x4
#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_NORESERVE 0x4000
#define MAP_FAILED ((void *)-1)
#define MS_ASYNC 1
#define MS_INVALIDATE 2
#define MS_SYNC 4
#define MADV_NORMAL 0
#define MADV_DONTNEED 4
#define MADV_HUGEPAGE 14
#define MADV_NOHUGEPAGE 15

/* open flags and the *at calls' arguments (include/uapi/asm-generic/fcntl.h, linux/fcntl.h,
 * linux/fs.h); guarded, as a host C library may define them too, with these values. */
#ifndef O_CREAT
#define O_RDONLY 00
#define O_WRONLY 01
#define O_RDWR 02
#define O_CREAT 0100
#define O_EXCL 0200
#define O_TRUNC 01000
#define O_APPEND 02000
#define O_DIRECTORY 0200000
#define O_CLOEXEC 02000000
#endif
#ifndef AT_FDCWD
#define AT_FDCWD (-100)
#define AT_REMOVEDIR 0x200
#define AT_EMPTY_PATH 0x1000
#endif
#ifndef SEEK_SET
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#endif
#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE 1
#endif

/* clone flags (include/uapi/linux/sched.h); fork() is clone(SIGCHLD, 0). */
#define CLONE_VM 0x00000100
#define CLONE_FILES 0x00000400
#define CLONE_SETTLS 0x00080000
#define CLONE_PARENT_SETTID 0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_CHILD_SETTID 0x01000000
#define SIGCHLD 17
#define SIGBUS 7
#define SIGKILL 9
#define SIGSEGV 11

/* set_mempolicy modes (include/uapi/linux/mempolicy.h). */
#define MPOL_DEFAULT 0
#define MPOL_PREFERRED 1
#define MPOL_BIND 2
#define MPOL_INTERLEAVE 3
#define MPOL_LOCAL 4

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1

/* wait4 status words as Linux encodes them (WIFEXITED etc. decode them). */
#define MEMVP_W_EXITCODE(code, sig) (((code) << 8) | (sig))

/* Global memory-management counters (a subset of /proc/vmstat and /proc/meminfo). Pages are
 * 4 KiB pages. */
struct memvp_vmstat {
    uint64_t nr_total_pages;     /* managed by the buddy allocator */
    uint64_t nr_free_pages;
    uint64_t nr_page_table_pages;
    uint64_t nr_slab_pages;
    uint64_t pgfault;            /* page faults handled (all kinds) */
    uint64_t pgmajfault;         /* faults that read their page from disk (file pages not cached) */
    uint64_t zero_page_maps;     /* read faults served by the shared zero page */
    uint64_t cow_copies;         /* pages copied on a write to a COW-shared page */
    uint64_t cow_reuse;          /* write faults on a COW page whose only user takes it over */
    uint64_t thp_fault_alloc;    /* huge-page faults served with a 2 MiB page */
    uint64_t thp_fault_fallback; /* huge-page candidates that fell back to 4 KiB pages */
    uint64_t tlb_shootdowns;     /* IPIs sent to flush other harts' TLBs */
    uint64_t tlb_local_flushes;  /* sfence.vma issued for the local hart */
    uint64_t nr_processes;       /* live processes */
    uint64_t context_switches;
    uint64_t segv_kills;         /* processes killed for a bad access */
    uint64_t oom_kill;           /* processes the OOM killer killed */
    uint64_t nr_buffer_heads;    /* blocks in the buffer cache */
    uint64_t buffer_bytes;       /* Buffers: bytes of block data they hold */
    uint64_t nr_file_pages;      /* Cached: pages of file data in the page cache */
    uint64_t nr_dirty;           /* Dirty: page-cache pages not yet written back */
    uint64_t nr_writeback;       /* Writeback: page-cache pages being written to disk */
    uint64_t nr_dirty_threshold; /* dirty_ratio's limit in pages: writers above it are throttled */
    uint64_t nr_dirty_background_threshold; /* dirty_background_ratio's: the flusher starts above it */
    uint64_t nr_mapped;          /* Mapped: page-cache pages mapped into at least one process */
    /* Reclaim (mm/vmscan.cpp): the LRU lists' sizes, MemAvailable, and /proc/vmstat's events. */
    uint64_t nr_active_anon;     /* Active(anon) */
    uint64_t nr_inactive_anon;   /* Inactive(anon) */
    uint64_t nr_active_file;     /* Active(file) */
    uint64_t nr_inactive_file;   /* Inactive(file) */
    uint64_t nr_mem_available;   /* MemAvailable: Linux's si_mem_available estimate */
    uint64_t pgscan_kswapd;      /* inactive-list pages kswapd looked at */
    uint64_t pgscan_direct;      /* inactive-list pages direct reclaim looked at */
    uint64_t pgsteal_kswapd;     /* pages kswapd freed */
    uint64_t pgsteal_direct;     /* pages direct reclaim freed */
    uint64_t pgrefill;           /* active-list pages looked at for deactivation */
    uint64_t pgactivate;         /* pages moved to an active list */
    uint64_t pgdeactivate;       /* pages moved to an inactive list */
    uint64_t nr_vmscan_write;    /* dirty pages reclaim started writing back */
    uint64_t allocstall;         /* allocations that reclaimed directly */
    uint64_t allocstall_cycles;  /* cycles (rdcycle) those allocations spent reclaiming */
    uint64_t pageoutrun;         /* kswapd balancing runs (one per wakeup that found work) */
    uint64_t workingset_refault_file;  /* reclaimed file pages read again */
    uint64_t workingset_activate_file; /* of those, close enough to start active */
    uint64_t workingset_restore_file;  /* of those, active before they were reclaimed */
    uint64_t pgpgin;             /* KiB read from block devices (Linux counts them in submit_bio) */
    uint64_t pgpgout;            /* KiB written to block devices */
    /* NUMA placement (Linux zone_statistics, summed over nodes) and node reclaim
     * (vm.zone_reclaim_mode, docs/reclaim.md). */
    uint64_t numa_hit;           /* page allocations served by the node they preferred */
    uint64_t numa_miss;          /* served by another node (each is a numa_foreign of the preferred one) */
    uint64_t numa_foreign;       /* preferred a node that could not serve them */
    uint64_t numa_local;         /* served by the allocating hart's own node */
    uint64_t numa_other;         /* served by another node than the allocating hart's */
    uint64_t node_reclaim;       /* node reclaim passes run before falling back to another node */
    uint64_t zone_reclaim_failed; /* of those, passes that freed nothing */
    /* Swap (mm/swapfile.cpp, mm/swap_state.cpp, docs/reclaim.md). */
    uint64_t nr_swap_total;      /* SwapTotal: usable slots of the swap devices */
    uint64_t nr_swap_free;       /* SwapFree: of those, slots no entry or cached page holds */
    uint64_t nr_swapcached;      /* SwapCached: pages in the swap cache */
    uint64_t pswpin;             /* pages read from swap */
    uint64_t pswpout;            /* pages written to swap */
    /* Reclaim by list type (Linux 5.8's pgscan_anon/file, pgsteal_anon/file): the same pages as
     * pgscan_* and pgsteal_*, split by the inactive list they came from. */
    uint64_t pgscan_anon;
    uint64_t pgscan_file;
    uint64_t pgsteal_anon;
    uint64_t pgsteal_file;
    /* Overcommit accounting (mm/overcommit.h, vm.overcommit_memory). */
    uint64_t nr_commit_limit;    /* CommitLimit: RAM x overcommit_ratio / 100 + swap */
    uint64_t nr_committed_as;    /* Committed_AS: pages charged by private writable mappings */
    /* Swap readahead (mm/swap_readahead.cpp, vm.page-cluster). */
    uint64_t swap_ra;            /* pages read from swap ahead of a fault */
    uint64_t swap_ra_hit;        /* of those, pages a fault then found in the swap cache */
    /* Workingset detection for anonymous pages (Linux 5.9, mm/workingset.cpp). */
    uint64_t workingset_refault_anon;  /* swapped-out pages read back whose shadow was kept */
    uint64_t workingset_activate_anon; /* of those, close enough to start active */
    uint64_t workingset_restore_anon;  /* of those, active before they were reclaimed */
};

/* One process's memory figures (as /proc/PID/status and /proc/PID/stat report them). */
struct memvp_proc_stat {
    int32_t pid;
    int32_t ppid;
    int32_t oom_score_adj;
    int32_t last_hart;           /* hart it last ran on */
    uint64_t vm_size_pages;      /* VmSize: pages in all VMAs */
    uint64_t rss_pages;          /* VmRSS: pages mapped (a 2 MiB page counts 512) */
    uint64_t rss_zero_pages;     /* mappings of the shared zero page (not in rss) */
    uint64_t page_table_pages;   /* page-table pages of its address space, root included */
    uint64_t min_flt;            /* minor faults */
    uint64_t thp_pages;          /* 2 MiB pages mapped */
    uint64_t start_brk, brk;     /* heap */
    uint64_t mmap_base;          /* top of the mmap area, which grows down */
    uint64_t stack_top;
    int64_t oom_score;           /* /proc/PID/oom_score: (1000 + oom_badness * 1000 / totalpages)
                                    * 2 / 3; 0 if never chosen */
    int64_t oom_badness;         /* the points the OOM killer gives it now; INT64_MIN: never chosen */
    uint64_t oom_totalpages;     /* the memory oom_badness scales oom_score_adj by: RAM + swap pages */
    uint64_t maj_flt;            /* major faults: those that read their page from disk */
};

#endif
