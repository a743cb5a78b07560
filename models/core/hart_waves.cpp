// The `hart` group's signals and their encodings (docs/waves.md): privilege as mstatus.MPP
// encodes it (priv spec §3.1.6.1: 0 U, 1 S, 3 M); stall reason as StallReason + 1, 0 when the
// hart is not stalled; trap_cause as the mcause exception or interrupt code with bit 7 set for
// an interrupt (priv spec §3.1.15).
#include "core/hart_waves.h"

namespace memvp {

HartWaves::HartWaves(waves::WaveRecorder& rec, const std::string& scope, std::uint64_t period_ticks)
    : rec_(rec),
      period_(period_ticks),
      pc_(rec.add_signal(scope + ".pc", 64)),
      priv_(rec.add_signal(scope + ".privilege", 2)),
      instret_(rec.add_signal(scope + ".instret", 64)),
      stall_(rec.add_signal(scope + ".stall", 3)),
      trap_(rec.add_signal(scope + ".trap", 1, waves::VarKind::Event)),
      trap_cause_(rec.add_signal(scope + ".trap_cause", 8)) {
  rec.set(priv_, 0, static_cast<std::uint64_t>(rv::Priv::M));  // harts boot in M-mode
}

void HartWaves::issue(std::uint64_t cycle, std::uint64_t pc, rv::Priv priv) {
  rec_.set(pc_, at(cycle), pc);
  if (priv != priv_now_) privilege(cycle, priv);
}

void HartWaves::retire(std::uint64_t cycle, std::uint64_t instret) { rec_.set(instret_, at(cycle), instret); }

void HartWaves::stall(std::uint64_t cycle, StallReason why, std::uint64_t cycles) {
  if (cycles == 0) return;
  rec_.set(stall_, at(cycle), static_cast<std::uint64_t>(why) + 1);
  rec_.set(stall_, at(cycle + cycles), 0);
}

void HartWaves::privilege(std::uint64_t cycle, rv::Priv p) {
  priv_now_ = p;
  rec_.set(priv_, at(cycle), static_cast<std::uint64_t>(p));
}

void HartWaves::trap(std::uint64_t cycle, std::uint64_t cause, rv::Priv to) {
  const std::uint64_t code = (cause & 63) | ((cause & rv::kInterruptBit) ? 0x80 : 0);
  rec_.event(trap_, at(cycle));
  rec_.set(trap_cause_, at(cycle), code);
  if (to != priv_now_) privilege(cycle, to);
}

}  // namespace memvp
