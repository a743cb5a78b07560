// [virtio]: where the virtio-mmio transports sit (QEMU virt's eight slots from 0x1000_1000, one
// per 4 KiB, PLIC sources 1..8) and the queue size they offer.
#pragma once

#include <cstdint>

#include "common/config/key_table.h"
#include "common/types.h"

namespace memvp {

struct VirtioConfig {
  PhysAddr base{0x1000'1000};         // QEMU virt VIRT_VIRTIO
  std::uint32_t slots = 8;            // VIRTIO_COUNT
  std::uint64_t slot_size = 0x1000;   // each transport's window
  std::uint32_t queue_size = 256;     // QueueNumMax
  std::uint32_t first_irq = 1;        // slot n raises PLIC source first_irq + n (VIRTIO_IRQ)
};

[[nodiscard]] const KeyTable<VirtioConfig>& virtio_keys();

}  // namespace memvp
