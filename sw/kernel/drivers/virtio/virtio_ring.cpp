// Split virtqueues (virtio spec 1.1 §2.6; Linux drivers/virtio/virtio_ring.c, split part):
// free descriptors form a chain through `next`; a request takes a chain from its head, the head
// index goes into the available ring, and the device hands it back through the used ring.
// Interrupts stay enabled (avail->flags = 0) and no event index is negotiated (§2.6.7).
#include "drivers/virtio/virtio_ring.h"

#include "asm/boot.h"
#include "asm/io.h"
#include "kernel/errno.h"
#include "mm/buddy.h"
#include "mm/memory_model.h"
#include "mm/slab.h"

namespace {

unsigned size_order(unsigned long bytes)
{
    unsigned order = 0;
    while ((PAGE_SIZE << order) < bytes) ++order;
    return order;
}

}  // namespace

// §2.6.2: descriptors (16 bytes each), then the available ring (flags, idx, ring[num],
// used_event), padded to the alignment, then the used ring (flags, idx, ring[num], avail_event).
unsigned long vring_size(unsigned num)
{
    return ALIGN(sizeof(vring_desc) * num + sizeof(u16) * (3 + num), VRING_LEGACY_ALIGN) + sizeof(u16) * 3 +
           sizeof(vring_used_elem) * num;
}

PhysAddr virt_to_dma(const void* p)
{
    const uintptr_t va = reinterpret_cast<uintptr_t>(p);
    if (va >= KERNEL_VIRT_ADDR) return PhysAddr{u64(va - KERNEL_VA_PA_DELTA)};  // the image's own data
    return virt_to_phys(p);
}

virtqueue* vring_create_virtqueue(virtio_device* vdev, unsigned index, unsigned num, void (*notify)(virtqueue*),
                                  void (*callback)(virtqueue*))
{
    virtqueue* vq = static_cast<virtqueue*>(kzalloc(sizeof(virtqueue), GFP_KERNEL));
    if (!vq) return nullptr;
    vq->data = static_cast<void**>(kzalloc(sizeof(void*) * num, GFP_KERNEL));
    vq->ring_order = size_order(vring_size(num));
    vq->ring_mem = vq->data ? __get_free_pages(GFP_KERNEL, vq->ring_order) : nullptr;
    if (!vq->ring_mem) {
        kfree(vq->data);
        kfree(vq);
        return nullptr;
    }
    __builtin_memset(vq->ring_mem, 0, PAGE_SIZE << vq->ring_order);
    char* base = static_cast<char*>(vq->ring_mem);
    vq->vdev = vdev;
    vq->index = index;
    vq->num = num;
    vq->notify = notify;
    vq->callback = callback;
    vq->desc = reinterpret_cast<vring_desc*>(base);
    vq->avail = reinterpret_cast<vring_avail*>(base + sizeof(vring_desc) * num);
    vq->used = reinterpret_cast<vring_used*>(base + ALIGN(sizeof(vring_desc) * num + sizeof(u16) * (3 + num),
                                                          VRING_LEGACY_ALIGN));
    vq->desc_pa = virt_to_dma(vq->desc);
    vq->avail_pa = virt_to_dma(vq->avail);
    vq->used_pa = virt_to_dma(vq->used);
    for (unsigned i = 0; i + 1 < num; ++i) vq->desc[i].next = u16(i + 1);
    vq->num_free = num;
    return vq;
}

int virtqueue_add_sgs(virtqueue* vq, const vring_sg* sgs, unsigned out_sgs, unsigned in_sgs, void* data)
{
    const unsigned total = out_sgs + in_sgs;
    if (total == 0 || total > vq->num_free) return -ENOSPC;
    const u16 head = vq->free_head;
    u16 i = head, last = head;
    for (unsigned n = 0; n < total; ++n) {
        vring_desc& d = vq->desc[i];
        d.addr = virt_to_dma(sgs[n].buf).value;
        d.len = sgs[n].len;
        d.flags = u16((n >= out_sgs ? VRING_DESC_F_WRITE : 0) | (n + 1 < total ? VRING_DESC_F_NEXT : 0));
        last = i;
        i = d.next;
    }
    vq->free_head = vq->desc[last].next;
    vq->num_free -= total;
    vq->data[head] = data;
    // §2.6.13.2-3: the ring entry, then (after a write barrier) the index that publishes it.
    vq->avail->ring[vq->avail_idx % vq->num] = head;
    dma_wmb();
    vq->avail->idx = ++vq->avail_idx;
    return 0;
}

void virtqueue_kick(virtqueue* vq)
{
    mb();  // §2.6.13.4: avail->idx is visible before the device is told
    vq->notify(vq);
}

void* virtqueue_get_buf(virtqueue* vq, u32* len)
{
    if (vq->last_used_idx == __atomic_load_n(&vq->used->idx, __ATOMIC_RELAXED)) return nullptr;
    dma_rmb();  // the entry is read only after the index that published it (§2.6.8)
    const vring_used_elem& e = vq->used->ring[vq->last_used_idx % vq->num];
    ++vq->last_used_idx;
    const u32 head = e.id;
    if (len) *len = e.len;
    if (head >= vq->num || !vq->data[head]) return nullptr;  // a device bug: ignore the entry
    void* token = vq->data[head];
    vq->data[head] = nullptr;
    // Return the chain to the free list.
    u16 i = u16(head);
    unsigned n = 1;
    while (vq->desc[i].flags & VRING_DESC_F_NEXT) i = vq->desc[i].next, ++n;
    vq->desc[i].next = vq->free_head;
    vq->free_head = u16(head);
    vq->num_free += n;
    return token;
}

bool vring_interrupt(virtqueue* vq)
{
    if (vq->last_used_idx == __atomic_load_n(&vq->used->idx, __ATOMIC_RELAXED)) return false;
    if (vq->callback) vq->callback(vq);
    return true;
}
