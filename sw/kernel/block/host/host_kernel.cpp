// Host definitions of what the block layer and file systems take from the rest of the guest
// kernel: the clock (printk is the mm build's, mm/host/host_printk.cpp), the
// references of a file (the file table is not built here; a test makes a file with kzalloc),
// and the page cache's reclaim lock (one thread: the caller's).
// Completions are the mm build's (mm/host/host_completion.cpp).
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>

#include "block/host/host_bdev.h"
#include "fs/file.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/timekeeping.h"
#include "mm/pagemap.h"
#include "mm/slab.h"

// One thread: the page cache is the caller's, whoever reclaims.
pc_lock page_cache_reclaim_lock(bool) { return pc_lock::nested; }
void page_cache_reclaim_unlock(pc_lock) {}

u64 ktime_get_real_seconds() { return u64(std::time(nullptr)); }

void timekeeping_advance_to(u64) {}

u64 ktime_get_ns()
{
    return u64(std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count());
}  // the host's clock is real

// No tasks and no flusher here: a shared store has no writer to throttle.
void task_dirtied_shared_page() {}

void get_file(file* f) { ++f->f_count; }

void fput(file* f)
{
    if (--f->f_count) return;
    iput(f->f_inode);
    kfree(f);
}
