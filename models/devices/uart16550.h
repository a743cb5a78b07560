// An NS16550A UART as on QEMU's virt board (National Semiconductor PC16550D data sheet, Table II
// "Register Addresses"): eight byte-wide registers at stride 1, the divisor latch behind
// LCR.DLAB. Transmitted bytes go to a host stream (stdout or the --console file); there is no
// receive path yet, so RBR reads 0 and LSR.DR stays clear.
#pragma once

#include <cstdint>
#include <ostream>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include "common/stats/stats.h"
#include "common/types.h"

namespace memvp {

struct Uart16550Config {
  PhysAddr base{0x1000'0000};                  // QEMU virt VIRT_UART0
  std::uint64_t size = 0x100;
  std::uint32_t clock_hz = 3'686'400;          // input clock, for the DTB (QEMU: 3.6864 MHz)
};

class Uart16550 : public sc_core::sc_module, public stats::Group {
 public:
  // Register offsets (data sheet Table II); the same offset means different registers for
  // reads and writes (RBR/THR, IIR/FCR) and with DLAB set (DLL, DLM).
  enum Reg : std::uint8_t { kRbrThr = 0, kIer = 1, kIirFcr = 2, kLcr = 3, kMcr = 4, kLsr = 5, kMsr = 6, kScr = 7 };
  static constexpr std::uint8_t kLcrDlab = 0x80;
  static constexpr std::uint8_t kLsrDr = 0x01, kLsrThre = 0x20, kLsrTemt = 0x40;

  tlm_utils::simple_target_socket<Uart16550> socket;

  // `console` receives every byte written to THR; it must outlive the module.
  Uart16550(sc_core::sc_module_name name, const Uart16550Config& cfg, std::ostream& console);

  [[nodiscard]] std::uint64_t bytes_written() const { return bytes_written_; }
  void visit_stats(stats::Visitor& v) const override {
    v.counter("bytes_written", bytes_written_, "bytes transmitted to the console (THR writes outside loopback)");
  }

 private:
  void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
  unsigned transport_dbg(tlm::tlm_generic_payload& gp);
  std::uint8_t read(std::uint8_t reg, bool side_effects);
  void write(std::uint8_t reg, std::uint8_t value);
  void end_of_simulation() override { console_.flush(); }

  Uart16550Config cfg_;
  std::ostream& console_;
  std::uint8_t ier_ = 0, lcr_ = 0, mcr_ = 0, scr_ = 0, dll_ = 0, dlm_ = 0;
  bool fifo_enabled_ = false;
  std::uint64_t bytes_written_ = 0;
};

}  // namespace memvp
