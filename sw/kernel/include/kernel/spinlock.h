// Spinlock and interrupt-flag interface in Linux's names (spin_lock_irqsave & co.). Built on
// GCC __atomic builtins, which become AMOs on RV64A and lock-prefixed ops on the host; on the
// guest, irqsave clears sstatus.SIE (the kernel runs in S-mode), on the host it is a no-op.
#pragma once

struct spinlock_t {
    int locked = 0;
};

inline void cpu_relax()
{
#if defined(__riscv)
    __asm__ volatile("nop");
#endif
}

inline void spin_lock_init(spinlock_t* lock) { lock->locked = 0; }

// Called while a hart waits for a lock. The guest kernel spins with interrupts off, so it
// installs the TLB-shootdown service here: a hart waiting for a lock that the shootdown's
// sender holds must still answer it, or both would wait forever.
inline void (*spin_wait_hook)() = nullptr;

inline void spin_lock(spinlock_t* lock)
{
    while (__atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE)) {
        while (__atomic_load_n(&lock->locked, __ATOMIC_RELAXED)) {
            if (spin_wait_hook) spin_wait_hook();
            cpu_relax();
        }
    }
}

inline void spin_unlock(spinlock_t* lock) { __atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE); }

inline bool spin_is_locked(const spinlock_t* lock) { return __atomic_load_n(&lock->locked, __ATOMIC_RELAXED); }

// Disable supervisor interrupts and return the previous sstatus.SIE (privileged spec 12.1.1).
inline unsigned long arch_local_irq_save()
{
#if defined(__riscv)
    unsigned long old;
    __asm__ volatile("csrrci %0, sstatus, 2" : "=r"(old) : : "memory");
    return old & 2;
#else
    return 0;
#endif
}

inline void arch_local_irq_restore(unsigned long flags)
{
#if defined(__riscv)
    if (flags) __asm__ volatile("csrsi sstatus, 2" : : : "memory");
#else
    (void)flags;
#endif
}

inline unsigned long spin_lock_irqsave(spinlock_t* lock)
{
    unsigned long flags = arch_local_irq_save();
    spin_lock(lock);
    return flags;
}

inline void spin_unlock_irqrestore(spinlock_t* lock, unsigned long flags)
{
    spin_unlock(lock);
    arch_local_irq_restore(flags);
}

// Scoped holder so that every return path releases the lock.
class spin_guard {
public:
    explicit spin_guard(spinlock_t* lock) : lock_(lock), flags_(spin_lock_irqsave(lock)) {}
    ~spin_guard() { spin_unlock_irqrestore(lock_, flags_); }
    spin_guard(const spin_guard&) = delete;
    spin_guard& operator=(const spin_guard&) = delete;

private:
    spinlock_t* lock_;
    unsigned long flags_;
};
