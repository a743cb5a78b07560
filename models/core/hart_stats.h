// Counters one hart keeps; Hart::visit_stats names them (hart_stats.cpp, docs/stats.md "harts[i]").
#pragma once

#include <array>
#include <cstdint>

namespace memvp {

enum class StallReason : std::uint8_t { Fetch, Load, Store, LoadUse, MulDiv, Mispredict, Translation, Count };

struct HartStats {
  std::uint64_t instret = 0;
  std::uint64_t cycles = 0;
  std::array<std::uint64_t, 16> exceptions{};   // by mcause code
  std::array<std::uint64_t, 16> interrupts{};   // by mcause code (interrupt bit clear)
  std::array<std::uint64_t, static_cast<int>(StallReason::Count)> stall_cycles{};
  std::uint64_t branches = 0;                   // conditional branches executed
  std::uint64_t mispredicts = 0;                // direction or target mispredictions (all kinds)
  std::uint64_t loads = 0;
  std::uint64_t stores = 0;
  std::uint64_t amos = 0;
  std::uint64_t wfi_cycles = 0;                 // cycles spent waiting in WFI
  std::array<std::uint64_t, 4> privilege_cycles{};  // cycles spent in each mode, indexed by rv::Priv
  // Before the detailed part (docs/fast-forward.md): instructions retired fast-forwarding (the
  // warm-up's included), those of the warm-up, and the cycles they took.
  std::uint64_t fast_forward_instret = 0;
  std::uint64_t warmup_instret = 0;
  std::uint64_t fast_forward_cycles = 0;
};

// The counts of `now` since `base` (the counters at the start of the detailed part); the
// fast-forward figures are `now`'s.
HartStats counted_since(const HartStats& now, const HartStats& base);

const char* stall_reason_name(StallReason r);

}  // namespace memvp
