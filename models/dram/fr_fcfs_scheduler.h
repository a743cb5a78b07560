// FR-FCFS (Rixner et al., ISCA 2000): ready row hits first, then the oldest ready request; a
// bank with pending row hits is not precharged for a conflicting request. A starvation cap
// bounds the reordering: once an older request has been passed starvation_cap times, its bank
// serves it next.
#pragma once

#include "dram/scheduler.h"

namespace memvp {

class FrFcfsScheduler final : public Scheduler {
 public:
  [[nodiscard]] SchedPick pick(std::span<const SchedCandidate> cands, Cycles now) const override;
  [[nodiscard]] const char* name() const override { return "fr-fcfs"; }
};

}  // namespace memvp
