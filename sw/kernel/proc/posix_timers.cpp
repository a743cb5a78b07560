// Clocks and sleeps on the time CSR (proc/posix_timers.h).
#include "proc/posix_timers.h"

#include "asm/csr.h"
#include "asm/uaccess.h"
#include "boot/boot_params.h"
#include "kernel/errno.h"
#include "proc/sched.h"

namespace {

// Linux's clock ids (include/uapi/linux/time.h).
constexpr int CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_PROCESS_CPUTIME_ID = 2, CLOCK_THREAD_CPUTIME_ID = 3,
              CLOCK_MONOTONIC_RAW = 4, CLOCK_REALTIME_COARSE = 5, CLOCK_MONOTONIC_COARSE = 6, CLOCK_BOOTTIME = 7;
constexpr int TIMER_ABSTIME = 1;
constexpr u64 NSEC_PER_SEC = 1000000000UL;

bool cpu_clock(int clk) { return clk == CLOCK_PROCESS_CPUTIME_ID || clk == CLOCK_THREAD_CPUTIME_ID; }

bool clock_valid(int clk)
{
    return cpu_clock(clk) || clk == CLOCK_REALTIME || clk == CLOCK_MONOTONIC || clk == CLOCK_MONOTONIC_RAW ||
           clk == CLOCK_REALTIME_COARSE || clk == CLOCK_MONOTONIC_COARSE || clk == CLOCK_BOOTTIME;
}

// Time CSR ticks of a valid timespec.
u64 timespec_to_ticks(const kernel_timespec& ts)
{
    const u64 tb = boot_params.timebase_frequency;
    return u64(ts.tv_sec) * tb + u64(ts.tv_nsec) * tb / NSEC_PER_SEC;
}

bool timespec_valid(const kernel_timespec& ts) { return ts.tv_sec >= 0 && ts.tv_nsec >= 0 && u64(ts.tv_nsec) < NSEC_PER_SEC; }

// A signal cuts the sleep short: -EINTR with the time left in *urem (Linux hrtimer_nanosleep).
long sleep_until(u64 until, kernel_timespec* urem)
{
    schedule_until(until);
    const u64 now = get_cycles();
    const bool interrupted = now < until && signal_pending(current);
    const u64 tb = boot_params.timebase_frequency, left = interrupted ? until - now : 0;
    const kernel_timespec rem{long(left / tb), long((left % tb) * NSEC_PER_SEC / tb)};
    if (urem && copy_to_user(urem, &rem, sizeof(rem))) return -EFAULT;
    return interrupted ? -EINTR : 0;
}

}  // namespace

long sys_clock_gettime(int clk, kernel_timespec* uts)
{
    if (!clock_valid(clk)) return -EINVAL;
    const u64 tb = boot_params.timebase_frequency, now = cpu_clock(clk) ? current_sched_runtime() : get_cycles();
    const kernel_timespec ts{long(now / tb), long((now % tb) * NSEC_PER_SEC / tb)};
    return copy_to_user(uts, &ts, sizeof(ts)) ? -EFAULT : 0;
}

long sys_clock_getres(int clk, kernel_timespec* uts)
{
    if (!clock_valid(clk)) return -EINVAL;
    const u64 tb = boot_params.timebase_frequency;
    const kernel_timespec res{0, long((NSEC_PER_SEC + tb - 1) / tb)};
    return uts && copy_to_user(uts, &res, sizeof(res)) ? -EFAULT : 0;
}

long sys_nanosleep(const kernel_timespec* ureq, kernel_timespec* urem)
{
    kernel_timespec req;
    if (copy_from_user(&req, ureq, sizeof(req))) return -EFAULT;
    if (!timespec_valid(req)) return -EINVAL;
    return sleep_until(get_cycles() + timespec_to_ticks(req), urem);
}

long sys_clock_nanosleep(int clk, int flags, const kernel_timespec* ureq, kernel_timespec* urem)
{
    if (!clock_valid(clk) || cpu_clock(clk) || clk == CLOCK_MONOTONIC_RAW || clk == CLOCK_REALTIME_COARSE ||
        clk == CLOCK_MONOTONIC_COARSE)
        return -EINVAL;  // Linux sleeps on REALTIME, MONOTONIC, BOOTTIME (and TAI) only
    kernel_timespec req;
    if (copy_from_user(&req, ureq, sizeof(req))) return -EFAULT;
    if (!timespec_valid(req)) return -EINVAL;
    if (flags & TIMER_ABSTIME) return sleep_until(timespec_to_ticks(req), nullptr);
    return sleep_until(get_cycles() + timespec_to_ticks(req), urem);
}

long sys_gettimeofday(void* utv, void* utz)
{
    struct {
        long tv_sec, tv_usec;
    } tv;
    const u64 tb = boot_params.timebase_frequency, now = get_cycles();
    tv.tv_sec = long(now / tb);
    tv.tv_usec = long((now % tb) * 1000000 / tb);
    const int tz[2] = {0, 0};  // struct timezone: UTC, no DST
    if (utv && copy_to_user(utv, &tv, sizeof(tv))) return -EFAULT;
    if (utz && copy_to_user(utz, tz, sizeof(tz))) return -EFAULT;
    return 0;
}

long sys_times(void* utms)
{
    constexpr u64 USER_HZ = 100;  // clock_t ticks (AT_CLKTCK)
    const u64 tb = boot_params.timebase_frequency;
    const long tms[4] = {long(current_sched_runtime() * USER_HZ / tb), 0, 0, 0};
    if (utms && copy_to_user(utms, tms, sizeof(tms))) return -EFAULT;
    return long(get_cycles() * USER_HZ / tb);
}
