// Guest memory for the virtio tests: a byte vector at a guest-physical base that a test fills
// directly, reached by the device either as a DmaPort (virtqueue tests) or as a TLM target
// (device tests); accesses outside it fail. Helpers lay out descriptors and rings as a driver does.
#pragma once

#include <cstdint>
#include <cstring>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include "devices/virtio/dma_port.h"
#include "devices/virtio/le.h"

namespace memvp::test {

class GuestMemory : public virtio::DmaPort {
 public:
  GuestMemory(std::uint64_t base, std::size_t size) : base_(base), bytes_(size, 0) {}

  bool read(std::uint64_t addr, void* data, std::size_t len) override {
    if (!contains(addr, len)) return false;
    std::memcpy(data, at(addr), len);
    return true;
  }
  bool write(std::uint64_t addr, const void* data, std::size_t len) override {
    if (!contains(addr, len)) return false;
    std::memcpy(at(addr), data, len);
    return true;
  }
  [[nodiscard]] bool contains(std::uint64_t addr, std::size_t len) const {
    return addr >= base_ && len <= bytes_.size() && addr - base_ <= bytes_.size() - len;
  }
  std::uint8_t* at(std::uint64_t addr) { return bytes_.data() + (addr - base_); }

  template <class T>
  void put(std::uint64_t addr, T v) { virtio::store_le<T>(at(addr), v); }
  template <class T>
  T get(std::uint64_t addr) { return virtio::load_le<T>(at(addr)); }

  // Descriptor i of the table at `table`.
  void desc(std::uint64_t table, unsigned i, std::uint64_t addr, std::uint32_t len, std::uint16_t flags,
            std::uint16_t next = 0) {
    const std::uint64_t d = table + 16ULL * i;
    put<std::uint64_t>(d, addr);
    put<std::uint32_t>(d + 8, len);
    put<std::uint16_t>(d + 12, flags);
    put<std::uint16_t>(d + 14, next);
  }
  // Makes head available in the driver ring of a queue of `size` entries (ring slot = idx % size).
  void make_available(std::uint64_t driver, std::uint16_t size, std::uint16_t head) {
    const auto idx = get<std::uint16_t>(driver + 2);
    put<std::uint16_t>(driver + 4 + 2ULL * (idx % size), head);
    put<std::uint16_t>(driver + 2, static_cast<std::uint16_t>(idx + 1));
  }

 private:
  std::uint64_t base_;
  std::vector<std::uint8_t> bytes_;
};

// The same memory as a TLM target with a fixed latency per access.
class GuestMemoryTarget : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<GuestMemoryTarget> socket;
  GuestMemory& mem;
  sc_core::sc_time latency;
  unsigned accesses = 0;
  unsigned largest = 0;  // the longest single transaction seen

  GuestMemoryTarget(sc_core::sc_module_name name, GuestMemory& m, sc_core::sc_time lat)
      : sc_module(name), socket("socket"), mem(m), latency(lat) {
    socket.register_b_transport(this, &GuestMemoryTarget::b_transport);
  }

 private:
  void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
    ++accesses;
    largest = std::max(largest, gp.get_data_length());
    const bool ok = gp.is_read() ? mem.read(gp.get_address(), gp.get_data_ptr(), gp.get_data_length())
                                 : mem.write(gp.get_address(), gp.get_data_ptr(), gp.get_data_length());
    gp.set_response_status(ok ? tlm::TLM_OK_RESPONSE : tlm::TLM_ADDRESS_ERROR_RESPONSE);
    delay += latency;
  }
};

}  // namespace memvp::test
