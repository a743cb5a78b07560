// Submitting bios and waiting for them (Linux block/blk-core.c submit_bio with bio_check_eod,
// block/bio.c submit_bio_wait, block/blk-lib.c and blk-flush.c helpers): the submitter sleeps
// on a completion that bio_endio, called from the driver's interrupt handler, completes.
#include "block/blkdev.h"

#include "kernel/completion.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "mm/vm_event.h"

namespace {

void submit_bio_wait_endio(bio* b) { complete(static_cast<completion*>(b->priv)); }

int rw_sectors(block_device* bdev, req_op op, u64 sector, void* buf, u32 nr_sectors)
{
    bio b{bdev, op, sector, buf, nr_sectors << SECTOR_SHIFT, 0, nullptr, nullptr};
    return submit_bio_wait(&b);
}

}  // namespace

void bio_endio(bio* b, int status)
{
    b->status = status;
    if (b->end_io) b->end_io(b);
}

void submit_bio(bio* b)
{
    block_device* bdev = b->bdev;
    const u64 nr = b->len >> SECTOR_SHIFT;
    if ((b->op == REQ_OP_READ || b->op == REQ_OP_WRITE) &&
        (b->len == 0 || b->len % SECTOR_SIZE || b->sector >= bdev->nr_sectors || nr > bdev->nr_sectors - b->sector)) {
        printk("%s: attempt to access beyond end of device (sector %lu, %lu sectors, limit %lu)\n", bdev->name,
               (unsigned long)b->sector, (unsigned long)nr, (unsigned long)bdev->nr_sectors);
        bio_endio(b, -EIO);
        return;
    }
    if (b->op == REQ_OP_WRITE && bdev->read_only) {
        bio_endio(b, -EROFS);
        return;
    }
    // Linux's submit_bio counts the sectors of every read and write it passes on; memvp_vmstat
    // reports them in KiB, as /proc/vmstat's pgpgin/pgpgout do.
    if (b->op == REQ_OP_READ) count_vm_events(&memvp_vmstat::pgpgin, nr);
    if (b->op == REQ_OP_WRITE) count_vm_events(&memvp_vmstat::pgpgout, nr);
    bdev->ops->submit_bio(b);
}

int submit_bio_wait(bio* b)
{
    completion done;
    init_completion(&done);
    b->priv = &done;
    b->end_io = submit_bio_wait_endio;
    submit_bio(b);
    wait_for_completion(&done);
    return b->status;
}

int blkdev_read(block_device* bdev, u64 sector, void* buf, u32 nr_sectors)
{
    return rw_sectors(bdev, REQ_OP_READ, sector, buf, nr_sectors);
}

int blkdev_write(block_device* bdev, u64 sector, const void* buf, u32 nr_sectors)
{
    return rw_sectors(bdev, REQ_OP_WRITE, sector, const_cast<void*>(buf), nr_sectors);
}

int blkdev_issue_flush(block_device* bdev) { return rw_sectors(bdev, REQ_OP_FLUSH, 0, nullptr, 0); }

int blkdev_get_serial(block_device* bdev, char* serial)
{
    bio b{bdev, REQ_OP_DRV_IN, 0, serial, BLK_SERIAL_LEN, 0, nullptr, nullptr};
    const int err = submit_bio_wait(&b);
    serial[err ? 0 : BLK_SERIAL_LEN] = '\0';
    return err;
}
