// The virtio-mmio transport (virtio spec 1.1 §4.2): one register window per DTB node. Version 2
// devices get the modern setup (§4.2.3.2: QueueNum, the three ring addresses, QueueReady);
// version 1 (legacy, §4.2.4, QEMU's default) GuestPageSize, QueueAlign and QueuePFN over the
// same contiguous ring. The interrupt handler acknowledges InterruptStatus (§4.2.3.4) and runs
// the virtqueue callbacks.
#include "drivers/virtio/virtio_mmio.h"

#include "asm/io.h"
#include "boot/boot_params.h"
#include "drivers/irqchip/irq-sifive-plic.h"
#include "drivers/virtio/virtio.h"
#include "drivers/virtio/virtio_ring.h"
#include "kernel/errno.h"
#include "kernel/interrupt.h"
#include "kernel/printk.h"
#include "kernel/seq_buf.h"
#include "mm/slab.h"

namespace {

// §4.2.2 MMIO Device Register Layout (and §4.2.4 for the legacy-only registers).
enum : unsigned {
    VIRTIO_MMIO_MAGIC_VALUE = 0x000,
    VIRTIO_MMIO_VERSION = 0x004,
    VIRTIO_MMIO_DEVICE_ID = 0x008,
    VIRTIO_MMIO_VENDOR_ID = 0x00c,
    VIRTIO_MMIO_DEVICE_FEATURES = 0x010,
    VIRTIO_MMIO_DEVICE_FEATURES_SEL = 0x014,
    VIRTIO_MMIO_DRIVER_FEATURES = 0x020,
    VIRTIO_MMIO_DRIVER_FEATURES_SEL = 0x024,
    VIRTIO_MMIO_GUEST_PAGE_SIZE = 0x028,  // legacy
    VIRTIO_MMIO_QUEUE_SEL = 0x030,
    VIRTIO_MMIO_QUEUE_NUM_MAX = 0x034,
    VIRTIO_MMIO_QUEUE_NUM = 0x038,
    VIRTIO_MMIO_QUEUE_ALIGN = 0x03c,      // legacy
    VIRTIO_MMIO_QUEUE_PFN = 0x040,        // legacy
    VIRTIO_MMIO_QUEUE_READY = 0x044,
    VIRTIO_MMIO_QUEUE_NOTIFY = 0x050,
    VIRTIO_MMIO_INTERRUPT_STATUS = 0x060,
    VIRTIO_MMIO_INTERRUPT_ACK = 0x064,
    VIRTIO_MMIO_STATUS = 0x070,
    VIRTIO_MMIO_QUEUE_DESC_LOW = 0x080,
    VIRTIO_MMIO_QUEUE_DESC_HIGH = 0x084,
    VIRTIO_MMIO_QUEUE_AVAIL_LOW = 0x090,   // QueueDriver
    VIRTIO_MMIO_QUEUE_AVAIL_HIGH = 0x094,
    VIRTIO_MMIO_QUEUE_USED_LOW = 0x0a0,    // QueueDevice
    VIRTIO_MMIO_QUEUE_USED_HIGH = 0x0a4,
    VIRTIO_MMIO_CONFIG_GENERATION = 0x0fc,
    VIRTIO_MMIO_CONFIG = 0x100,
};
constexpr u32 VIRTIO_MMIO_MAGIC = 0x74726976;  // "virt"
constexpr u32 VIRTIO_MMIO_INT_VRING = 1, VIRTIO_MMIO_INT_CONFIG = 2;
constexpr unsigned MAX_VQS = 4;

struct virtio_mmio_device {
    virtio_device vdev;  // first: the core's pointer converts back
    u8* base;
    u32 version;
    virtqueue* vqs[MAX_VQS];
    char name[48];
};

virtio_mmio_device* to_vm(virtio_device* vdev) { return reinterpret_cast<virtio_mmio_device*>(vdev); }
u32 vm_read(virtio_mmio_device* vm, unsigned reg) { return readl(vm->base + reg); }
void vm_write(virtio_mmio_device* vm, unsigned reg, u32 value) { writel(value, vm->base + reg); }

// §4.2.2.2: configuration fields by their width, 64-bit ones as two 32-bit halves; a version 2
// device may change them meanwhile, so read until ConfigGeneration is stable (§2.4.1).
u64 vm_get_config(virtio_device* vdev, unsigned offset, unsigned len)
{
    virtio_mmio_device* vm = to_vm(vdev);
    u8* cfg = vm->base + VIRTIO_MMIO_CONFIG + offset;
    u64 v;
    u32 gen;
    do {
        gen = vm->version >= 2 ? vm_read(vm, VIRTIO_MMIO_CONFIG_GENERATION) : 0;
        if (len == 1) v = readb(cfg);
        else if (len == 2) v = *reinterpret_cast<volatile u16*>(cfg);
        else if (len == 4) v = readl(cfg);
        else v = readl(cfg) | u64(readl(cfg + 4)) << 32;
    } while (vm->version >= 2 && gen != vm_read(vm, VIRTIO_MMIO_CONFIG_GENERATION));
    return v;
}

u8 vm_get_status(virtio_device* vdev) { return u8(vm_read(to_vm(vdev), VIRTIO_MMIO_STATUS)); }
void vm_set_status(virtio_device* vdev, u8 status) { vm_write(to_vm(vdev), VIRTIO_MMIO_STATUS, status); }
// §4.2.2.1: writing 0 to Status resets the device; it reads 0 once the reset is done. A device
// that never finishes is given up on rather than waited for forever.
bool vm_try_reset(virtio_mmio_device* vm)
{
    vm_write(vm, VIRTIO_MMIO_STATUS, 0);
    for (unsigned spins = 0; spins < 1000000; ++spins)
        if (vm_read(vm, VIRTIO_MMIO_STATUS) == 0) return true;
    return false;
}

void vm_reset(virtio_device* vdev) { vm_try_reset(to_vm(vdev)); }

u64 vm_get_features(virtio_device* vdev)
{
    virtio_mmio_device* vm = to_vm(vdev);
    vm_write(vm, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
    u64 f = u64(vm_read(vm, VIRTIO_MMIO_DEVICE_FEATURES)) << 32;
    vm_write(vm, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
    return f | vm_read(vm, VIRTIO_MMIO_DEVICE_FEATURES);
}

void vm_finalize_features(virtio_device* vdev)
{
    virtio_mmio_device* vm = to_vm(vdev);
    vm_write(vm, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
    vm_write(vm, VIRTIO_MMIO_DRIVER_FEATURES, u32(vdev->features >> 32));
    vm_write(vm, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
    vm_write(vm, VIRTIO_MMIO_DRIVER_FEATURES, u32(vdev->features));
}

void vm_notify(virtqueue* vq) { vm_write(static_cast<virtio_mmio_device*>(vq->priv), VIRTIO_MMIO_QUEUE_NOTIFY, vq->index); }

// The largest power of 2 not above both limits.
unsigned queue_size(unsigned max_dev, unsigned max_drv)
{
    unsigned num = 1;
    while (num * 2 <= max_dev && num * 2 <= max_drv) num *= 2;
    return num;
}

virtqueue* vm_find_vq(virtio_device* vdev, unsigned index, unsigned min_num, unsigned max_num,
                      void (*callback)(virtqueue*))
{
    virtio_mmio_device* vm = to_vm(vdev);
    if (index >= MAX_VQS) return nullptr;
    vm_write(vm, VIRTIO_MMIO_QUEUE_SEL, index);
    const bool in_use = vm->version >= 2 ? vm_read(vm, VIRTIO_MMIO_QUEUE_READY) : vm_read(vm, VIRTIO_MMIO_QUEUE_PFN);
    const u32 max_dev = vm_read(vm, VIRTIO_MMIO_QUEUE_NUM_MAX);
    if (in_use || max_dev < min_num) return nullptr;
    virtqueue* vq = vring_create_virtqueue(vdev, index, queue_size(max_dev, max_num), vm_notify, callback);
    if (!vq) return nullptr;
    vq->priv = vm;
    vm_write(vm, VIRTIO_MMIO_QUEUE_NUM, vq->num);
    if (vm->version >= 2) {
        vm_write(vm, VIRTIO_MMIO_QUEUE_DESC_LOW, u32(vq->desc_pa.value));
        vm_write(vm, VIRTIO_MMIO_QUEUE_DESC_HIGH, u32(vq->desc_pa.value >> 32));
        vm_write(vm, VIRTIO_MMIO_QUEUE_AVAIL_LOW, u32(vq->avail_pa.value));
        vm_write(vm, VIRTIO_MMIO_QUEUE_AVAIL_HIGH, u32(vq->avail_pa.value >> 32));
        vm_write(vm, VIRTIO_MMIO_QUEUE_USED_LOW, u32(vq->used_pa.value));
        vm_write(vm, VIRTIO_MMIO_QUEUE_USED_HIGH, u32(vq->used_pa.value >> 32));
        vm_write(vm, VIRTIO_MMIO_QUEUE_READY, 1);
    } else {
        vm_write(vm, VIRTIO_MMIO_QUEUE_ALIGN, VRING_LEGACY_ALIGN);
        vm_write(vm, VIRTIO_MMIO_QUEUE_PFN, u32(vq->desc_pa.value >> PAGE_SHIFT));
    }
    vm->vqs[index] = vq;
    return vq;
}

const char* vm_bus_name(virtio_device* vdev) { return to_vm(vdev)->name; }

const virtio_config_ops virtio_mmio_config_ops = {
    vm_get_config, vm_get_status, vm_set_status, vm_reset, vm_get_features,
    vm_finalize_features, vm_find_vq, vm_bus_name,
};

irqreturn_t vm_interrupt(unsigned, void* dev_id)
{
    virtio_mmio_device* vm = static_cast<virtio_mmio_device*>(dev_id);
    const u32 status = vm_read(vm, VIRTIO_MMIO_INTERRUPT_STATUS);
    vm_write(vm, VIRTIO_MMIO_INTERRUPT_ACK, status);
    if (status & VIRTIO_MMIO_INT_VRING)
        for (virtqueue* vq : vm->vqs)
            if (vq) vring_interrupt(vq);
    return status ? IRQ_HANDLED : IRQ_NONE;
}

// One slot: check the window, reset, ACKNOWLEDGE, hand over to the core (§4.2.3.1.1).
void virtio_mmio_probe(const fdt_virtio_mmio& node)
{
    u8* base = static_cast<u8*>(ioremap(PhysAddr{node.base}));
    if (readl(base + VIRTIO_MMIO_MAGIC_VALUE) != VIRTIO_MMIO_MAGIC) {
        printk("virtio-mmio %#lx: bad magic value, skipped\n", (unsigned long)node.base);
        return;
    }
    const u32 version = readl(base + VIRTIO_MMIO_VERSION);
    if (version != 1 && version != 2) {
        printk("virtio-mmio %#lx: unsupported version %u, skipped\n", (unsigned long)node.base, version);
        return;
    }
    const u32 device_id = readl(base + VIRTIO_MMIO_DEVICE_ID);
    if (device_id == 0) return;  // an empty slot (§4.2.3.1.1)
    const unsigned irq = plic_irq_of(node.plic, node.irq);
    if (!irq) {
        printk("virtio-mmio %#lx: no PLIC takes its interrupt %u, skipped\n", (unsigned long)node.base, node.irq);
        return;
    }
    virtio_mmio_device* vm = static_cast<virtio_mmio_device*>(kzalloc(sizeof(virtio_mmio_device), GFP_KERNEL));
    if (!vm) return;
    vm->base = base;
    vm->version = version;
    vm->vdev.device_id = device_id;
    vm->vdev.vendor_id = readl(base + VIRTIO_MMIO_VENDOR_ID);
    vm->vdev.legacy = version == 1;
    vm->vdev.config = &virtio_mmio_config_ops;
    seq_buf s(vm->name, sizeof(vm->name));
    seq_buf_printf(&s, "virtio-mmio %#lx v%u irq %u", (unsigned long)node.base, version, node.irq);
    if (!vm_try_reset(vm)) {
        printk("%s: device does not reset, skipped\n", vm->name);
        kfree(vm);
        return;
    }
    vm_set_status(&vm->vdev, VIRTIO_CONFIG_S_ACKNOWLEDGE);
    // §4.2.4: a legacy device computes QueuePFN addresses in units of GuestPageSize.
    if (version == 1) vm_write(vm, VIRTIO_MMIO_GUEST_PAGE_SIZE, PAGE_SIZE);
    if (request_irq(irq, vm_interrupt, vm->name, vm) != 0 || register_virtio_device(&vm->vdev) != 0) {
        free_irq(irq, vm);
        vm_reset(&vm->vdev);
        kfree(vm);
    }
}

}  // namespace

void virtio_mmio_init()
{
    for (int i = 0; i < boot_params.nr_virtio_mmio; ++i) virtio_mmio_probe(boot_params.virtio_mmio[i]);
}
