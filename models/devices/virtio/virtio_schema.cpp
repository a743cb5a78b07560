// [virtio] keys: the slots' base and count, and QueueNumMax (a power of two up to the split
// virtqueue's 32768, virtio 1.2 §2.7).
#include "devices/virtio/virtio_schema.h"

namespace memvp {

const KeyTable<VirtioConfig>& virtio_keys() {
  static const KeyTable<VirtioConfig> keys{{
      page_address_key("base", &VirtioConfig::base),
      uint_key("slots", &VirtioConfig::slots, 0, 64),
      pow2_key("queue_size", &VirtioConfig::queue_size, 4, 32768),
  }};
  return keys;
}

}  // namespace memvp
