// The platform-level interrupt controller (PLIC) of QEMU's virt board, with the register layout
// of the RISC-V PLIC specification (riscv-plic.adoc, "Memory Map"): priorities, pending bits,
// per-context enables, thresholds and claim/complete. Context 2h is hart h's M-mode (MEIP),
// context 2h + 1 its S-mode (SEIP), as QEMU virt numbers them.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include "common/stats/stats.h"
#include "common/types.h"
#include "devices/device_waves.h"

namespace memvp {

struct PlicConfig {
  PhysAddr base{0x0c00'0000};          // QEMU virt VIRT_PLIC
  std::uint64_t size = 0x60'0000;      // QEMU 7.2 virt's window, VIRT_PLIC_SIZE(VIRT_CPUS_MAX * 2)
  std::uint32_t sources = 97;          // interrupt ids 0..sources-1, 0 reserved (QEMU 7.2 virt: riscv,ndev = 96)
  std::uint32_t priority_bits = 3;     // priorities 0..7 (VIRT_IRQCHIP_NUM_PRIO_BITS)
  std::uint32_t harts = 1;             // two contexts per hart
};

class Plic : public sc_core::sc_module, public stats::Group {
 public:
  static constexpr std::uint32_t kMaxSources = 1024;  // the layout's room: ids 0..1023
  static constexpr std::uint64_t kPriorityOffset = 0x0;
  static constexpr std::uint64_t kPendingOffset = 0x1000;
  static constexpr std::uint64_t kEnableOffset = 0x2000;
  static constexpr std::uint64_t kEnableStride = 0x80;
  static constexpr std::uint64_t kContextOffset = 0x20'0000;  // threshold; claim/complete at +4
  static constexpr std::uint64_t kContextStride = 0x1000;

  tlm_utils::simple_target_socket<Plic> socket;
  sc_core::sc_vector<sc_core::sc_in<bool>> source;    // level-triggered lines; source[0] is unused
  sc_core::sc_vector<sc_core::sc_out<bool>> context;  // 2h: hart h's MEIP, 2h + 1: its SEIP

  Plic(sc_core::sc_module_name name, const PlicConfig& cfg);

  [[nodiscard]] std::uint32_t contexts() const { return 2 * cfg_.harts; }
  void visit_stats(stats::Visitor& v) const override;
  // Records the PLIC's part of the `dev` wave group (docs/waves.md) under `scope` into `rec`,
  // which must outlive the run.
  void attach_waves(waves::WaveRecorder& rec, const std::string& scope);

 private:
  void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
  unsigned transport_dbg(tlm::tlm_generic_payload& gp);
  // Performs the access; false when it addresses no register or is not a 32-bit access. Only
  // transport (not debug) reads claim.
  bool access(tlm::tlm_generic_payload& gp, bool side_effects);
  std::uint32_t read_register(std::uint64_t addr, bool side_effects);
  void write_register(std::uint64_t addr, std::uint32_t value);
  // The gateways: a source line high while its id is neither pending nor claimed becomes pending.
  void sample_sources();
  // The highest-priority pending source enabled for ctx with priority above its threshold, ties
  // to the lowest id; 0 when none (spec "Interrupt Claim Process").
  [[nodiscard]] std::uint32_t best(std::uint32_t ctx) const;
  std::uint32_t claim(std::uint32_t ctx);
  void complete(std::uint32_t ctx, std::uint32_t id);
  [[nodiscard]] bool enabled(std::uint32_t ctx, std::uint32_t id) const;
  // Drives every context output from best(); the only writer of the outputs.
  void update_outputs();

  PlicConfig cfg_;
  std::uint32_t priority_mask_;
  std::vector<std::uint32_t> priority_;
  std::vector<bool> pending_, claimed_;
  std::vector<std::uint32_t> enable_;     // contexts() x kMaxSources/32 words
  std::vector<std::uint32_t> threshold_;  // per context
  std::vector<bool> raised_;              // the outputs' last levels
  sc_core::sc_event update_event_;

  std::vector<std::uint64_t> claims_;     // per context, claims that returned a source
  std::uint64_t completes_ = 0;
  std::uint64_t interrupts_raised_ = 0;
  std::unique_ptr<PlicWaves> waves_;  // the wave group, when recorded
};

}  // namespace memvp
