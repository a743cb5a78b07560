// Futexes (proc/futex.h; Linux kernel/futex/waitwake.c). A waiter is queued on its hash bucket
// before it reads the word, so a waker that changes the word and then wakes either finds it
// queued or is seen by its read; the waiter sleeps only if no wake has dequeued it, deciding
// under futex_lock, and a waker wakes under that lock, so a waiter never returns (and its
// queue entry on its kernel stack never goes) before its waker is done with it.
#include "proc/futex.h"

#include "asm/csr.h"
#include "asm/uaccess.h"
#include "boot/boot_params.h"
#include "kernel/errno.h"
#include "kernel/list.h"
#include "kernel/spinlock.h"
#include "proc/posix_timers.h"
#include "proc/sched.h"
#include "proc/signal.h"

namespace {

// Linux's ops and flags (include/uapi/linux/futex.h).
constexpr int FUTEX_WAIT = 0, FUTEX_WAKE = 1, FUTEX_WAIT_BITSET = 9, FUTEX_WAKE_BITSET = 10;
constexpr int FUTEX_PRIVATE_FLAG = 128, FUTEX_CLOCK_REALTIME = 256;
constexpr int FUTEX_CMD_MASK = ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
constexpr u64 NSEC_PER_SEC = 1000000000UL;
constexpr unsigned HASH_BITS = 6;

struct futex_q {
    list_head list;
    task_struct* task;
    mm_struct* mm;
    unsigned long uaddr;
    u32 bitset;
    bool woken;  // dequeued by a waker
};

spinlock_t futex_lock;
list_head buckets[1u << HASH_BITS];
bool buckets_ready;

list_head* bucket_of(mm_struct* mm, unsigned long uaddr)
{
    if (!buckets_ready) {
        for (list_head& b : buckets) INIT_LIST_HEAD(&b);
        buckets_ready = true;
    }
    const u64 h = (reinterpret_cast<u64>(mm) ^ (uaddr >> 2)) * 0x9e3779b97f4a7c15ULL;
    return &buckets[h >> (64 - HASH_BITS)];
}

u64 ticks_of(const kernel_timespec& ts)
{
    const u64 tb = boot_params.timebase_frequency;
    return u64(ts.tv_sec) * tb + u64(ts.tv_nsec) * tb / NSEC_PER_SEC;
}

// The time CSR value to give up at (0: never); -EINVAL for a bad timespec, -EFAULT.
long deadline_of(const kernel_timespec* utimeout, bool absolute, u64* until)
{
    *until = 0;
    if (!utimeout) return 0;
    kernel_timespec ts;
    if (copy_from_user(&ts, utimeout, sizeof(ts))) return -EFAULT;
    if (ts.tv_sec < 0 || ts.tv_nsec < 0 || u64(ts.tv_nsec) >= NSEC_PER_SEC) return -EINVAL;
    // Every clock counts from boot (proc/posix_timers.h), so an absolute time is a time CSR value.
    *until = absolute ? ticks_of(ts) : get_cycles() + ticks_of(ts);
    if (*until == 0) *until = 1;
    return 0;
}

long futex_wait(u32* uaddr, u32 val, u64 until, u32 bitset)
{
    const unsigned long addr = reinterpret_cast<unsigned long>(uaddr);
    if (addr & 3) return -EINVAL;
    task_struct* me = current;
    futex_q q{};
    q.task = me;
    q.mm = me->mm;
    q.uaddr = addr;
    q.bitset = bitset;
    list_head* b = bucket_of(q.mm, addr);
    unsigned long flags = spin_lock_irqsave(&futex_lock);
    list_add_tail(&q.list, b);
    spin_unlock_irqrestore(&futex_lock, flags);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    u32 cur;
    long rc = copy_from_user(&cur, uaddr, sizeof(cur)) ? -EFAULT : cur != val ? -EAGAIN : 0;
    if (rc == 0) {
        flags = spin_lock_irqsave(&futex_lock);
        const bool sleep = !q.woken && !signal_pending(me);
        if (sleep) me->state = TASK_INTERRUPTIBLE;
        spin_unlock_irqrestore(&futex_lock, flags);
        if (sleep) schedule_sleeping(until);
    }
    flags = spin_lock_irqsave(&futex_lock);
    if (q.woken) rc = 0;
    else {
        list_del(&q.list);
        if (rc == 0) rc = until && get_cycles() >= until ? -ETIMEDOUT : -EINTR;
    }
    spin_unlock_irqrestore(&futex_lock, flags);
    return rc;
}

}  // namespace

int futex_wake(mm_struct* mm, unsigned long uaddr, int nr, u32 bitset)
{
    int woken = 0;
    list_head* b = bucket_of(mm, uaddr);
    unsigned long flags = spin_lock_irqsave(&futex_lock);
    list_for_each_entry_safe(q, b, futex_q, list) {
        if (woken >= nr) break;
        if (q->mm != mm || q->uaddr != uaddr || !(q->bitset & bitset)) continue;
        list_del(&q->list);
        q->woken = true;
        wake_up_process(q->task);
        ++woken;
    }
    spin_unlock_irqrestore(&futex_lock, flags);
    return woken;
}

long sys_futex(u32* uaddr, int op, u32 val, const kernel_timespec* utimeout, u32*, u32 val3)
{
    const int cmd = op & FUTEX_CMD_MASK;
    u64 until = 0;
    switch (cmd) {
    case FUTEX_WAIT:
    case FUTEX_WAIT_BITSET: {
        const u32 bitset = cmd == FUTEX_WAIT ? ~0u : val3;
        if (!bitset) return -EINVAL;
        if ((op & FUTEX_CLOCK_REALTIME) && cmd == FUTEX_WAIT) return -ENOSYS;  // as Linux
        if (const long rc = deadline_of(utimeout, cmd == FUTEX_WAIT_BITSET, &until)) return rc;
        return futex_wait(uaddr, val, until, bitset);
    }
    case FUTEX_WAKE:
    case FUTEX_WAKE_BITSET: {
        const u32 bitset = cmd == FUTEX_WAKE ? ~0u : val3;
        if (!bitset) return -EINVAL;
        const unsigned long addr = reinterpret_cast<unsigned long>(uaddr);
        if (addr & 3) return -EINVAL;
        return futex_wake(current->mm, addr, int(val > 0x7fffffffu ? 0x7fffffff : val), bitset);
    }
    default:
        return -ENOSYS;
    }
}
