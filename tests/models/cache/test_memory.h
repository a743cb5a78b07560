// A fixed-latency memory for the cache tests and benchmark: logs every timed transaction,
// honours byte enables (as the DDR4 controller does, so a cache's data-less write-back moves
// nothing) and serves transport_dbg from the same backing store.
#pragma once

#include <cstdint>
#include <cstring>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

namespace memvp::test {

class TestMemory : public sc_core::sc_module {
 public:
  struct Txn {
    tlm::tlm_command cmd;
    std::uint64_t addr;
    unsigned len;
    bool moves_data;  // false: every byte disabled (a cache's data-less write-back)
  };
  tlm_utils::simple_target_socket<TestMemory> socket;
  std::vector<Txn> log;  // timed transactions only
  std::vector<std::uint8_t> mem;
  std::uint64_t debug_accesses = 0;
  bool grant_dmi = false;  // to every requester, for the whole store
  bool synchronise = false;  // wait out the latency inside b_transport (as DDR4 sync_to_arrival)

  TestMemory(sc_core::sc_module_name name, unsigned read_ns, unsigned write_ns)
      : sc_module(name), socket("socket"), mem(1 << 20, 0),
        read_(read_ns, sc_core::SC_NS), write_(write_ns, sc_core::SC_NS) {
    socket.register_b_transport(this, &TestMemory::b_transport);
    socket.register_transport_dbg(this, &TestMemory::transport_dbg);
    socket.register_get_direct_mem_ptr(this, &TestMemory::get_direct_mem_ptr);
  }

  [[nodiscard]] std::size_t count(tlm::tlm_command cmd) const {
    std::size_t n = 0;
    for (const Txn& t : log) n += t.cmd == cmd;
    return n;
  }

 private:
  void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
    const unsigned char* be = gp.get_byte_enable_ptr();
    bool moves = true;
    if (be) {
      moves = false;
      for (unsigned i = 0; i < gp.get_byte_enable_length(); ++i) moves |= be[i] != 0;
    }
    log.push_back({gp.get_command(), gp.get_address(), gp.get_data_length(), moves});
    if (gp.is_read()) delay += read_;
    if (gp.is_write()) delay += write_;
    if (moves) copy(gp);
    gp.set_response_status(tlm::TLM_OK_RESPONSE);
    if (synchronise) {
      sc_core::wait(delay);
      delay = sc_core::SC_ZERO_TIME;
    }
  }
  unsigned transport_dbg(tlm::tlm_generic_payload& gp) {
    ++debug_accesses;
    if (gp.get_address() + gp.get_data_length() > mem.size()) {
      gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
      return 0;
    }
    copy(gp);
    gp.set_response_status(tlm::TLM_OK_RESPONSE);
    return gp.get_data_length();
  }
  bool get_direct_mem_ptr(tlm::tlm_generic_payload&, tlm::tlm_dmi& dmi) {
    if (!grant_dmi) return false;
    dmi.allow_read_write();
    dmi.set_dmi_ptr(mem.data());
    dmi.set_start_address(0);
    dmi.set_end_address(mem.size() - 1);
    return true;
  }
  void copy(tlm::tlm_generic_payload& gp) {
    std::uint8_t* m = mem.data() + gp.get_address();
    if (gp.is_write()) std::memcpy(m, gp.get_data_ptr(), gp.get_data_length());
    if (gp.is_read()) std::memcpy(gp.get_data_ptr(), m, gp.get_data_length());
  }
  sc_core::sc_time read_, write_;
};

}  // namespace memvp::test
