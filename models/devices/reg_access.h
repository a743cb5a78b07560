// Helpers shared by the register-file devices (CLINT, UART, test finisher, HTIF): checks that a
// TLM-2.0 generic payload is a plain access (no byte enables, no streaming, IEEE 1666-2011
// §14.13 and §14.14) and moves its data as a little-endian integer, as RISC-V is little-endian.
#pragma once

#include <cstdint>
#include <cstring>
#include <initializer_list>

#include <tlm>

namespace memvp::devices {

// True when gp carries no byte enables, is not streaming, and has one of the allowed lengths at
// an address aligned to that length. Devices answer anything else with an error response.
inline bool is_plain_access(const tlm::tlm_generic_payload& gp,
                            std::initializer_list<unsigned> allowed_lengths) {
  const unsigned len = gp.get_data_length();
  if (gp.get_byte_enable_ptr() != nullptr) return false;
  if (gp.get_streaming_width() != 0 && gp.get_streaming_width() < len) return false;
  for (unsigned a : allowed_lengths) {
    if (len == a) return (gp.get_address() % len) == 0;
  }
  return false;
}

// The payload's bytes [0, length) as a little-endian integer (length <= 8).
inline std::uint64_t payload_value(const tlm::tlm_generic_payload& gp) {
  std::uint64_t v = 0;
  const unsigned len = gp.get_data_length();
  for (unsigned i = 0; i < len && i < 8; ++i) {
    v |= static_cast<std::uint64_t>(gp.get_data_ptr()[i]) << (8 * i);
  }
  return v;
}

// Stores the low `length` bytes of v into the payload, little-endian.
inline void set_payload_value(tlm::tlm_generic_payload& gp, std::uint64_t v) {
  const unsigned len = gp.get_data_length();
  for (unsigned i = 0; i < len && i < 8; ++i) {
    gp.get_data_ptr()[i] = static_cast<unsigned char>(v >> (8 * i));
  }
}

// Replaces the bytes [offset, offset + length) of a 64-bit register by the payload's data and
// returns the result: how a 32-bit access updates one half of a 64-bit register.
inline std::uint64_t merge_into(std::uint64_t reg, unsigned offset, const tlm::tlm_generic_payload& gp) {
  const unsigned len = gp.get_data_length();
  const std::uint64_t mask = len >= 8 ? ~0ULL : ((1ULL << (8 * len)) - 1);
  return (reg & ~(mask << (8 * offset))) | ((payload_value(gp) & mask) << (8 * offset));
}

// The bytes [offset, offset + length) of a 64-bit register, shifted down.
inline std::uint64_t extract_from(std::uint64_t reg, unsigned offset) { return reg >> (8 * offset); }

}  // namespace memvp::devices
