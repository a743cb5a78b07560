// Identity, limits and system information (Linux kernel/sys.c newuname, do_prlimit,
// do_sysinfo) and glibc start-up's thread bookkeeping calls (proc/sys.h).
#include "proc/sys.h"

#include "asm/csr.h"
#include "asm/uaccess.h"
#include "boot/boot_params.h"
#include "fs/file.h"
#include "kernel/errno.h"
#include "mm/buddy.h"
#include "mm/swapfile.h"
#include "mm/vm_event.h"
#include "proc/sched.h"

namespace {

// struct new_utsname (include/uapi/linux/utsname.h).
constexpr unsigned UTS_LEN = 65;
struct new_utsname {
    char sysname[UTS_LEN], nodename[UTS_LEN], release[UTS_LEN], version[UTS_LEN], machine[UTS_LEN],
        domainname[UTS_LEN];
};

void set_field(char* field, const char* text)
{
    unsigned i = 0;
    for (; text[i] && i + 1 < UTS_LEN; i++) field[i] = text[i];
    field[i] = '\0';
}

// struct rlimit64 and the resources (include/uapi/asm-generic/resource.h).
struct rlimit64 {
    u64 rlim_cur, rlim_max;
};
constexpr u64 RLIM_INFINITY = ~0ULL;
constexpr unsigned RLIMIT_STACK = 3, RLIMIT_NOFILE = 7, RLIM_NLIMITS = 16;
constexpr u64 STACK_LIMIT = 8UL << 20;  // the stack VMA setup_user_layout makes

// struct sysinfo (include/uapi/linux/sysinfo.h) on a 64-bit kernel.
struct sysinfo_user {
    s64 uptime;
    u64 loads[3];
    u64 totalram, freeram, sharedram, bufferram, totalswap, freeswap;
    u16 procs, pad;
    u64 totalhigh, freehigh;
    u32 mem_unit;
    char f[0];
};
static_assert(sizeof(sysinfo_user) == 112);

}  // namespace

long sys_uname(void* ubuf)
{
    new_utsname u{};
    set_field(u.sysname, "Linux");
    set_field(u.nodename, "memvp");
    set_field(u.release, "6.1.0-memvp");
    set_field(u.version, "#1 SMP");
    set_field(u.machine, "riscv64");
    set_field(u.domainname, "(none)");
    return copy_to_user(ubuf, &u, sizeof(u)) ? -EFAULT : 0;
}

long sys_prlimit64(int pid, unsigned resource, const void* unew, void* uold)
{
    if (resource >= RLIM_NLIMITS) return -EINVAL;
    if (pid != 0 && pid != current->pid) return -ESRCH;
    if (unew) return -EPERM;
    rlimit64 lim{RLIM_INFINITY, RLIM_INFINITY};
    if (resource == RLIMIT_STACK) lim.rlim_cur = STACK_LIMIT;
    if (resource == RLIMIT_NOFILE) lim.rlim_cur = lim.rlim_max = NR_OPEN_DEFAULT;
    if (uold && copy_to_user(uold, &lim, sizeof(lim))) return -EFAULT;
    return 0;
}

long sys_sysinfo(void* uinfo)
{
    sysinfo_user si{};
    si.uptime = s64(get_cycles() / boot_params.timebase_frequency);
    si.totalram = page_allocator->totalram_pages() * PAGE_SIZE;
    si.freeram = page_allocator->nr_free_pages() * PAGE_SIZE;
    si.totalswap = total_swap_pages() * PAGE_SIZE;
    si.freeswap = nr_swap_pages() * PAGE_SIZE;
    si.procs = u16(vm_events.nr_processes);
    si.mem_unit = 1;
    return copy_to_user(uinfo, &si, sizeof(si)) ? -EFAULT : 0;
}

long sys_set_tid_address(int* utidptr)
{
    current->clear_child_tid = utidptr;
    return current->pid;
}

long sys_set_robust_list(const void*, unsigned long len)
{
    constexpr unsigned long ROBUST_LIST_HEAD_SIZE = 24;  // struct robust_list_head on 64-bit
    return len == ROBUST_LIST_HEAD_SIZE ? 0 : -EINVAL;
}
