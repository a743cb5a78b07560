// The device side of a split virtqueue (virtio 1.2 §2.7): the descriptor table, the driver
// ("available") ring and the device ("used") ring in guest memory, read and written through a
// DmaPort. pop() (or take(), after pending()) takes the next available descriptor chain and checks it as §2.7.5 and §2.7.5.3
// require of a driver; push_used() returns a chain with the number of bytes written into it.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "devices/virtio/dma_port.h"

namespace memvp::virtio {

// Descriptor flags (§2.7.5).
inline constexpr std::uint16_t kDescNext = 1, kDescWrite = 2, kDescIndirect = 4;
// Driver-ring flag asking the device not to interrupt (§2.7.7).
inline constexpr std::uint16_t kAvailNoInterrupt = 1;
inline constexpr std::uint32_t kDescBytes = 16;

// One buffer of a chain: guest-physical range and whether the device writes it.
struct VirtqBuffer {
  std::uint64_t addr;
  std::uint32_t len;
  bool device_writable;
};

struct VirtqChain {
  std::uint16_t head = 0;  // the descriptor index the used ring reports back
  std::vector<VirtqBuffer> buffers;
  // Total lengths of the device-readable (leading) and device-writable (trailing) buffers.
  [[nodiscard]] std::uint64_t readable_bytes() const;
  [[nodiscard]] std::uint64_t writable_bytes() const;
};

// Why a chain could not be taken. Each is a driver error the device cannot answer through the
// chain itself: the transport marks the device DEVICE_NEEDS_RESET (§2.1.2).
enum class ChainError {
  None,
  RingFault,           // a ring or descriptor table address is not memory
  IndexOutOfRange,     // a head or next index >= queue size
  TooLong,             // more descriptors than the queue (or table) holds: a loop
  IndirectNotOffered,  // INDIRECT without VIRTIO_F_INDIRECT_DESC negotiated
  IndirectBadTable,    // table length 0 or not a multiple of 16, INDIRECT with NEXT, nested INDIRECT
  ReadableAfterWritable,  // §2.7.4.2: device-readable buffers come first
  Unanswerable,        // a well-formed chain the device type cannot reply to (no status byte)
};
[[nodiscard]] std::string_view to_string(ChainError e);

class SplitVirtqueue {
 public:
  struct Layout {
    std::uint16_t size = 0;     // QueueNum: a power of two (§2.7)
    std::uint64_t desc = 0;     // descriptor table, 16-byte aligned
    std::uint64_t driver = 0;   // available ring, 2-byte aligned
    std::uint64_t device = 0;   // used ring, 4-byte aligned
  };

  SplitVirtqueue(const Layout& layout, bool indirect_negotiated)
      : layout_(layout), indirect_(indirect_negotiated) {}

  [[nodiscard]] const Layout& layout() const { return layout_; }

  // Chains the driver has made available and the device has not taken (reads the avail index);
  // -1 when the ring cannot be read.
  [[nodiscard]] int pending(DmaPort& mem) const;
  // Takes the next available chain into `out`: false with `error` None when there is none, false
  // with an error when the chain or the ring is malformed (the chain is consumed regardless).
  bool pop(DmaPort& mem, VirtqChain& out, ChainError& error);
  // The same once pending() has said a chain is available: the avail index is not read again.
  bool take(DmaPort& mem, VirtqChain& out, ChainError& error);
  // Puts (head, written) into the used ring and advances its index (§2.7.8); false on a ring fault.
  bool push_used(DmaPort& mem, std::uint16_t head, std::uint32_t written);
  // The driver asked for no interrupt (VIRTQ_AVAIL_F_NO_INTERRUPT; EVENT_IDX is not offered).
  [[nodiscard]] bool interrupt_suppressed(DmaPort& mem) const;

 private:
  struct Desc {
    std::uint64_t addr;
    std::uint32_t len;
    std::uint16_t flags, next;
  };
  // Reads descriptor i of the table at `table`.
  static bool read_desc(DmaPort& mem, std::uint64_t table, std::uint32_t i, Desc& d);
  ChainError walk(DmaPort& mem, std::uint64_t table, std::uint32_t entries, std::uint32_t i, bool in_indirect,
                  VirtqChain& out) const;

  Layout layout_;
  bool indirect_;
  std::uint16_t last_avail_ = 0;  // the next driver-ring slot to take, free-running mod 2^16
  std::uint16_t used_idx_ = 0;    // the device ring's index, free-running mod 2^16
};

}  // namespace memvp::virtio
