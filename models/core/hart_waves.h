// The hart's wave group `hart` (docs/waves.md): pc, privilege, instret, stall reason and trap
// cause, each dated by the hart's own cycle count (its local time under temporal decoupling),
// so a change lands at the cycle it happened whatever SystemC time was when it was reported.
#pragma once

#include <cstdint>
#include <string>

#include "common/riscv.h"
#include "common/waves/wave_recorder.h"
#include "core/hart_stats.h"

namespace memvp {

class HartWaves {
 public:
  // Registers the group's signals under `scope` ("hart0"); `period_ticks` is the hart clock's
  // period in SystemC resolution ticks.
  HartWaves(waves::WaveRecorder& rec, const std::string& scope, std::uint64_t period_ticks);

  // Out of line, so that the hart's loop carries only a pointer test when waves are off.
  // The instruction at `pc` starts at `cycle` (fetch, operand wait and execution follow).
  void issue(std::uint64_t cycle, std::uint64_t pc, rv::Priv priv);
  // `instret` instructions have retired by `cycle`.
  void retire(std::uint64_t cycle, std::uint64_t instret);
  // The hart loses `cycles` cycles from `cycle` on, for `why`.
  void stall(std::uint64_t cycle, StallReason why, std::uint64_t cycles);
  // A trap with mcause value `cause` is taken at `cycle`, into privilege `to`.
  void trap(std::uint64_t cycle, std::uint64_t cause, rv::Priv to);

 private:
  [[nodiscard]] std::uint64_t at(std::uint64_t cycle) const { return cycle * period_; }
  void privilege(std::uint64_t cycle, rv::Priv p);

  waves::WaveRecorder& rec_;
  std::uint64_t period_;
  rv::Priv priv_now_ = rv::Priv::M;
  waves::SignalId pc_, priv_, instret_, stall_, trap_, trap_cause_;
};

}  // namespace memvp
