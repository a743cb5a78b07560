// mm_struct::mmap_lock (Linux <linux/mmap_lock.h>): a sleeping reader-writer lock, so that a
// fault may wait for I/O (a file page being read) while it holds it. Writers: every VMA change
// and, as there is no page_table_lock yet, every fault (it changes the page tables); readers:
// the walks that only look (/proc maps and status).
#pragma once

#include "mm/mm_types.h"

inline void mmap_read_lock(mm_struct* mm) { down_read(&mm->mmap_lock); }
inline void mmap_read_unlock(mm_struct* mm) { up_read(&mm->mmap_lock); }
inline void mmap_write_lock(mm_struct* mm) { down_write(&mm->mmap_lock); }
inline void mmap_write_unlock(mm_struct* mm) { up_write(&mm->mmap_lock); }
inline bool mmap_write_trylock(mm_struct* mm) { return down_write_trylock(&mm->mmap_lock); }

// Holds mm's mmap_lock for the scope (Linux guard(mmap_read_lock) / guard(mmap_write_lock)).
class mmap_read_guard {
public:
    explicit mmap_read_guard(mm_struct* mm) : mm_(mm) { mmap_read_lock(mm); }
    ~mmap_read_guard() { mmap_read_unlock(mm_); }
    mmap_read_guard(const mmap_read_guard&) = delete;
    mmap_read_guard& operator=(const mmap_read_guard&) = delete;

private:
    mm_struct* mm_;
};

class mmap_write_guard {
public:
    explicit mmap_write_guard(mm_struct* mm) : mm_(mm) { mmap_write_lock(mm); }
    ~mmap_write_guard() { mmap_write_unlock(mm_); }
    mmap_write_guard(const mmap_write_guard&) = delete;
    mmap_write_guard& operator=(const mmap_write_guard&) = delete;

private:
    mm_struct* mm_;
};
