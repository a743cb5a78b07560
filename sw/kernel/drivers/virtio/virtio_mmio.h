// The virtio-mmio transport (virtio spec 1.1 §4.2; Linux drivers/virtio/virtio_mmio.c).
#pragma once

// Probes every virtio,mmio node of the DTB in DTB order and registers each device found with
// the virtio core; empty slots (DeviceID 0) are skipped silently, bad ones with one message.
// After the PLIC and the other harts are up.
void virtio_mmio_init();
