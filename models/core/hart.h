// One RV64IMAC hart (M/S/U, Zicsr, Zifencei) with an in-order timing model. It fetches through
// fetch_socket and loads/stores through data_socket (TLM-2.0 b_transport, or DMI where the target
// grants it, each access still charged the latency the target reports), and takes interrupts
// from four level-sensitive lines. Addresses are translated by the hart's own MMU. Time advances by temporal decoupling (tlm_quantumkeeper).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include "common/run_control.h"
#include "common/sim_mode.h"
#include "core/fast_forward_listener.h"
#include "common/stats/stats.h"
#include "common/waves/wave_recorder.h"
#include "core/hart_config.h"
#include "core/hart_debugger.h"
#include "core/hart_stats.h"
#include "interconnect/reservation_monitor.h"
#include "mmu/mmu.h"

namespace memvp {

class ExecutionEngine;
class HartWaves;

class Hart : public sc_core::sc_module, public stats::Group {
 public:
  tlm_utils::simple_initiator_socket<Hart> fetch_socket;
  tlm_utils::simple_initiator_socket<Hart> data_socket;
  sc_core::sc_in<bool> mtip;  // machine timer (CLINT mtimecmp)
  sc_core::sc_in<bool> msip;  // machine software (CLINT msip)
  sc_core::sc_in<bool> meip;  // machine external (PLIC)
  sc_core::sc_in<bool> seip;  // supervisor external (PLIC)
  // The hart's MMU (TLBs, page-walk cache, walker); bind mmu.ptw_socket to where PTE reads
  // enter the memory system.
  mmu::Mmu mmu;

  Hart(sc_core::sc_module_name name, const HartConfig& cfg, RunControl& run);
  ~Hart() override;

  // Boot state as QEMU virt with -bios none: M-mode, pc = entry, a0 = mhartid, a1 = DTB address.
  void reset(std::uint64_t entry_pc, std::uint64_t dtb_addr);
  // LR/SC reservations are kept by the platform's monitor, shared by all its harts (without
  // one, the hart keeps its own and only its own stores are seen).
  void attach_reservation_monitor(ReservationMonitor& monitor);
  // Stops the run with EndReason::MaxCycles once mcycle reaches the limit (0: no limit).
  void set_max_cycles(std::uint64_t limit);
  // Records the `hart` wave group (docs/waves.md) under `scope` ("hart0") into `rec`, which
  // must outlive the run. Waves only watch: the hart's timing is the same with or without.
  void attach_waves(waves::WaveRecorder& rec, const std::string& scope);

  // Fast-forward (docs/fast-forward.md): the hart's and its MMU's mode, switched at the next
  // instruction boundary; entering Detailed starts the statistics from zero. The listener hears
  // of region-of-interest markers and of the instruction count set as trigger (~0: none).
  void set_mode(SimMode m);
  void set_fast_forward_listener(FastForwardListener& listener);
  void set_instruction_trigger(std::uint64_t instret);

  // Checks `debugger`'s breakpoints and steps before and after each instruction from now on
  // (docs/gdb.md); without one the hart runs the same code as before.
  void attach_debugger(HartDebugger& debugger);

  // A debugger's access while the machine is stopped (hart_debug.cpp): registers as the
  // instructions see them, CSRs without the access rules (nullopt/false: no such CSR), and
  // memory through the hart's current view (satp and privilege) by debug transport, which
  // changes no TLB, cache, statistic or time (false: unmapped, or no target answered).
  void set_reg(unsigned i, std::uint64_t v);
  void set_pc(std::uint64_t pc);
  // f0-f31 as 64-bit patterns (a single NaN-boxed); a write makes mstatus.FS Dirty as an
  // instruction's would.
  [[nodiscard]] std::uint64_t freg(unsigned i) const;
  void set_freg(unsigned i, std::uint64_t v);
  [[nodiscard]] std::optional<std::uint64_t> csr(unsigned csr);
  bool set_csr(unsigned csr, std::uint64_t v);
  [[nodiscard]] rv::Priv priv() const;
  void set_priv(rv::Priv p);
  bool debug_read(std::uint64_t va, std::uint8_t* data, unsigned len);
  bool debug_write(std::uint64_t va, const std::uint8_t* data, unsigned len);

  [[nodiscard]] const HartStats& stats() const;
  // stats() and the MMU's, under the names of docs/stats.md "harts[i]" (hart_stats.cpp).
  void visit_stats(stats::Visitor& v) const override;
  [[nodiscard]] std::uint64_t pc() const;
  [[nodiscard]] std::uint64_t reg(unsigned i) const;
  [[nodiscard]] const HartConfig& config() const;
  // mip bits driven by the interrupt lines now (priv spec §3.1.9: MSIP 3, MTIP 7, SEIP 9, MEIP 11).
  [[nodiscard]] std::uint64_t line_bits() const;
  // True while the hart sleeps in WFI (for deadlock detection at the end of a run).
  [[nodiscard]] bool waiting_for_interrupt() const;

 private:
  void run();
  void sample_lines();
  void invalidate_dmi(sc_dt::uint64 start, sc_dt::uint64 end);
  std::unique_ptr<ExecutionEngine> engine_;
  std::unique_ptr<HartWaves> waves_;
  mutable HartStats stats_;
};

}  // namespace memvp
