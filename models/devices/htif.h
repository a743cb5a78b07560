// The host-target interface of Spike and the riscv-tests (riscv-tests env/p/riscv_test.h,
// riscv-isa-sim fesvr/htif.cc): the guest writes commands to the 64-bit `tohost` word and reads
// replies from `fromhost`. Mapped over a small window of RAM holding both symbols, it behaves as
// memory for the guest and acts on commands: device 0 with bit 0 set = exit, device 1 command 1
// = putchar.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include "common/run_control.h"
#include "common/types.h"

namespace memvp {

struct HtifConfig {
  PhysAddr base;                                 // the window's first byte
  std::uint64_t size = 16;                       // window length (covers tohost and fromhost)
  std::uint64_t tohost_offset = 0;               // of the `tohost` symbol within the window
  std::optional<std::uint64_t> fromhost_offset;  // of `fromhost`, when the ELF defines it
};

// The window covering `tohost` (and `fromhost` when given): from the lower symbol to 8 bytes past
// the higher one. riscv-tests place fromhost 64 bytes after tohost.
HtifConfig htif_window(PhysAddr tohost, std::optional<PhysAddr> fromhost);

class Htif : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<Htif> socket;

  // Device 1 (console) writes its bytes to `console`, which must outlive the module.
  Htif(sc_core::sc_module_name name, const HtifConfig& cfg, std::ostream& console, RunControl& run);

  [[nodiscard]] std::uint64_t tohost() const { return word(cfg_.tohost_offset); }
  [[nodiscard]] std::uint64_t fromhost() const;

 private:
  void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
  unsigned transport_dbg(tlm::tlm_generic_payload& gp);
  bool in_window(const tlm::tlm_generic_payload& gp) const;
  void copy(tlm::tlm_generic_payload& gp);
  // Carries out the command now in tohost, as Spike's host does when it polls tohost.
  void execute(std::uint64_t cmd);
  [[nodiscard]] std::uint64_t word(std::uint64_t offset) const;
  void set_word(std::uint64_t offset, std::uint64_t value);

  void end_of_simulation() override { console_.flush(); }

  HtifConfig cfg_;
  std::ostream& console_;
  RunControl& run_;
  std::vector<std::uint8_t> bytes_;
};

}  // namespace memvp
