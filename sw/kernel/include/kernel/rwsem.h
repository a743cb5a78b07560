// A sleeping reader-writer lock (Linux <linux/rwsem.h>): many readers or one writer; a task
// that cannot have it sleeps (TASK_UNINTERRUPTIBLE) until it can. Built from three mutexes as
// the "no-starve" readers-writers solution (Downey, The Little Book of Semaphores, 4.2.6): a
// waiting writer holds the turnstile, so readers arriving after it queue behind it.
// Task context only, never under a spinlock.
#pragma once

#include "kernel/mutex.h"

struct rw_semaphore {
    mutex turnstile;   // passed by every reader, held by a writer while it waits and holds
    mutex writer;      // held by the writer, or by the readers together (the first takes it)
    mutex count_lock;  // guards readers
    unsigned readers;
};

inline void init_rwsem(rw_semaphore* sem)
{
    mutex_init(&sem->turnstile);
    mutex_init(&sem->writer);
    mutex_init(&sem->count_lock);
    sem->readers = 0;
}

inline void down_read(rw_semaphore* sem)
{
    mutex_lock(&sem->turnstile);
    mutex_unlock(&sem->turnstile);
    mutex_lock(&sem->count_lock);
    if (++sem->readers == 1) mutex_lock(&sem->writer);
    mutex_unlock(&sem->count_lock);
}

// The last reader out lets a writer in (a mutex here is a semaphore: any task may release it).
inline void up_read(rw_semaphore* sem)
{
    mutex_lock(&sem->count_lock);
    if (--sem->readers == 0) mutex_unlock(&sem->writer);
    mutex_unlock(&sem->count_lock);
}

inline void down_write(rw_semaphore* sem)
{
    mutex_lock(&sem->turnstile);
    mutex_lock(&sem->writer);
}

// The write lock if nobody holds or awaits the lock; false, without sleeping, otherwise (for a
// path that holds a lock a holder of this one may be waiting for).
inline bool down_write_trylock(rw_semaphore* sem)
{
    if (!mutex_trylock(&sem->turnstile)) return false;
    if (mutex_trylock(&sem->writer)) return true;
    mutex_unlock(&sem->turnstile);
    return false;
}

inline void up_write(rw_semaphore* sem)
{
    mutex_unlock(&sem->writer);
    mutex_unlock(&sem->turnstile);
}
