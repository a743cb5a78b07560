// The vm.* sysctls at run time (Linux kernel/sysctl.c vm_table and its proc_dointvec_minmax
// ranges, Documentation/admin-guide/sysctl/vm.rst).
#include "proc/sysctl.h"

#include "asm/uaccess.h"
#include "kernel/errno.h"
#include "mm/buddy.h"
#include "mm/overcommit.h"
#include "mm/swap_state.h"
#include "mm/vmscan.h"
#include "mm/writeback.h"

namespace {

bool streq(const char* a, const char* b)
{
    while (*a && *a == *b) ++a, ++b;
    return *a == *b;
}

// A knob stored as an unsigned variable, with Linux's range [min, max].
struct uint_knob {
    const char* name;
    unsigned* value;
    long min, max;
};

// dirty_writeback_centisecs 0 stops the flusher thread in Linux; the flusher here is started
// (or not) at boot, so at run time the interval must stay positive.
const uint_knob uint_knobs[] = {
    {"vm.swappiness", &vm_swappiness, 0, 200},
    {"vm.page-cluster", &page_cluster, 0, PAGE_CLUSTER_MAX},
    {"vm.zone_reclaim_mode", &node_reclaim_mode, 0, 7},
    {"vm.overcommit_memory", &vm_overcommit_memory, 0, 2},
    {"vm.overcommit_ratio", &vm_overcommit_ratio, 0, 100000000},
    {"vm.dirty_background_ratio", &dirty_background_ratio, 0, 100},
    {"vm.dirty_ratio", &vm_dirty_ratio, 0, 100},
    {"vm.dirty_writeback_centisecs", &dirty_writeback_interval, 1, 100000000},
    {"vm.dirty_expire_centisecs", &dirty_expire_interval, 0, 100000000},
};

}  // namespace

long vm_min_free_kbytes(long kbytes)
{
    // Linux min_free_kbytes_sysctl_handler: new watermarks at once. At most half of RAM, so
    // that low and high stay below it.
    if (kbytes < 0 || u64(kbytes) > page_allocator->totalram_pages() * (PAGE_SIZE / 1024) / 2) return -EINVAL;
    if (kbytes) page_allocator->setup_per_zone_wmarks(static_cast<unsigned long>(kbytes));
    return long(page_allocator->min_free_kbytes());
}

long vm_sysctl(const char* name, long value)
{
    if (streq(name, "vm.min_free_kbytes")) {
        if (value == 0) return -EINVAL;  // Linux's minimum is 0, but 0 reads here (memvp_min_free_kbytes)
        return vm_min_free_kbytes(value < 0 ? 0 : value);
    }
    for (const uint_knob& k : uint_knobs) {
        if (!streq(name, k.name)) continue;
        if (value < 0) return long(__atomic_load_n(k.value, __ATOMIC_RELAXED));
        if (value < k.min || value > k.max) return -EINVAL;
        __atomic_store_n(k.value, unsigned(value), __ATOMIC_RELAXED);
        return value;
    }
    return -ENOENT;
}

long sys_memvp_sysctl(const char* uname, long value)
{
    char name[48];
    const long n = strncpy_from_user(name, uname, sizeof(name));
    if (n == -ENAMETOOLONG) return -ENOENT;  // longer than any knob's name
    if (n < 0) return n;
    return vm_sysctl(name, value);
}
