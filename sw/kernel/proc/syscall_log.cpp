// The once-per-number console line of an unimplemented system call (proc/syscall_log.h).
#include "proc/syscall_log.h"

#include "kernel/errno.h"
#include "kernel/printk.h"
#include "proc/sched.h"

namespace {

constexpr unsigned long LOGGED_NUMBERS = 2048;
u64 logged[LOGGED_NUMBERS / 64 + 1];  // one bit per number, the last for all the larger ones

bool first_time(unsigned long nr)
{
    const unsigned long bit = nr < LOGGED_NUMBERS ? nr : LOGGED_NUMBERS;
    const u64 mask = 1ULL << (bit % 64);
    return !(__atomic_fetch_or(&logged[bit / 64], mask, __ATOMIC_RELAXED) & mask);
}

}  // namespace

long syscall_not_implemented(unsigned long nr)
{
    if (first_time(nr)) {
        const char* name = linux_syscall_name(nr);
        task_struct* me = current;
        if (name)
            printk("%s[%d]: syscall %lu (%s) not implemented\n", me->comm, me->pid, nr, name);
        else
            printk("%s[%d]: syscall %lu not implemented\n", me->comm, me->pid, nr);
    }
    return -ENOSYS;
}
