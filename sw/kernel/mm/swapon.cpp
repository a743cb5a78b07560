// swapon for a block device (Linux sys_swapon, claim_swapfile, read_swap_header's I/O): the
// header page read from the disk, checked and handed to swapon_area.
#include "block/blkdev.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "mm/slab.h"
#include "mm/swapfile.h"

namespace {

int least_priority = -1;  // Linux's: each device enabled without a priority gets one lower

}  // namespace

int swapon_bdev(block_device* bdev)
{
    u8* hdr = static_cast<u8*>(kmalloc(PAGE_SIZE, GFP_KERNEL));
    if (!hdr) return -ENOMEM;
    int r = blkdev_read(bdev, 0, hdr, PAGE_SIZE >> SECTOR_SHIFT);
    swap_header_info info{};
    const char* why = nullptr;
    if (r == 0 && !read_swap_header(hdr, bdev->nr_sectors >> (PAGE_SHIFT - SECTOR_SHIFT), &info, &why)) {
        printk("%s (/dev/%s)\n", why, bdev->name);
        r = -EINVAL;
    }
    if (r == 0) r = swapon_area(bdev, hdr, info);
    kfree(hdr);
    if (r < 0) {
        printk("swapon: /dev/%s: error %d\n", bdev->name, r);
        return r;
    }
    const swap_info_struct* si = swap_info[r];
    printk("Adding %luk swap on /dev/%s.  Priority:%d extents:1 across:%luk\n", si->pages * (PAGE_SIZE / 1024),
           bdev->name, --least_priority, si->pages * (PAGE_SIZE / 1024));
    return r;
}
