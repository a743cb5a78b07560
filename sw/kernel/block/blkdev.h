// The block layer's interface (Linux <linux/blkdev.h>, <linux/bio.h>): a struct block_device
// per disk (vda, vdb, … in probe order) whose driver takes bios, and the synchronous calls the
// buffer cache and file systems use, which sleep until the device has answered.
#pragma once

#include "kernel/list.h"
#include "kernel/types.h"

struct bio;
struct completion;

inline constexpr unsigned SECTOR_SHIFT = 9;
inline constexpr unsigned SECTOR_SIZE = 1u << SECTOR_SHIFT;
// The device's identification string (virtio-blk GET_ID: 20 bytes, NUL-padded, §5.2.6).
inline constexpr unsigned BLK_SERIAL_LEN = 20;

// What a bio asks for (Linux enum req_op); DRV_IN reads the device's serial into the buffer.
enum req_op : u8 { REQ_OP_READ, REQ_OP_WRITE, REQ_OP_FLUSH, REQ_OP_DRV_IN };

struct block_device_operations {
    // Queues the bio; the driver calls bio_endio once the device finished it (on any hart, in
    // interrupt context) or right away when it cannot be queued.
    void (*submit_bio)(bio* b);
};

struct block_device {
    char name[8];              // "vda"
    u64 nr_sectors;            // capacity in 512-byte sectors
    bool read_only;
    const block_device_operations* ops;
    void* private_data;        // the driver's
    list_head list;            // all_bdevs
};

// One request: op on [sector, sector + len / 512) to or from the buffer buf, which is
// physically contiguous (page allocator, kmalloc or a kernel stack).
struct bio {
    block_device* bdev;
    req_op op;
    u64 sector;
    void* buf;
    u32 len;                   // bytes: a multiple of 512 for reads and writes, 0 for flush
    int status;                // 0 or -errno once ended
    void (*end_io)(bio* b);
    void* priv;                // the submitter's
};

// Registers a disk under its name; the driver has filled it.
void add_disk(block_device* bdev);
// The disk of that name, or nullptr.
block_device* blkdev_get_by_name(const char* name);
// Disks in registration order: the first with prev nullptr, nullptr after the last.
block_device* blkdev_next(block_device* prev);

// Checks the bio against its device (Linux bio_check_eod, bio_check_ro) and hands it to the
// driver; a bad one ends at once with -EIO or -EROFS.
void submit_bio(bio* b);
// Called by the driver when a bio is done.
void bio_endio(bio* b, int status);
// Submits and sleeps until the bio has ended; its status.
int submit_bio_wait(bio* b);

// Synchronous helpers over submit_bio_wait: 0 or -errno.
int blkdev_read(block_device* bdev, u64 sector, void* buf, u32 nr_sectors);
int blkdev_write(block_device* bdev, u64 sector, const void* buf, u32 nr_sectors);
int blkdev_issue_flush(block_device* bdev);
// The device's serial (BLK_SERIAL_LEN bytes, NUL-padded) into serial[BLK_SERIAL_LEN + 1].
int blkdev_get_serial(block_device* bdev, char* serial);
