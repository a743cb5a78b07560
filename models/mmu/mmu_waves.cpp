// The `mmu` group's signals. A walk starts once the L1 and L2 lookups have missed (the
// translation's latency less the walk's) and its steps follow back to back to its end, each
// PTE access at the cycle it was issued (PageTableWalker advances the walk's time that way).
#include "mmu/mmu_waves.h"

namespace memvp::mmu {

namespace {
// hit_level: 1 L1 TLB, 2 L2 TLB, 3 page walk, 4 none (a non-canonical address faults first).
std::uint64_t hit_level(Outcome found_in) {
  switch (found_in) {
    case Outcome::L1Hit: return 1;
    case Outcome::L2Hit: return 2;
    case Outcome::Walk: return 3;
    default: return 4;
  }
}
}  // namespace

MmuWaves::MmuWaves(waves::WaveRecorder& rec, const std::string& scope, std::uint64_t period_ticks)
    : rec_(rec),
      period_(period_ticks),
      lookup_(rec.add_signal(scope + ".lookup", 1, waves::VarKind::Event)),
      access_(rec.add_signal(scope + ".access", 2)),
      va_(rec.add_signal(scope + ".va", 64)),
      vpn_(rec.add_signal(scope + ".vpn", 52)),
      asid_(rec.add_signal(scope + ".asid", 16)),
      hit_level_(rec.add_signal(scope + ".hit_level", 3)),
      miss_(rec.add_signal(scope + ".miss", 1, waves::VarKind::Event)),
      fault_(rec.add_signal(scope + ".fault", 1, waves::VarKind::Event)),
      walk_active_(rec.add_signal(scope + ".walk_active", 1)),
      walk_level_(rec.add_signal(scope + ".walk_level", 3)),
      pte_addr_(rec.add_signal(scope + ".pte_addr", 56)),
      pwc_hit_(rec.add_signal(scope + ".pwc_hit", 1, waves::VarKind::Event)),
      sfence_(rec.add_signal(scope + ".sfence", 1, waves::VarKind::Event)),
      satp_flush_(rec.add_signal(scope + ".satp_flush", 1, waves::VarKind::Event)) {}

void MmuWaves::on_translation(const TranslateResult& r, const sc_core::sc_time& issued) {
  if (r.outcome == Outcome::Bare) return;  // nothing looked up: M-mode or satp.MODE = Bare
  const std::uint64_t t = issued.value();
  rec_.event(lookup_, t);
  rec_.set(access_, t, static_cast<std::uint64_t>(r.access));
  rec_.set(va_, t, r.va.value());
  rec_.set(vpn_, t, r.va.value() >> 12);
  rec_.set(asid_, t, r.asid.value());
  rec_.set(hit_level_, t, hit_level(r.found_in));
  if (r.found_in == Outcome::Walk) {
    rec_.event(miss_, t);
    walk(r, t);
  }
  if (r.fault) rec_.event(fault_, t + r.latency.value() * period_);
}

void MmuWaves::walk(const TranslateResult& r, std::uint64_t issued) {
  const std::uint64_t end = issued + r.latency.value() * period_;
  rec_.set(walk_active_, end - r.walk.cycles.value() * period_, 1);
  std::uint64_t steps = 0;
  for (unsigned s = 0; s < r.walk.count; ++s) steps += r.walk.steps[s].cycles.value();
  std::uint64_t t = end - steps * period_;
  for (unsigned s = 0; s < r.walk.count; ++s) {
    const WalkStep& step = r.walk.steps[s];
    rec_.set(walk_level_, t, step.level);
    rec_.set(pte_addr_, t, step.pte_addr.value());
    if (step.kind == StepKind::PwcHit) rec_.event(pwc_hit_, t);
    t += step.cycles.value() * period_;
  }
  rec_.set(walk_active_, end, 0);
}

void MmuWaves::on_flush(const TlbFlush&, FlushCause cause, const sc_core::sc_time& at) {
  rec_.event(cause == FlushCause::SfenceVma ? sfence_ : satp_flush_, at.value());
}

}  // namespace memvp::mmu
