// A sleeping lock (Linux <linux/mutex.h>) for code that holds it across I/O, such as a buffer
// being read or a file system's metadata being changed: a binary semaphore over a completion
// that starts with one event, so the first mutex_lock() passes and the next sleeps until unlock.
#pragma once

#include "kernel/completion.h"

struct mutex {
    completion avail;  // done == 1 while the mutex is free
};

inline void mutex_init(mutex* m)
{
    init_completion(&m->avail);
    complete(&m->avail);
}

// Task context only: may sleep.
inline void mutex_lock(mutex* m) { wait_for_completion(&m->avail); }
inline void mutex_unlock(mutex* m) { complete(&m->avail); }
// Takes the mutex if it is free; false, without sleeping, if it is held.
inline bool mutex_trylock(mutex* m) { return try_wait_for_completion(&m->avail); }
