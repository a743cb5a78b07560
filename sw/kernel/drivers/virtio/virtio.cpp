// The virtio core (Linux drivers/virtio/virtio.c): matches a device to its driver and runs the
// driver side of device initialisation, virtio spec 1.1 §3.1.1: ACKNOWLEDGE (the transport),
// DRIVER, feature negotiation, FEATURES_OK and its read-back (not for legacy devices, §3.1.2),
// the driver's setup, DRIVER_OK.
#include "drivers/virtio/virtio.h"

#include "kernel/errno.h"
#include "kernel/printk.h"

extern const virtio_driver virtio_blk_driver;

namespace {

const virtio_driver* const virtio_drivers[] = {&virtio_blk_driver};

const virtio_driver* find_driver(u32 device_id)
{
    for (const virtio_driver* drv : virtio_drivers)
        if (drv->device_id == device_id) return drv;
    return nullptr;
}

void add_status(virtio_device* vdev, u8 bits) { vdev->config->set_status(vdev, vdev->config->get_status(vdev) | bits); }

// §2.2: accept only what both sides know. A non-legacy device must offer VERSION_1 (§6.1).
int negotiate_features(virtio_device* vdev, const virtio_driver* drv)
{
    const u64 offered = vdev->config->get_features(vdev);
    u64 wanted = 0;
    for (unsigned i = 0; i < drv->feature_table_size; ++i) wanted |= 1ULL << drv->feature_table[i];
    if (!vdev->legacy) {
        if (!(offered >> VIRTIO_F_VERSION_1 & 1)) {
            printk("%s: device does not offer VIRTIO_F_VERSION_1\n", vdev->config->bus_name(vdev));
            return -ENODEV;
        }
        wanted |= 1ULL << VIRTIO_F_VERSION_1;
    }
    vdev->features = offered & wanted;
    vdev->config->finalize_features(vdev);
    if (vdev->legacy) return 0;
    add_status(vdev, VIRTIO_CONFIG_S_FEATURES_OK);
    if (!(vdev->config->get_status(vdev) & VIRTIO_CONFIG_S_FEATURES_OK)) {
        printk("%s: device refused features %#lx\n", vdev->config->bus_name(vdev), (unsigned long)vdev->features);
        return -ENODEV;
    }
    return 0;
}

}  // namespace

int register_virtio_device(virtio_device* vdev)
{
    const virtio_driver* drv = find_driver(vdev->device_id);
    if (!drv) {
        printk("%s: no driver for virtio device type %u\n", vdev->config->bus_name(vdev), vdev->device_id);
        vdev->config->reset(vdev);
        return -ENODEV;
    }
    add_status(vdev, VIRTIO_CONFIG_S_DRIVER);
    int err = negotiate_features(vdev, drv);
    if (!err) err = drv->probe(vdev);
    if (err) {
        add_status(vdev, VIRTIO_CONFIG_S_FAILED);
        return err;
    }
    add_status(vdev, VIRTIO_CONFIG_S_DRIVER_OK);
    return 0;
}
