// The virtio block driver (virtio spec 1.1 §5.2; Linux drivers/block/virtio_blk.c): one
// virtqueue, one request per bio as a descriptor chain of header (device-readable), data and
// status byte (device-writable), §5.2.6. Disks are named vda, vdb, … in probe (DTB) order.
// Features used: RO (report and refuse writes), FLUSH (the write cache is flushed on request);
// anything else is refused, so a data buffer is one descriptor (no SEG_MAX) of any size.
#include "block/blkdev.h"
#include "drivers/virtio/virtio.h"
#include "drivers/virtio/virtio_ring.h"
#include "kernel/completion.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/spinlock.h"
#include "mm/slab.h"

namespace {

// §5.2.3 Feature bits.
constexpr unsigned VIRTIO_BLK_F_RO = 5, VIRTIO_BLK_F_FLUSH = 9;
// §5.2.6 request types and status values.
constexpr u32 VIRTIO_BLK_T_IN = 0, VIRTIO_BLK_T_OUT = 1, VIRTIO_BLK_T_FLUSH = 4, VIRTIO_BLK_T_GET_ID = 8;
constexpr u8 VIRTIO_BLK_S_OK = 0, VIRTIO_BLK_S_IOERR = 1, VIRTIO_BLK_S_UNSUPP = 2;
constexpr unsigned VIRTIO_BLK_CFG_CAPACITY = 0;  // §5.2.4: le64, in 512-byte sectors
constexpr unsigned VIRTBLK_QUEUE_MAX = 128;
constexpr unsigned VIRTBLK_MAX_CHAIN = 3;  // header, data, status

struct virtio_blk_outhdr {
    u32 type;
    u32 ioprio;  // "reserved" in §5.2.6
    u64 sector;
};

struct virtblk_req {
    virtio_blk_outhdr hdr;
    u8 status;
    bio* b;
};

// A submitter waiting for free descriptors.
struct virtblk_space_waiter {
    list_head node;
    completion space;
};

struct virtio_blk {
    block_device disk;
    virtio_device* vdev;
    virtqueue* vq;
    spinlock_t lock;           // the virtqueue and space_waiters
    list_head space_waiters;
};

unsigned disk_index;

int status_to_errno(u8 status)
{
    if (status == VIRTIO_BLK_S_OK) return 0;
    return status == VIRTIO_BLK_S_UNSUPP ? -EOPNOTSUPP : -EIO;
}

// The used-ring callback, in interrupt context: end every finished request, then let the
// submitters that waited for descriptors retry.
void virtblk_done(virtqueue* vq)
{
    virtio_blk* vblk = static_cast<virtio_blk*>(vq->vdev->priv);
    list_head ready;
    INIT_LIST_HEAD(&ready);
    unsigned long flags = spin_lock_irqsave(&vblk->lock);
    u32 len;
    while (virtblk_req* req = static_cast<virtblk_req*>(virtqueue_get_buf(vq, &len))) {
        bio* b = req->b;
        const int err = status_to_errno(req->status);
        kfree(req);
        bio_endio(b, err);
    }
    while (!list_empty(&vblk->space_waiters)) list_move(vblk->space_waiters.next, &ready);
    spin_unlock_irqrestore(&vblk->lock, flags);
    while (!list_empty(&ready)) {
        virtblk_space_waiter* w = list_first_entry(&ready, virtblk_space_waiter, node);
        list_del(&w->node);
        complete(&w->space);
    }
}

u32 request_type(req_op op)
{
    switch (op) {
    case REQ_OP_READ: return VIRTIO_BLK_T_IN;
    case REQ_OP_WRITE: return VIRTIO_BLK_T_OUT;
    case REQ_OP_FLUSH: return VIRTIO_BLK_T_FLUSH;
    default: return VIRTIO_BLK_T_GET_ID;
    }
}

// Queues a request; sleeps while the ring is full.
void virtblk_submit_bio(bio* b)
{
    virtio_blk* vblk = static_cast<virtio_blk*>(b->bdev->private_data);
    if (b->op == REQ_OP_FLUSH && !virtio_has_feature(vblk->vdev, VIRTIO_BLK_F_FLUSH)) {
        bio_endio(b, 0);  // no volatile write cache: nothing to flush (§5.2.6.2)
        return;
    }
    virtblk_req* req = static_cast<virtblk_req*>(kzalloc(sizeof(virtblk_req), GFP_KERNEL));
    if (!req) {
        bio_endio(b, -ENOMEM);
        return;
    }
    req->hdr = virtio_blk_outhdr{request_type(b->op), 0, b->op == REQ_OP_FLUSH || b->op == REQ_OP_DRV_IN ? 0 : b->sector};
    req->status = 0xff;  // a device that never writes it is noticed
    req->b = b;
    vring_sg sgs[VIRTBLK_MAX_CHAIN];
    unsigned out = 0, in = 0;
    sgs[out++] = vring_sg{&req->hdr, sizeof(req->hdr)};
    if (b->op == REQ_OP_WRITE) sgs[out++] = vring_sg{b->buf, b->len};
    else if (b->len) sgs[out + in++] = vring_sg{b->buf, b->len};
    sgs[out + in++] = vring_sg{&req->status, 1};
    for (;;) {
        unsigned long flags = spin_lock_irqsave(&vblk->lock);
        if (virtqueue_add_sgs(vblk->vq, sgs, out, in, req) == 0) {
            virtqueue_kick(vblk->vq);
            spin_unlock_irqrestore(&vblk->lock, flags);
            return;
        }
        virtblk_space_waiter w;
        init_completion(&w.space);
        list_add_tail(&w.node, &vblk->space_waiters);
        spin_unlock_irqrestore(&vblk->lock, flags);
        wait_for_completion(&w.space);
    }
}

const block_device_operations virtblk_fops = {virtblk_submit_bio};

int virtblk_probe(virtio_device* vdev)
{
    virtio_blk* vblk = static_cast<virtio_blk*>(kzalloc(sizeof(virtio_blk), GFP_KERNEL));
    if (!vblk) return -ENOMEM;
    vdev->priv = vblk;
    vblk->vdev = vdev;
    spin_lock_init(&vblk->lock);
    INIT_LIST_HEAD(&vblk->space_waiters);
    vblk->vq = vdev->config->find_vq(vdev, 0, VIRTBLK_MAX_CHAIN, VIRTBLK_QUEUE_MAX, virtblk_done);
    if (!vblk->vq) {
        printk("%s: cannot set up virtqueue 0\n", vdev->config->bus_name(vdev));
        kfree(vblk);
        return -ENODEV;
    }
    block_device& d = vblk->disk;
    const unsigned index = disk_index++;
    d.name[0] = 'v', d.name[1] = 'd', d.name[2] = char('a' + index % 26), d.name[3] = '\0';
    d.nr_sectors = vdev->config->get_config(vdev, VIRTIO_BLK_CFG_CAPACITY, 8);
    d.read_only = virtio_has_feature(vdev, VIRTIO_BLK_F_RO);
    d.ops = &virtblk_fops;
    d.private_data = vblk;
    const u64 kib = d.nr_sectors / 2;
    printk("virtio_blk %s: %s, %lu sectors (%lu %s), %s\n", d.name, vdev->config->bus_name(vdev),
           (unsigned long)d.nr_sectors, (unsigned long)(kib >= 1024 ? kib / 1024 : kib), kib >= 1024 ? "MiB" : "KiB",
           d.read_only ? "read-only" : "read-write");
    add_disk(&d);
    return 0;
}

const unsigned virtblk_features[] = {VIRTIO_BLK_F_RO, VIRTIO_BLK_F_FLUSH};

}  // namespace

extern const virtio_driver virtio_blk_driver = {
    "virtio_blk", VIRTIO_ID_BLOCK, virtblk_features, sizeof(virtblk_features) / sizeof(virtblk_features[0]),
    virtblk_probe,
};
