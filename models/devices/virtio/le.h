// Little-endian fields in guest memory: virtio 1.x structures are little-endian (virtio 1.2 §1.4,
// "le16/le32/le64"), whatever the host's byte order.
#pragma once

#include <cstddef>
#include <cstdint>

namespace memvp::virtio {

template <class T>
T load_le(const std::uint8_t* p) {
  T v = 0;
  for (std::size_t i = 0; i < sizeof(T); ++i) v |= static_cast<T>(static_cast<T>(p[i]) << (8 * i));
  return v;
}

template <class T>
void store_le(std::uint8_t* p, T v) {
  for (std::size_t i = 0; i < sizeof(T); ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}

}  // namespace memvp::virtio
