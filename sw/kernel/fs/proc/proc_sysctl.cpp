// /proc/sys/vm (Linux fs/proc/proc_sysctl.c over kernel/sysctl.c's vm_table): each file reads
// its knob's value as "%d\n" and a write sets it through the same code as memvp's calls
// (proc/sysctl.h vm_sysctl, vm_min_free_kbytes; fs/syscalls.h sys_drop_caches), with Linux's
// ranges: a value out of range or not a number is -EINVAL and changes nothing.
#include "fs/proc/internal.h"

#include "fs/syscalls.h"
#include "kernel/errno.h"
#include "proc/sysctl.h"

long proc_parse_long(const char* buf, size_t len, long* out)
{
    size_t i = 0;
    auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n'; };
    while (i < len && blank(buf[i])) ++i;
    const bool neg = i < len && buf[i] == '-';
    if (neg) ++i;
    const size_t digits = i;
    unsigned long v = 0;
    for (; i < len && buf[i] >= '0' && buf[i] <= '9'; ++i) {
        v = v * 10 + unsigned(buf[i] - '0');
        if (v > 0x7fffffffUL + neg) return -EINVAL;  // beyond an int (proc_dointvec's type)
    }
    if (i == digits) return -EINVAL;
    while (i < len && blank(buf[i])) ++i;
    if (i < len && buf[i] != '\0') return -EINVAL;
    *out = neg ? -long(v) : long(v);
    return 0;
}

namespace {

// A knob read and written through vm_sysctl by its sysctl name.
template <const char* NAME>
int knob_show(seq_buf* m, int)
{
    seq_buf_printf(m, "%ld\n", vm_sysctl(NAME, -1));
    return 0;
}

template <const char* NAME>
long knob_write(int, const char* buf, size_t len)
{
    long v;
    if (proc_parse_long(buf, len, &v) || v < 0) return -EINVAL;  // every vm knob here has min 0
    const long rc = vm_sysctl(NAME, v);
    return rc < 0 ? rc : long(len);
}

constexpr char SWAPPINESS[] = "vm.swappiness";
constexpr char ZONE_RECLAIM_MODE[] = "vm.zone_reclaim_mode";
constexpr char OVERCOMMIT_MEMORY[] = "vm.overcommit_memory";
constexpr char OVERCOMMIT_RATIO[] = "vm.overcommit_ratio";
constexpr char PAGE_CLUSTER[] = "vm.page-cluster";
constexpr char DIRTY_RATIO[] = "vm.dirty_ratio";
constexpr char DIRTY_BACKGROUND_RATIO[] = "vm.dirty_background_ratio";

int min_free_kbytes_show(seq_buf* m, int)
{
    seq_buf_printf(m, "%ld\n", vm_min_free_kbytes(0));
    return 0;
}

long min_free_kbytes_write(int, const char* buf, size_t len)
{
    long v;
    // Linux's minimum is 0; 0 here would leave the zones without a min watermark, which the
    // allocator's reserves assume, so it is refused like a value over half of RAM.
    if (proc_parse_long(buf, len, &v) || v <= 0) return -EINVAL;
    const long rc = vm_min_free_kbytes(v);
    return rc < 0 ? rc : long(len);
}

// drop_caches reads the last value written (Linux sysctl_drop_caches), 0 before any.
int drop_caches_value;

int drop_caches_show(seq_buf* m, int)
{
    seq_buf_printf(m, "%d\n", drop_caches_value);
    return 0;
}

long drop_caches_write(int, const char* buf, size_t len)
{
    long v;
    if (proc_parse_long(buf, len, &v) || v < 1 || v > 4) return -EINVAL;  // Linux's range 1..4
    // 4 only silences Linux's log line, which is not printed here.
    const long rc = v == 4 ? 0 : sys_drop_caches(int(v));
    if (rc < 0) return rc;
    drop_caches_value = int(v);
    return long(len);
}

const proc_entry vm_entries[] = {
    {"dirty_background_ratio", S_IFREG | 0644, knob_show<DIRTY_BACKGROUND_RATIO>, knob_write<DIRTY_BACKGROUND_RATIO>,
     nullptr},
    {"dirty_ratio", S_IFREG | 0644, knob_show<DIRTY_RATIO>, knob_write<DIRTY_RATIO>, nullptr},
    {"drop_caches", S_IFREG | 0200, drop_caches_show, drop_caches_write, nullptr},
    {"min_free_kbytes", S_IFREG | 0644, min_free_kbytes_show, min_free_kbytes_write, nullptr},
    {"overcommit_memory", S_IFREG | 0644, knob_show<OVERCOMMIT_MEMORY>, knob_write<OVERCOMMIT_MEMORY>, nullptr},
    {"overcommit_ratio", S_IFREG | 0644, knob_show<OVERCOMMIT_RATIO>, knob_write<OVERCOMMIT_RATIO>, nullptr},
    {"page-cluster", S_IFREG | 0644, knob_show<PAGE_CLUSTER>, knob_write<PAGE_CLUSTER>, nullptr},
    {"swappiness", S_IFREG | 0644, knob_show<SWAPPINESS>, knob_write<SWAPPINESS>, nullptr},
    {"zone_reclaim_mode", S_IFREG | 0644, knob_show<ZONE_RECLAIM_MODE>, knob_write<ZONE_RECLAIM_MODE>, nullptr},
    {nullptr, 0, nullptr, nullptr, nullptr},
};

}  // namespace

const proc_entry proc_sys_entries[] = {
    {"vm", S_IFDIR | 0555, nullptr, nullptr, vm_entries},
    {nullptr, 0, nullptr, nullptr, nullptr},
};
