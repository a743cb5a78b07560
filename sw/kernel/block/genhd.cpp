// The list of disks (Linux block/genhd.c add_disk, and lookup by name as the root= option and
// the file systems need it).
#include "block/blkdev.h"

#include "kernel/spinlock.h"

namespace {

list_head all_bdevs = {&all_bdevs, &all_bdevs};
spinlock_t bdev_lock;

}  // namespace

void add_disk(block_device* bdev)
{
    unsigned long flags = spin_lock_irqsave(&bdev_lock);
    list_add_tail(&bdev->list, &all_bdevs);
    spin_unlock_irqrestore(&bdev_lock, flags);
}

block_device* blkdev_next(block_device* prev)
{
    unsigned long flags = spin_lock_irqsave(&bdev_lock);
    list_head* next = prev ? prev->list.next : all_bdevs.next;
    spin_unlock_irqrestore(&bdev_lock, flags);
    return next == &all_bdevs ? nullptr : list_entry(next, block_device, list);
}

block_device* blkdev_get_by_name(const char* name)
{
    for (block_device* b = blkdev_next(nullptr); b; b = blkdev_next(b))
        if (__builtin_strcmp(b->name, name) == 0) return b;
    return nullptr;
}
