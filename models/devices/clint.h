// The core-local interruptor (CLINT) of QEMU's virt board, with the SiFive CLINT register layout
// (SiFive FU540-C000 manual §9, "Core Local Interruptor"): per-hart msip at 0x0 + 4*hart,
// mtimecmp at 0x4000 + 8*hart, and the shared mtime at 0xBFF8. mtime is not a counter of its
// own but a function of SystemC time, so every reader (this device, the harts' time CSR) agrees.
#pragma once

#include <cstdint>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include "common/types.h"

namespace memvp {

struct ClintConfig {
  PhysAddr base{0x0200'0000};                 // QEMU virt VIRT_CLINT
  std::uint64_t size = 0x1'0000;
  std::uint32_t harts = 1;
  std::uint64_t timebase_hz = 10'000'000;     // QEMU virt: RISCV_ACLINT_DEFAULT_TIMEBASE_FREQ
};

// mtime at SystemC time t: floor(t * timebase_hz), computed exactly in units of the SystemC time
// resolution. The hart's time CSR uses the same function so the two never disagree.
std::uint64_t mtime_at(const sc_core::sc_time& t, std::uint64_t timebase_hz);

// The earliest SystemC time at which mtime_at() reaches `value`; false when that time is not
// representable (e.g. mtimecmp = 2^64 - 1, "never").
bool time_of_mtime(std::uint64_t value, std::uint64_t timebase_hz, sc_core::sc_time& out);

class Clint : public sc_core::sc_module {
 public:
  static constexpr std::uint64_t kMsipOffset = 0x0;
  static constexpr std::uint64_t kMtimecmpOffset = 0x4000;
  static constexpr std::uint64_t kMtimeOffset = 0xBFF8;

  tlm_utils::simple_target_socket<Clint> socket;
  sc_core::sc_vector<sc_core::sc_out<bool>> mtip;  // level: mtime >= mtimecmp[hart]
  sc_core::sc_vector<sc_core::sc_out<bool>> msip;  // level: msip[hart] bit 0

  Clint(sc_core::sc_module_name name, const ClintConfig& cfg);

  [[nodiscard]] std::uint64_t mtimecmp(unsigned hart) const { return mtimecmp_.at(hart); }

 private:
  void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
  unsigned transport_dbg(tlm::tlm_generic_payload& gp);
  // Performs the access at time `now`; false when it addresses no register or has a bad size.
  bool access(tlm::tlm_generic_payload& gp, const sc_core::sc_time& now);
  // Drives mtip/msip from the registers and re-arms update_event_ for the next mtip rise. The
  // only process that writes the outputs (SystemC allows one writer per signal).
  void update_outputs();

  ClintConfig cfg_;
  std::vector<std::uint32_t> msip_;
  std::vector<std::uint64_t> mtimecmp_;
  sc_core::sc_event update_event_;
};

}  // namespace memvp
