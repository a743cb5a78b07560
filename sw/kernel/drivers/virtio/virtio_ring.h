// Split virtqueues (virtio spec 1.1 §2.6; Linux <linux/virtio_ring.h>): a descriptor table,
// the available ring the driver fills and the used ring the device fills, in one physically
// contiguous block from the page allocator laid out as §2.6.2 prescribes for legacy devices
// (which also satisfies the alignments of §2.6), so both transport versions share it.
#pragma once

#include "kernel/types.h"

struct virtio_device;

// §2.6.5 The Virtqueue Descriptor Table.
inline constexpr u16 VRING_DESC_F_NEXT = 1, VRING_DESC_F_WRITE = 2;
inline constexpr unsigned VRING_LEGACY_ALIGN = 4096;  // §2.6.2: used ring on a page boundary

struct vring_desc {
    u64 addr;
    u32 len;
    u16 flags;
    u16 next;
};

struct vring_avail {  // §2.6.6
    u16 flags;
    u16 idx;
    u16 ring[];
};

struct vring_used_elem {
    u32 id;   // head of the used descriptor chain
    u32 len;  // bytes the device wrote into it
};

struct vring_used {  // §2.6.8
    u16 flags;
    u16 idx;
    vring_used_elem ring[];
};

// One buffer of a request: device-readable (out) or device-writable (in).
struct vring_sg {
    const void* buf;  // in the direct map or the kernel image
    u32 len;
};

struct virtqueue {
    virtio_device* vdev;
    unsigned index;
    unsigned num;                  // entries, a power of 2 (§2.6)
    void (*callback)(virtqueue* vq);
    void (*notify)(virtqueue* vq); // the transport's doorbell
    void* priv;                    // the transport's
    vring_desc* desc;
    vring_avail* avail;
    vring_used* used;
    PhysAddr desc_pa, avail_pa, used_pa;
    void* ring_mem;
    unsigned ring_order;
    unsigned num_free;
    u16 free_head;                 // free descriptors are chained through next
    u16 avail_idx;                 // the driver's copy of avail->idx
    u16 last_used_idx;             // used entries consumed so far
    void** data;                   // the token of each chain, by head index
};

// Allocates and zeroes a ring of num entries (a power of 2); nullptr without memory.
virtqueue* vring_create_virtqueue(virtio_device* vdev, unsigned index, unsigned num,
                                  void (*notify)(virtqueue*), void (*callback)(virtqueue*));
// Bytes of the ring for num entries (§2.6.2 layout).
unsigned long vring_size(unsigned num);
// The guest physical address of a buffer handed to the device.
PhysAddr virt_to_dma(const void* p);

// Chains out_sgs device-readable then in_sgs device-writable buffers and makes the chain
// available with token data (§2.6.13). The caller serialises calls on one queue. 0, or -ENOSPC
// when too few descriptors are free.
int virtqueue_add_sgs(virtqueue* vq, const vring_sg* sgs, unsigned out_sgs, unsigned in_sgs, void* data);
// Notifies the device of new available buffers (§2.6.13.4).
void virtqueue_kick(virtqueue* vq);
// The token of the next chain the device used, freeing its descriptors, with the bytes it
// wrote in *len; nullptr when there is none. Caller serialises as for add.
void* virtqueue_get_buf(virtqueue* vq, u32* len);
// From the transport's interrupt handler: runs the callback if the device used buffers.
bool vring_interrupt(virtqueue* vq);
