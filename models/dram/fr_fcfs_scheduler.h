// FR-FCFS (Rixner et al., ISCA 2000): ready row hits first, then the oldest ready request; a
// bank with pending row hits is not precharged for a conflicting request. A starvation cap
// bounds the reordering: once an older request has been passed starvation_cap times, its bank
// serves it next.
#pragma once

#include <cstddef>
#include <vector>

#include "dram/scheduler.h"

namespace memvp {

class FrFcfsScheduler final : public Scheduler {
 public:
  [[nodiscard]] SchedPick pick(std::span<const SchedCandidate> cands, Cycles now) const override;
  [[nodiscard]] const char* name() const override { return "fr-fcfs"; }

 private:
  // Scratch of pick(), indexed by flat bank and grown to the largest bank seen; only the
  // entries of the candidates' banks are valid during a pick.
  struct BankInfo {
    std::size_t oldest_starving;  // index of the bank's oldest starving candidate, or kNone
    bool has_hit;                 // some candidate hits the bank's open row
  };
  static constexpr std::size_t kNone = ~std::size_t{0};
  mutable std::vector<BankInfo> banks_;
};

}  // namespace memvp
