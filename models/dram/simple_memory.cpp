// A flat RAM target: functional data in a host buffer, one fixed latency per access, and DMI
// granted with that same latency so direct accesses are charged exactly what b_transport charges.
#include "dram/simple_memory.h"

#include <cstring>

#include "common/clock.h"
#include "common/tlm/memory_events.h"

namespace memvp {

SimpleMemory::SimpleMemory(sc_core::sc_module_name name, const SimpleMemoryConfig& cfg)
    : sc_module(name), socket("socket"), cfg_(cfg),
      latency_(Clock::from_hz(cfg.clock_hz).latency(cfg.latency_cycles)),
      mem_(static_cast<std::uint8_t*>(std::calloc(cfg.size_bytes, 1)), &std::free) {
  if (!mem_) throw std::bad_alloc();
  socket.register_b_transport(this, &SimpleMemory::b_transport);
  socket.register_transport_dbg(this, &SimpleMemory::transport_dbg);
  socket.register_get_direct_mem_ptr(this, &SimpleMemory::get_direct_mem_ptr);
}

bool SimpleMemory::access(tlm::tlm_generic_payload& gp) {
  const std::uint64_t addr = gp.get_address();
  const unsigned len = gp.get_data_length();
  if (addr >= cfg_.size_bytes || len > cfg_.size_bytes - addr) {
    gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return false;
  }
  if (gp.get_byte_enable_ptr()) {
    gp.set_response_status(tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
    return false;
  }
  if (gp.is_read()) {
    std::memcpy(gp.get_data_ptr(), mem_.get() + addr, len);
  } else if (gp.is_write()) {
    std::memcpy(mem_.get() + addr, gp.get_data_ptr(), len);
  }
  gp.set_response_status(tlm::TLM_OK_RESPONSE);
  return true;
}

void SimpleMemory::b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
  if (access(gp)) {
    ++accesses_;
    count_memory_event(gp, gp.is_write() ? MemoryEvents::DramWrite : MemoryEvents::DramRead);
    delay += latency_;
    gp.set_dmi_allowed(cfg_.dmi);
  }
}

unsigned SimpleMemory::transport_dbg(tlm::tlm_generic_payload& gp) {
  return access(gp) ? gp.get_data_length() : 0;
}

bool SimpleMemory::get_direct_mem_ptr(tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi) {
  if (!cfg_.dmi) return false;
  dmi.allow_read_write();
  dmi.set_dmi_ptr(mem_.get());
  dmi.set_start_address(0);
  dmi.set_end_address(cfg_.size_bytes - 1);
  dmi.set_read_latency(latency_);
  dmi.set_write_latency(latency_);
  return true;
}

}  // namespace memvp
