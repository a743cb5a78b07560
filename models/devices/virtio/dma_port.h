// How a virtio device reaches guest memory: reads and writes of guest-physical ranges, each of
// which succeeds or fails as a whole. The transport implements it with TLM transactions that cost
// memory-system time (VirtioMmio); host tests implement it over a byte vector.
#pragma once

#include <cstddef>
#include <cstdint>

namespace memvp::virtio {

class DmaPort {
 public:
  // False when any byte of [addr, addr + len) is not memory the device may reach.
  virtual bool read(std::uint64_t addr, void* data, std::size_t len) = 0;
  virtual bool write(std::uint64_t addr, const void* data, std::size_t len) = 0;

 protected:
  ~DmaPort() = default;
};

}  // namespace memvp::virtio
