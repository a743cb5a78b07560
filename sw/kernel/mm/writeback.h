// Dirty page limits and write-back (Linux <linux/writeback.h>, mm/page-writeback.c,
// fs/fs-writeback.c): the vm.dirty_* tunables with Linux's defaults, the limits they give over
// the dirtyable memory, and the passes that write dirty file pages back: by age (kupdate), by
// amount (background, and writers over dirty_ratio in balance_dirty_pages), or all (sync).
#pragma once

#include "kernel/types.h"

struct address_space;
struct page;
struct super_block;

// Linux's sysctl defaults (Documentation/admin-guide/sysctl/vm.rst); bootargs may set them as
// sysctl.vm.NAME=VALUE, as Linux's command line does.
inline unsigned dirty_background_ratio = 10;      // % of dirtyable memory: the flusher starts
inline unsigned vm_dirty_ratio = 20;              // %: writers write back themselves above it
inline unsigned dirty_writeback_interval = 500;   // centiseconds between the flusher's passes
inline unsigned dirty_expire_interval = 3000;     // centiseconds a dirty page may wait

// One write-back pass (Linux struct writeback_control).
struct writeback_control {
    long nr_to_write;   // pages still to write; decremented per page written
    u64 older_than;     // kupdate: only inodes dirtied at or before this ktime_get_ns (0: any)
};

// Pages that could hold dirty data (Linux global_dirtyable_memory): free plus page cache.
unsigned long global_dirtyable_memory();
// The limits in pages for that much dirtyable memory (Linux domain_dirty_limits).
void global_dirty_limits(unsigned long dirtyable, unsigned long* background, unsigned long* thresh);

// Writes mapping's dirty pages back, each under PG_writeback (counted as Writeback) from
// submission until its writepage returned after completion, up to wbc->nr_to_write; 0 or the
// first error (that page stays dirty). The inode's dirtied_when is cleared when none is left.
int write_cache_pages(address_space* mapping, writeback_control* wbc);
// Writes one dirty page back the same way (write_cache_pages' step, reclaim's pageout): its
// shared mappings write-protected first (page_mkclean; *cleaned false when one was busy), then
// cleaned and written; 0 or -errno, the page dirty again on error or when not *cleaned.
int write_one_page(address_space* mapping, page* p, bool* cleaned);
// Writes back sb's inodes with dirty pages (dirtied at or before wbc->older_than when set),
// oldest first, and writes those inodes themselves; how many pages were written.
long writeback_sb_inodes(super_block* sb, writeback_control* wbc);

// The guest's flusher (fs/flusher.cpp): started at a read-write mount of the root.
void wb_start_flusher();
// Wakes the flusher early (Linux wb_start_background_writeback).
void wakeup_flusher_threads();
// After a writer dirtied pages, outside the VFS lock (Linux balance_dirty_pages_ratelimited):
// above the background limit it wakes the flusher; above dirty_ratio the writer writes back
// itself until Dirty is below it again.
void balance_dirty_pages_ratelimited();
// A store through a shared mapping dirtied a page for the current task (Linux
// folio_account_dirtied's current->nr_dirtied); the fault balances once its locks are dropped.
void task_dirtied_shared_page();
// At the end of a fault from U-mode that dirtied pages (current->nr_dirtied), with mmap_lock
// and the VFS lock dropped (Linux fault_dirty_shared_page): balance_dirty_pages_ratelimited.
void balance_dirty_pages_after_fault();
