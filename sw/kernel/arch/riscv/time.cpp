// ktime_get_real_seconds and ktime_get_ns on the guest: the CLINT's mtime (the time CSR,
// privileged spec 10.1 "Machine Timer Registers", read through rdtime) over the DTB's
// timebase-frequency, plus (wall clock only) the offset timekeeping_advance_to set.
#include "kernel/timekeeping.h"

#include "asm/csr.h"
#include "boot/boot_params.h"

namespace {

u64 wall_offset;  // seconds added to the time since reset

u64 uptime_seconds() { return get_cycles() / boot_params.timebase_frequency; }

}  // namespace

u64 ktime_get_ns()
{
    // Split so that cycles * 10^9 cannot overflow.
    const u64 c = get_cycles(), tb = boot_params.timebase_frequency;
    return c / tb * 1000000000UL + c % tb * 1000000000UL / tb;
}

u64 ktime_get_real_seconds() { return __atomic_load_n(&wall_offset, __ATOMIC_RELAXED) + uptime_seconds(); }

void timekeeping_advance_to(u64 seconds)
{
    const u64 up = uptime_seconds();
    if (seconds > up + __atomic_load_n(&wall_offset, __ATOMIC_RELAXED))
        __atomic_store_n(&wall_offset, seconds - up, __ATOMIC_RELAXED);
}
