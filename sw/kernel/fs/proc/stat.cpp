// /proc/stat, /proc/loadavg and /proc/uptime (Linux fs/proc/stat.c, loadavg.c, uptime.c).
// Time is the time CSR over the timebase frequency in USER_HZ ticks; a hart's idle time is
// what its idle task ran. The kernel does not tell user from system time, so a hart's busy
// time is all reported as user time. The load averages are Linux's fixed-point exponential
// averages of the runnable and uninterruptible tasks, brought up to date at each read for
// every 5-second interval since the last one.
#include "fs/proc/internal.h"

#include "asm/csr.h"
#include "boot/boot_params.h"
#include "kernel/spinlock.h"
#include "kernel/timekeeping.h"
#include "proc/process.h"
#include "proc/sched.h"
#include "uapi/memvp.h"
#include "mm/vm_event.h"


namespace {

unsigned long to_user_hz(u64 time_ticks) { return (unsigned long)(time_ticks * USER_HZ / boot_params.timebase_frequency); }

// The idle task's run time on hart h, in time CSR ticks, up to now.
u64 idle_time(unsigned h)
{
    const task_struct* idle = runqueues[h].idle;
    if (!idle) return 0;
    u64 t = idle->sum_exec_runtime;
    if (runqueues[h].curr == idle && idle->exec_start) t += get_cycles() - idle->exec_start;
    return t;
}

struct task_counts {
    unsigned running, blocked, threads;
};

task_counts count_tasks()
{
    task_counts c{};
    spin_guard g(&sched_lock);
    list_for_each_entry(t, &task_list, task_struct, tasks) {
        if (t->is_idle || t->state == TASK_DEAD || t->state == TASK_ZOMBIE) continue;
        ++c.threads;
        if (t->state == TASK_RUNNING) ++c.running;
        else if (t->state == TASK_UNINTERRUPTIBLE) ++c.blocked;
    }
    return c;
}

}  // namespace

unsigned long uptime_ticks(unsigned long* idle_ticks)
{
    u64 idle = 0;
    for (unsigned h = 0; h < NR_CPUS; ++h)
        if (runqueues[h].online) idle += idle_time(h);
    *idle_ticks = to_user_hz(idle);
    return to_user_hz(get_cycles());
}

int uptime_show(seq_buf* m, int)
{
    unsigned long idle;
    const unsigned long up = uptime_ticks(&idle);
    seq_buf_printf(m, "%lu.%02lu %lu.%02lu\n", up / USER_HZ, up % USER_HZ, idle / USER_HZ, idle % USER_HZ);
    return 0;
}

int stat_show(seq_buf* m, int)
{
    const unsigned long up = to_user_hz(get_cycles());
    unsigned long busy[NR_CPUS] = {}, idle[NR_CPUS] = {}, busy_sum = 0, idle_sum = 0;
    for (unsigned h = 0; h < NR_CPUS; ++h) {
        if (!runqueues[h].online) continue;
        idle[h] = to_user_hz(idle_time(h));
        busy[h] = up > idle[h] ? up - idle[h] : 0;
        busy_sum += busy[h];
        idle_sum += idle[h];
    }
    // user nice system idle iowait irq softirq steal guest guest_nice
    seq_buf_printf(m, "cpu  %lu 0 0 %lu 0 0 0 0 0 0\n", busy_sum, idle_sum);
    for (unsigned h = 0; h < NR_CPUS; ++h)
        if (runqueues[h].online) seq_buf_printf(m, "cpu%u %lu 0 0 %lu 0 0 0 0 0 0\n", h, busy[h], idle[h]);
    const task_counts c = count_tasks();
    seq_buf_printf(m, "intr 0\nctxt %llu\nbtime %llu\nprocesses %d\nprocs_running %u\nprocs_blocked %u\n",
                   (unsigned long long)vm_events.context_switches,
                   (unsigned long long)(ktime_get_real_seconds() - up / USER_HZ), last_pid(), c.running, c.blocked);
    seq_buf_printf(m, "softirq 0 0 0 0 0 0 0 0 0 0 0\n");
    return 0;
}

namespace {

// Linux include/linux/sched/loadavg.h: 11-bit fixed point, exp(-5s/1min), exp(-5s/5min), exp(-5s/15min).
constexpr unsigned long FSHIFT = 11, FIXED_1 = 1UL << FSHIFT, EXP_1 = 1884, EXP_5 = 2014, EXP_15 = 2037;
constexpr u64 LOAD_FREQ_SECONDS = 5;

spinlock_t loadavg_lock;
unsigned long avenrun[3];
u64 loadavg_intervals;  // 5-second intervals since boot already folded in

unsigned long calc_load(unsigned long load, unsigned long exp, unsigned long active)
{
    unsigned long newload = load * exp + active * (FIXED_1 - exp);
    if (active >= load) newload += FIXED_1 - 1;
    return newload / FIXED_1;
}

}  // namespace

int loadavg_show(seq_buf* m, int)
{
    const task_counts c = count_tasks();
    const u64 now = get_cycles() / boot_params.timebase_frequency / LOAD_FREQ_SECONDS;
    unsigned long a[3];
    {
        spin_guard g(&loadavg_lock);
        const unsigned long active = (c.running + c.blocked) * FIXED_1;
        for (; loadavg_intervals < now; ++loadavg_intervals) {
            avenrun[0] = calc_load(avenrun[0], EXP_1, active);
            avenrun[1] = calc_load(avenrun[1], EXP_5, active);
            avenrun[2] = calc_load(avenrun[2], EXP_15, active);
        }
        for (int i = 0; i < 3; ++i) a[i] = avenrun[i] + FIXED_1 / 200;  // rounded to 1/100 as Linux
    }
    auto i = [](unsigned long x) { return x >> FSHIFT; };
    auto f = [&](unsigned long x) { return i((x & (FIXED_1 - 1)) * 100); };
    seq_buf_printf(m, "%lu.%02lu %lu.%02lu %lu.%02lu %u/%u %d\n", i(a[0]), f(a[0]), i(a[1]), f(a[1]), i(a[2]), f(a[2]),
                   c.running, c.threads, last_pid());
    return 0;
}
