// A RAM with one fixed access latency: the stand-in for DRAM when the platform asks for
// [memory] model = "simple". Grants DMI with that latency so the hart can reach data directly.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <memory>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include "common/stats/stats.h"

namespace memvp {

struct SimpleMemoryConfig {
  std::uint64_t size_bytes = 128ULL << 20;
  double clock_hz = 1e9;
  std::uint32_t latency_cycles = 0;  // added per access, in cycles of clock_hz
  bool dmi = true;                   // grant direct memory access (false: every access is a transaction)
};

class SimpleMemory : public sc_core::sc_module, public stats::Group {
 public:
  tlm_utils::simple_target_socket<SimpleMemory> socket;

  SimpleMemory(sc_core::sc_module_name name, const SimpleMemoryConfig& cfg);

  [[nodiscard]] std::uint64_t size() const { return cfg_.size_bytes; }
  [[nodiscard]] std::uint64_t accesses() const { return accesses_; }
  void visit_stats(stats::Visitor& v) const override {
    v.counter("accesses", accesses_, "transactions handled (b_transport and debug transport; DMI accesses are not transactions)");
  }

 private:
  void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
  unsigned transport_dbg(tlm::tlm_generic_payload& gp);
  bool get_direct_mem_ptr(tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi);
  bool access(tlm::tlm_generic_payload& gp);

  SimpleMemoryConfig cfg_;
  sc_core::sc_time latency_;
  // calloc'd: the OS hands out zeroed pages on first touch, so a large RAM costs nothing until used.
  std::unique_ptr<std::uint8_t[], decltype(&std::free)> mem_;
  std::uint64_t accesses_ = 0;
};

}  // namespace memvp
