// Split virtqueue walking (virtio 1.2 §2.7.5 descriptor chains, §2.7.5.3 indirect tables, §2.7.6
// the driver ring, §2.7.8 the device ring). Ring offsets: driver ring = flags, idx, ring[size],
// used_event; device ring = flags, idx, {id, len}[size], avail_event.
#include "devices/virtio/virtqueue.h"

#include <array>

#include "devices/virtio/le.h"

namespace memvp::virtio {

namespace {

constexpr std::uint64_t kAvailIdx = 2, kAvailRing = 4;
constexpr std::uint64_t kUsedIdx = 2, kUsedRing = 4, kUsedElemBytes = 8;

bool read_u16(DmaPort& mem, std::uint64_t addr, std::uint16_t& v) {
  std::array<std::uint8_t, 2> b{};
  if (!mem.read(addr, b.data(), b.size())) return false;
  v = load_le<std::uint16_t>(b.data());
  return true;
}

}  // namespace

std::uint64_t VirtqChain::readable_bytes() const {
  std::uint64_t n = 0;
  for (const VirtqBuffer& b : buffers) n += b.device_writable ? 0 : b.len;
  return n;
}

std::uint64_t VirtqChain::writable_bytes() const {
  std::uint64_t n = 0;
  for (const VirtqBuffer& b : buffers) n += b.device_writable ? b.len : 0;
  return n;
}

std::string_view to_string(ChainError e) {
  switch (e) {
    case ChainError::None: return "none";
    case ChainError::RingFault: return "a ring or descriptor address is not memory";
    case ChainError::IndexOutOfRange: return "a descriptor index is beyond the queue size";
    case ChainError::TooLong: return "a descriptor chain is longer than its table (a loop)";
    case ChainError::IndirectNotOffered: return "an indirect descriptor without VIRTIO_F_INDIRECT_DESC";
    case ChainError::IndirectBadTable: return "a malformed indirect descriptor table";
    case ChainError::ReadableAfterWritable: return "a device-readable buffer after a device-writable one";
    case ChainError::Unanswerable: return "a request the device cannot answer (no room for its status)";
  }
  return "?";
}

int SplitVirtqueue::pending(DmaPort& mem) const {
  std::uint16_t idx = 0;
  if (!read_u16(mem, layout_.driver + kAvailIdx, idx)) return -1;
  return static_cast<std::uint16_t>(idx - last_avail_);
}

bool SplitVirtqueue::interrupt_suppressed(DmaPort& mem) const {
  std::uint16_t flags = 0;
  return read_u16(mem, layout_.driver, flags) && (flags & kAvailNoInterrupt) != 0;
}

bool SplitVirtqueue::read_desc(DmaPort& mem, std::uint64_t table, std::uint32_t i, Desc& d) {
  std::array<std::uint8_t, kDescBytes> b{};
  if (!mem.read(table + std::uint64_t{i} * kDescBytes, b.data(), b.size())) return false;
  d = {load_le<std::uint64_t>(b.data()), load_le<std::uint32_t>(b.data() + 8), load_le<std::uint16_t>(b.data() + 12),
       load_le<std::uint16_t>(b.data() + 14)};
  return true;
}

bool SplitVirtqueue::pop(DmaPort& mem, VirtqChain& out, ChainError& error) {
  error = ChainError::None;
  out.buffers.clear();
  const int n = pending(mem);
  if (n < 0) {
    error = ChainError::RingFault;
    return false;
  }
  if (n == 0) return false;
  return take(mem, out, error);
}

bool SplitVirtqueue::take(DmaPort& mem, VirtqChain& out, ChainError& error) {
  error = ChainError::None;
  out.buffers.clear();
  std::uint16_t head = 0;
  const std::uint64_t slot = layout_.driver + kAvailRing + 2ULL * (last_avail_ % layout_.size);
  if (!read_u16(mem, slot, head)) {
    error = ChainError::RingFault;
    return false;
  }
  ++last_avail_;
  out.head = head;
  error = walk(mem, layout_.desc, layout_.size, head, false, out);
  return error == ChainError::None;
}

// Walks a chain through `table` (the queue's own, or an indirect one of `entries` descriptors
// starting at index 0) from descriptor `i`.
ChainError SplitVirtqueue::walk(DmaPort& mem, std::uint64_t table, std::uint32_t entries, std::uint32_t i,
                                bool in_indirect, VirtqChain& out) const {
  for (std::uint32_t count = 0;; ++count) {
    if (i >= entries) return ChainError::IndexOutOfRange;
    if (count >= entries) return ChainError::TooLong;  // §2.7.5.2: no chain exceeds its table
    Desc d{};
    if (!read_desc(mem, table, i, d)) return ChainError::RingFault;
    if (d.flags & kDescIndirect) {
      // §2.7.5.3.1: only with the feature, one table per descriptor, never with NEXT (so it ends
      // the chain), and a table holds whole descriptors.
      if (!indirect_) return ChainError::IndirectNotOffered;
      if (in_indirect || (d.flags & kDescNext) || d.len == 0 || d.len % kDescBytes != 0) {
        return ChainError::IndirectBadTable;
      }
      return walk(mem, d.addr, d.len / kDescBytes, 0, true, out);
    }
    const bool writable = (d.flags & kDescWrite) != 0;
    if (!writable && !out.buffers.empty() && out.buffers.back().device_writable) {
      return ChainError::ReadableAfterWritable;
    }
    out.buffers.push_back({d.addr, d.len, writable});
    if (!(d.flags & kDescNext)) return ChainError::None;
    i = d.next;
  }
}

bool SplitVirtqueue::push_used(DmaPort& mem, std::uint16_t head, std::uint32_t written) {
  std::array<std::uint8_t, kUsedElemBytes> elem{};
  store_le<std::uint32_t>(elem.data(), head);
  store_le<std::uint32_t>(elem.data() + 4, written);
  const std::uint64_t slot = layout_.device + kUsedRing + kUsedElemBytes * (used_idx_ % layout_.size);
  if (!mem.write(slot, elem.data(), elem.size())) return false;
  // §2.7.8: the element is written before the index that publishes it.
  ++used_idx_;
  std::array<std::uint8_t, 2> idx{};
  store_le<std::uint16_t>(idx.data(), used_idx_);
  return mem.write(layout_.device + kUsedIdx, idx.data(), idx.size());
}

}  // namespace memvp::virtio
