// The one place an initiator fills a generic payload before b_transport or transport_dbg: every
// attribute the initiator owns (IEEE 1666-2011 §14.8: command, address, data, length, byte
// enables, streaming width, DMI hint, response status) is set, so a payload reused across
// accesses carries nothing over from its previous one. Extensions are the caller's to manage.
#pragma once

#include <cstdint>

#include <tlm>

namespace memvp {

// One access of `len` bytes at `addr` moving data through `data` (read into, written from).
// Streaming width = len (no streaming); no byte enables; DMI not yet offered; response pending.
inline void set_payload(tlm::tlm_generic_payload& gp, tlm::tlm_command cmd, std::uint64_t addr,
                        void* data, unsigned len) {
  gp.set_command(cmd);
  gp.set_address(addr);
  gp.set_data_ptr(static_cast<unsigned char*>(data));
  gp.set_data_length(len);
  gp.set_streaming_width(len);
  gp.set_byte_enable_ptr(nullptr);
  gp.set_byte_enable_length(0);
  gp.set_dmi_allowed(false);
  gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
}

// The same with byte enables (§14.14): `mask` holds TLM_BYTE_ENABLED / TLM_BYTE_DISABLED per
// byte, repeated every `mask_len` bytes; an all-disabled mask times a write that moves no data.
inline void set_payload(tlm::tlm_generic_payload& gp, tlm::tlm_command cmd, std::uint64_t addr,
                        void* data, unsigned len, unsigned char* mask, unsigned mask_len) {
  set_payload(gp, cmd, addr, data, len);
  gp.set_byte_enable_ptr(mask);
  gp.set_byte_enable_length(mask_len);
}

}  // namespace memvp
