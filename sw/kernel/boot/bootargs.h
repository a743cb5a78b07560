// Kernel options from /chosen/bootargs: init=NAME (the program run as pid 1), mmu=sv39|sv48,
// thp=always|madvise|never, asid=on|off, clear_young_flush=on|off (mm/rmap.h),
// ktest=NAME (a kernel self-test instead of init),
// root=/dev/NAME (the disk whose ext2 file system is mounted as /) with ro (default) or rw,
// swap=/dev/NAME (a disk formatted by mkswap, enabled as swap after root is mounted).
// Other words without '=' are passed to init as its arguments (as Linux passes unknown words).
#pragma once

#include "boot/boot_params.h"

inline constexpr int INIT_MAX_ARGS = 16;

enum thp_option : u8 { THP_OPT_ALWAYS, THP_OPT_MADVISE, THP_OPT_NEVER };

struct kernel_options {
    char words[BOOTARGS_MAX];    // bootargs with NULs between words; argv points in here
    const char* init;            // "init" by default
    int mmu_levels;              // 3 = Sv39 (default), 4 = Sv48
    thp_option thp;              // madvise by default (Linux's default)
    bool asid;                   // true by default
    bool clear_young_flush;      // false by default (Linux on RISC-V and x86)
    const char* ktest;           // nullptr: run init
    const char* root;            // the root disk's name ("vda" for root=/dev/vda), or nullptr
    bool root_rw;                // rw: mount it read-write (Linux mounts root read-only by default)
    const char* swap;            // swap=: "/dev/vdb", or nullptr
    // sysctl.vm.dirty_background_ratio=, dirty_ratio=, dirty_writeback_centisecs=,
    // dirty_expire_centisecs= (Linux's sysctl.* bootargs), in that order; -1: not given.
    long sysctl_vm_dirty[4];
    // sysctl.vm.min_free_kbytes= (the watermarks, docs/reclaim.md); -1: not given, the default
    // from the size of memory.
    long sysctl_vm_min_free_kbytes;
    // sysctl.vm.zone_reclaim_mode= (Linux's bits: 1 reclaim the local node first, 2 write dirty
    // pages, 4 unmap; docs/reclaim.md); 0 by default, as Linux.
    unsigned sysctl_vm_zone_reclaim_mode;
    // sysctl.vm.swappiness= (0..200, get_scan_count's weight of anonymous pages; docs/reclaim.md);
    // 60 by default, as Linux.
    unsigned sysctl_vm_swappiness;
    // sysctl.vm.page-cluster= (0..31: swap readahead reads up to 2^N slots; docs/reclaim.md); 3
    // by default, as Linux.
    unsigned sysctl_vm_page_cluster;
    // sysctl.vm.overcommit_memory= (0, 1, 2) and sysctl.vm.overcommit_ratio= (docs/reclaim.md);
    // 0 and 50 by default, as Linux.
    unsigned sysctl_vm_overcommit_memory;
    unsigned sysctl_vm_overcommit_ratio;
    const char* bad;             // the first word not understood (reported at boot), or nullptr
    int init_argc;               // argv[0] is the init name
    const char* init_argv[INIT_MAX_ARGS + 1];
};

// Splits and interprets bootargs. Position independent (runs in M-mode before translation);
// pointers in opts point into opts->words, so they stay valid wherever opts is mapped only
// if opts is re-based: call kernel_options_rebase after translation is on.
void parse_bootargs(const char* bootargs, kernel_options* opts);

// Moves the pointers of opts by delta bytes (physical to virtual address of the image).
void kernel_options_rebase(kernel_options* opts, long delta);

inline kernel_options kernel_opts;
