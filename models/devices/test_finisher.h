// The SiFive test device of QEMU's virt board ("sifive,test0", hw/misc/sifive_test.c in QEMU):
// one 32-bit register at offset 0 through which the guest ends the run. 0x5555 = pass (status 0),
// (code << 16) | 0x3333 = fail with status `code`, 0x7777 = reset, which memvp treats as the end.
#pragma once

#include <cstdint>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include "common/run_control.h"
#include "common/types.h"

namespace memvp {

struct TestFinisherConfig {
  PhysAddr base{0x0010'0000};  // QEMU virt VIRT_TEST
  std::uint64_t size = 0x1000;
};

class TestFinisher : public sc_core::sc_module {
 public:
  static constexpr std::uint32_t kFail = 0x3333, kPass = 0x5555, kReset = 0x7777;

  tlm_utils::simple_target_socket<TestFinisher> socket;

  TestFinisher(sc_core::sc_module_name name, const TestFinisherConfig& cfg, RunControl& run);

 private:
  void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);

  TestFinisherConfig cfg_;
  RunControl& run_;
};

}  // namespace memvp
