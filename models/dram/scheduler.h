// Request scheduler (STYLE rule 4): given every queued request's next command and the cycle it
// could issue, picks the one to issue now, or says when to look again. The channel computes the
// candidates; a scheduler only ranks them. FR-FCFS and FCFS implement it, one file each.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>

#include "dram/ddr4_config.h"
#include "dram/dram_types.h"

namespace memvp {

struct SchedCandidate {
  std::uint64_t seq;   // arrival order; lower is older
  std::uint32_t bank;  // flat bank index within the channel
  bool row_hit;        // the next command is a RD/WR to the bank's open row
  bool starving;       // younger requests passed it starvation_cap times
  Cycles ready;        // earliest cycle its next command may issue
};

struct SchedPick {
  std::optional<std::size_t> index;  // candidate to issue at `now`
  Cycles next_ready = kNever;        // when none is ready: the earliest eligible ready cycle
};

class Scheduler {
 public:
  virtual ~Scheduler() = default;
  // Candidates are given oldest first. Deterministic: the same input gives the same pick.
  [[nodiscard]] virtual SchedPick pick(std::span<const SchedCandidate> cands, Cycles now) const = 0;
  [[nodiscard]] virtual const char* name() const = 0;
};

[[nodiscard]] std::unique_ptr<Scheduler> make_scheduler(SchedulerKind kind);

}  // namespace memvp
