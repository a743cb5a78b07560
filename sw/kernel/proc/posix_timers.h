// The clock and sleep calls (Linux kernel/time/posix-timers.c, hrtimer.c) with Linux's clock
// ids: every clock reads the time CSR (the platform's timebase, counting from reset), so
// CLOCK_REALTIME and CLOCK_MONOTONIC, their _COARSE and _RAW forms and CLOCK_BOOTTIME all give
// the time since boot; CLOCK_PROCESS_CPUTIME_ID and CLOCK_THREAD_CPUTIME_ID give the time the
// calling task has run (the scheduler's account, proc/sched.h; a process is one task). Other
// ids are -EINVAL.
#pragma once

struct kernel_timespec {
    long tv_sec;
    long tv_nsec;
};

long sys_clock_gettime(int clk, kernel_timespec* uts);
// The resolution: one tick of the time CSR, rounded up to whole nanoseconds.
long sys_clock_getres(int clk, kernel_timespec* uts);
// Sleeps at least the time asked (to the next scheduler decision after it); *urem 0 if given.
long sys_nanosleep(const kernel_timespec* ureq, kernel_timespec* urem);
// clock_nanosleep(clk, flags, req, rem): relative, or TIMER_ABSTIME (until the clock reads
// req), on REALTIME, MONOTONIC and BOOTTIME; glibc's nanosleep, sleep and usleep come here.
// Sleeping on a CPU-time clock (Linux allows the process clock) is -EINVAL. 0, -EINVAL or
// -EFAULT.
long sys_clock_nanosleep(int clk, int flags, const kernel_timespec* ureq, kernel_timespec* urem);
