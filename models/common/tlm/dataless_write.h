// Timing a write whose data is already in memory: a cache's write-back (memory was updated
// functionally when the store happened) or the walker's A/D update (done atomically by debug
// transport). The write carries byte enables that are all disabled (IEEE 1666-2011 §14.14), so
// a target times it as a write but cannot overwrite newer data with it.
#pragma once

#include <cstdint>

#include <systemc>
#include <tlm>

#include "common/tlm/payload.h"

namespace memvp {

// True when every byte of gp is disabled: a write that moves no data.
inline bool moves_no_data(const tlm::tlm_generic_payload& gp) {
  const unsigned char* be = gp.get_byte_enable_ptr();
  const unsigned be_len = gp.get_byte_enable_length();
  if (be == nullptr || be_len == 0) return false;
  for (unsigned i = 0; i < be_len; ++i)
    if (be[i] != TLM_BYTE_DISABLED) return false;
  return true;
}

// Issues the data-less write of `len` bytes at `addr` through `socket` (`disabled` holds `len`
// disabled byte enables, `scratch` is `len` bytes the target may read into). A target without
// byte enables (SimpleMemory) is charged a read of the same bytes instead, which a fixed-latency
// memory times the same. gp's response status tells the outcome.
template <class Socket>
void timed_dataless_write(Socket& socket, tlm::tlm_generic_payload& gp, std::uint64_t addr,
                          unsigned char* scratch, unsigned len, unsigned char* disabled,
                          sc_core::sc_time& delay) {
  set_payload(gp, tlm::TLM_WRITE_COMMAND, addr, scratch, len, disabled, len);
  socket->b_transport(gp, delay);
  if (gp.get_response_status() == tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE) {
    set_payload(gp, tlm::TLM_READ_COMMAND, addr, scratch, len);
    socket->b_transport(gp, delay);
  }
}

}  // namespace memvp
