// A test memory for the walker: a RAM window at a fixed physical base with one fixed latency
// per access, addresses that answer with an error response, a hook after each access, and a
// log of every timed access with the local time it was issued at (debug accesses are not
// logged). b_transport never waits, so tests may call through it from outside a SystemC process.
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <set>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include "common/types.h"

namespace memvp::mmu::test {

class PteTestMemory : public sc_core::sc_module {
 public:
  struct Access {
    tlm::tlm_command cmd;
    std::uint64_t addr;
    sc_core::sc_time issued;  // the initiator's local time at the call
  };

  tlm_utils::simple_target_socket<PteTestMemory> socket;

  PteTestMemory(sc_core::sc_module_name name, PhysAddr base, std::size_t size,
                sc_core::sc_time latency)
      : sc_module(name), socket("socket"), base_(base.value()), latency_(latency), mem_(size, 0) {
    socket.register_b_transport(this, &PteTestMemory::b_transport);
    socket.register_transport_dbg(this, &PteTestMemory::transport_dbg);
  }

  void poke(PhysAddr addr, std::uint64_t v) { std::memcpy(&mem_[offset(addr)], &v, 8); }
  [[nodiscard]] std::uint64_t peek(PhysAddr addr) const {
    std::uint64_t v;
    std::memcpy(&v, &mem_[offset(addr)], 8);
    return v;
  }
  void fail_at(PhysAddr addr) { errors_.insert(addr.value()); }
  void fail_writes_at(PhysAddr addr) { write_errors_.insert(addr.value()); }
  // Called after every successful access, e.g. to play another hart's store between two.
  void on_access(std::function<void(const Access&)> hook) { hook_ = std::move(hook); }
  [[nodiscard]] const std::vector<Access>& log() const { return log_; }
  void clear_log() { log_.clear(); }
  [[nodiscard]] std::size_t reads() const { return count(tlm::TLM_READ_COMMAND); }
  [[nodiscard]] std::size_t writes() const { return count(tlm::TLM_WRITE_COMMAND); }

 private:
  [[nodiscard]] std::size_t offset(PhysAddr a) const { return a.value() - base_; }
  [[nodiscard]] std::size_t count(tlm::tlm_command c) const {
    std::size_t n = 0;
    for (const auto& a : log_) n += a.cmd == c ? 1 : 0;
    return n;
  }
  void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
    log_.push_back({gp.get_command(), gp.get_address(), delay});
    delay += latency_;
    if (move(gp) && hook_) hook_(log_.back());
  }

 public:
  unsigned transport_dbg(tlm::tlm_generic_payload& gp) { return move(gp) ? gp.get_data_length() : 0; }
  // Moves the data (a byte whose enable is off stays as it is); false on an error response.
  bool move(tlm::tlm_generic_payload& gp) {
    const std::uint64_t addr = gp.get_address();
    const bool write_error = gp.is_write() && write_errors_.count(addr) != 0;
    if (write_error || errors_.count(addr) != 0 || addr < base_ ||
        addr + gp.get_data_length() > base_ + mem_.size()) {
      gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
      return false;
    }
    unsigned char* p = &mem_[addr - base_];
    const unsigned char* be = gp.get_byte_enable_ptr();
    for (unsigned i = 0; i < gp.get_data_length(); ++i) {
      if (be && be[i % gp.get_byte_enable_length()] != TLM_BYTE_ENABLED) continue;
      if (gp.is_read()) gp.get_data_ptr()[i] = p[i];
      else if (gp.is_write()) p[i] = gp.get_data_ptr()[i];
    }
    gp.set_response_status(tlm::TLM_OK_RESPONSE);
    return true;
  }

 private:

  std::uint64_t base_;
  sc_core::sc_time latency_;
  std::vector<unsigned char> mem_;
  std::set<std::uint64_t> errors_;
  std::set<std::uint64_t> write_errors_;
  std::function<void(const Access&)> hook_;
  std::vector<Access> log_;
};

}  // namespace memvp::mmu::test
