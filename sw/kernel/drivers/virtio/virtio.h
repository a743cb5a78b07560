// The virtio core (Linux <linux/virtio.h>, <linux/virtio_config.h>; virtio spec 1.1 §2, §3):
// a device found by a transport, its status byte and feature negotiation, and the drivers that
// bind to device types. The only transport is virtio-mmio (virtio_mmio.cpp).
#pragma once

#include "kernel/types.h"

struct virtqueue;
struct virtio_device;

// Device status bits, §2.1.
inline constexpr u8 VIRTIO_CONFIG_S_ACKNOWLEDGE = 1, VIRTIO_CONFIG_S_DRIVER = 2, VIRTIO_CONFIG_S_DRIVER_OK = 4,
                    VIRTIO_CONFIG_S_FEATURES_OK = 8, VIRTIO_CONFIG_S_FAILED = 0x80;
// Reserved feature bits, §6: the device speaks the virtio 1.x (non-legacy) interface.
inline constexpr unsigned VIRTIO_F_VERSION_1 = 32;
// Device IDs, §5.
inline constexpr u32 VIRTIO_ID_BLOCK = 2;

// What a transport does for the core and drivers (Linux struct virtio_config_ops).
struct virtio_config_ops {
    // Device-specific configuration space, bytes [offset, offset + len): 1, 2, 4 or 8.
    u64 (*get_config)(virtio_device* vdev, unsigned offset, unsigned len);
    u8 (*get_status)(virtio_device* vdev);
    void (*set_status)(virtio_device* vdev, u8 status);
    void (*reset)(virtio_device* vdev);
    u64 (*get_features)(virtio_device* vdev);
    // Writes vdev->features to the device.
    void (*finalize_features)(virtio_device* vdev);
    // Sets up virtqueue index with min_num … max_num entries; callback runs in interrupt context
    // when the device has used buffers. nullptr on failure (also when the device's queue is
    // smaller than min_num, which a driver sets to its longest chain).
    virtqueue* (*find_vq)(virtio_device* vdev, unsigned index, unsigned min_num, unsigned max_num,
                          void (*callback)(virtqueue*));
    // One line naming the transport instance (e.g. "virtio-mmio 0x10008000 v2, irq 8").
    const char* (*bus_name)(virtio_device* vdev);
};

struct virtio_device {
    u32 device_id;
    u32 vendor_id;
    u64 features;                     // negotiated (driver's ∩ device's)
    bool legacy;                      // the transport speaks the pre-1.0 interface
    const virtio_config_ops* config;
    void* priv;                       // the driver's
};

// A driver of one device type (Linux struct virtio_driver).
struct virtio_driver {
    const char* name;
    u32 device_id;
    const unsigned* feature_table;    // the feature bits the driver can use
    unsigned feature_table_size;
    // Sets up queues and device state; 0 or -errno. The core sets DRIVER_OK after it.
    int (*probe)(virtio_device* vdev);
};

inline bool virtio_has_feature(const virtio_device* vdev, unsigned bit) { return vdev->features >> bit & 1; }

// The transport found a device (status ACKNOWLEDGE set): bind it to the driver of its type,
// negotiate features (§3.1.1 steps 3-8) and set DRIVER_OK. A device of no known type is
// reset and left alone; a failed negotiation or probe sets FAILED. 0 or -errno.
int register_virtio_device(virtio_device* vdev);
