// The clock and sleep calls (Linux kernel/time/posix-timers.c, hrtimer.c) with Linux's clock
// ids: every clock reads the time CSR (the platform's timebase, counting from reset), so
// CLOCK_REALTIME and CLOCK_MONOTONIC, their _COARSE and _RAW forms and CLOCK_BOOTTIME all give
// the time since boot; CLOCK_PROCESS_CPUTIME_ID and CLOCK_THREAD_CPUTIME_ID give the time the
// calling thread has run (the scheduler's account, proc/sched.h; a process's threads are not
// summed). Other ids are -EINVAL.
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
// gettimeofday(tv, tz): the time since boot in seconds and microseconds; tz, if given, UTC
// without DST (Linux's sys_tz default).
long sys_gettimeofday(void* utv, void* utz);
// times(buf): tms_utime the calling thread's CPU time in clock ticks (100 per second, as
// AT_CLKTCK), tms_stime, tms_cutime and tms_cstime 0 (system time is not told apart and
// children's is not summed); returns the ticks since boot.
long sys_times(void* utms);
