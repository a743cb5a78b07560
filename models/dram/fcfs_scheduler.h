// FCFS: each bank serves its requests strictly in arrival order; across banks the oldest
// ready request goes first (banks still work in parallel).
#pragma once

#include "dram/scheduler.h"

namespace memvp {

class FcfsScheduler final : public Scheduler {
 public:
  [[nodiscard]] SchedPick pick(std::span<const SchedCandidate> cands, Cycles now) const override;
  [[nodiscard]] const char* name() const override { return "fcfs"; }
};

}  // namespace memvp
