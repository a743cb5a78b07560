// The hart's statistics tree (docs/stats.md, "harts[i]"): retirement, traps by cause under the
// names of common/riscv.h, stall cycles by reason, memory instructions, then the hart's MMU.
#include "core/hart.h"

namespace memvp {

const char* stall_reason_name(StallReason r) {
  switch (r) {
    case StallReason::Fetch: return "fetch";
    case StallReason::Load: return "load";
    case StallReason::Store: return "store";
    case StallReason::LoadUse: return "load_use";
    case StallReason::MulDiv: return "mul_div";
    case StallReason::Mispredict: return "mispredict";
    case StallReason::Translation: return "translation";
    case StallReason::Count: break;
  }
  return "?";
}

namespace {
template <std::size_t N>
std::array<std::uint64_t, N> minus(const std::array<std::uint64_t, N>& a, const std::array<std::uint64_t, N>& b) {
  std::array<std::uint64_t, N> r{};
  for (std::size_t i = 0; i < N; ++i) r[i] = a[i] - b[i];
  return r;
}
}  // namespace

HartStats counted_since(const HartStats& now, const HartStats& base) {
  HartStats s = now;
  s.instret -= base.instret;
  s.cycles -= base.cycles;
  s.exceptions = minus(now.exceptions, base.exceptions);
  s.interrupts = minus(now.interrupts, base.interrupts);
  s.stall_cycles = minus(now.stall_cycles, base.stall_cycles);
  s.branches -= base.branches;
  s.mispredicts -= base.mispredicts;
  s.loads -= base.loads;
  s.stores -= base.stores;
  s.amos -= base.amos;
  s.wfi_cycles -= base.wfi_cycles;
  s.privilege_cycles = minus(now.privilege_cycles, base.privilege_cycles);
  return s;
}

void Hart::visit_stats(stats::Visitor& v) const {
  const HartStats& s = stats();
  v.counter("instret", s.instret, "instructions retired in the detailed part (all of them without fast-forward)");
  v.counter("cycles", s.cycles, "cycles of the detailed part (mcycle at the end of a run without fast-forward)");
  v.real("ipc", s.cycles == 0 ? 0.0 : static_cast<double>(s.instret) / static_cast<double>(s.cycles),
         "instret / cycles (0 when no cycle elapsed)");
  v.group("exceptions", "synchronous traps taken, by cause", [&] {
    for (rv::Exception e : rv::kExceptions) v.counter(rv::exception_key(e), s.exceptions.at(static_cast<unsigned>(e)), "traps with this cause");
  });
  v.group("interrupts", "interrupts taken, by cause", [&] {
    for (rv::Interrupt i : rv::kInterrupts) v.counter(rv::interrupt_key(i), s.interrupts.at(static_cast<unsigned>(i)), "interrupts with this cause");
  });
  v.group("stall_cycles", "cycles lost beyond the base CPI of 1, by reason", [&] {
    for (int r = 0; r < static_cast<int>(StallReason::Count); ++r) {
      v.counter(stall_reason_name(static_cast<StallReason>(r)), s.stall_cycles.at(r), "cycles lost for this reason");
    }
  });
  v.counter("branches", s.branches, "conditional branches executed");
  v.counter("mispredicts", s.mispredicts, "mispredicted directions or targets (branches, jumps, returns)");
  v.counter("loads", s.loads, "load instructions executed (LR included)");
  v.counter("stores", s.stores, "store instructions executed (SC included)");
  v.counter("amos", s.amos, "AMO instructions executed");
  v.counter("wfi_cycles", s.wfi_cycles, "cycles spent asleep in WFI");
  v.group("privilege_cycles", "cycles spent in each privilege mode (they add up to cycles)", [&] {
    v.counter("user", s.privilege_cycles[0], "cycles in U-mode");
    v.counter("supervisor", s.privilege_cycles[1], "cycles in S-mode, WFI included");
    v.counter("machine", s.privilege_cycles[3], "cycles in M-mode, WFI included");
  });
  v.group("fast_forward", "what ran before the detailed part (docs/fast-forward.md); not in the counts above", [&] {
    v.counter("instret", s.fast_forward_instret, "instructions fast-forwarded, the warm-up's included");
    v.counter("warmup_instret", s.warmup_instret, "of those, instructions of the warm-up (TLBs and page-walk cache updated)");
    v.counter("cycles", s.fast_forward_cycles, "cycles they took (one per instruction plus the core's own stalls)");
  });
  v.group("mmu", "the hart's MMU", mmu);
}

}  // namespace memvp
