// The flusher thread and the throttling of writers (Linux fs/fs-writeback.c wb_workfn,
// wb_check_background_flush, wb_check_old_data_flush; mm/page-writeback.c
// balance_dirty_pages): dirty file pages reach the disk without sync, when they are older than
// dirty_expire_centisecs or when there are more than the background limit allows.
#include "mm/writeback.h"

#include "asm/csr.h"
#include "boot/boot_params.h"
#include "boot/bootargs.h"
#include "fs/buffer_head.h"
#include "fs/file.h"
#include "kernel/printk.h"
#include "kernel/timekeeping.h"
#include "mm/vm_event.h"
#include "proc/process.h"
#include "proc/sched.h"

namespace {

task_struct* flusher;
// Pages one batch writes before the VFS lock is dropped, so that others get their turn
// (Linux MAX_WRITEBACK_PAGES, 4 MiB).
constexpr long MAX_WRITEBACK_PAGES = 1024;

// Pages dirty or on their way to the disk (Linux counts both against the limits).
unsigned long dirty_pages()
{
    return read_vm_event(&memvp_vmstat::nr_dirty) + read_vm_event(&memvp_vmstat::nr_writeback);
}

void dirty_limits(unsigned long* background, unsigned long* thresh)
{
    global_dirty_limits(global_dirtyable_memory(), background, thresh);
}

// One batch of the root's inodes (dirtied at or before older_than if set), under the VFS lock;
// how many pages it wrote. kupdate also writes the dirty metadata buffers.
long writeback_batch(u64 older_than, bool kupdate)
{
    super_block* sb = root_sb();
    if (!sb || sb->s_rdonly) return 0;
    vfs_lock();
    long written = 0;
    if (root_sb() == sb) {
        writeback_control wbc{MAX_WRITEBACK_PAGES, older_than};
        written = writeback_sb_inodes(sb, &wbc);
        if (kupdate) sync_blockdev(sb->s_bdev);
    }
    vfs_unlock();
    return written;
}

int wb_workfn(void*)
{
    for (;;) {
        const u64 interval = u64(dirty_writeback_interval) * boot_params.timebase_frequency / 100;
        schedule_until(get_cycles() + interval);  // or woken early by wakeup_flusher_threads
        // wb_check_background_flush: oldest inodes first, until below the background limit.
        for (;;) {
            unsigned long background, thresh;
            dirty_limits(&background, &thresh);
            if (dirty_pages() <= background || writeback_batch(0, false) == 0) break;
        }
        // wb_check_old_data_flush (kupdate): what has been dirty longer than the expire interval.
        const u64 now = ktime_get_ns(), expire = u64(dirty_expire_interval) * 10000000UL;
        if (now > expire)
            while (writeback_batch(now - expire, true) == MAX_WRITEBACK_PAGES) {
            }
    }
}

}  // namespace

void wb_start_flusher()
{
    unsigned* const tunables[] = {&dirty_background_ratio, &vm_dirty_ratio, &dirty_writeback_interval,
                                  &dirty_expire_interval};
    for (unsigned k = 0; k < 4; ++k)
        if (kernel_opts.sysctl_vm_dirty[k] >= 0) *tunables[k] = unsigned(kernel_opts.sysctl_vm_dirty[k]);
    if (!dirty_writeback_interval) return;  // 0 turns periodic write-back off, as in Linux
    flusher = kthread_run(wb_workfn, nullptr, "flush-vda");
    if (!flusher) printk("writeback: no memory for the flusher thread\n");
}

void wakeup_flusher_threads()
{
    if (flusher) wake_up_process(flusher);
}

void balance_dirty_pages_ratelimited()
{
    for (;;) {
        unsigned long background, thresh;
        dirty_limits(&background, &thresh);
        const unsigned long dirty = dirty_pages();
        if (dirty <= background) return;
        wakeup_flusher_threads();
        // Over dirty_ratio the writer pays: it writes a batch itself (Linux before 3.2; later
        // kernels sleep while the flusher writes, to the same effect on the writer's pace).
        if (dirty <= thresh || writeback_batch(0, false) == 0) return;
    }
}

void task_dirtied_shared_page() { current->nr_dirtied++; }

// Throttling while the fault still held this mm's mmap_lock would leave the writer's own
// pages dirty: write-back's page_mkclean takes each mm with mmap_write_trylock and leaves a
// busy one's pages dirty, so a writer whose pages are all that is dirty could write batches
// forever. Here no lock is held, and every page a batch writes is cleaned.
void balance_dirty_pages_after_fault()
{
    current->nr_dirtied = 0;
    balance_dirty_pages_ratelimited();
}
