// The in-order pipeline timing rules (docs/core.md): base CPI 1; a scoreboard delays an
// instruction until its source registers are ready (load-use and multiply latencies); division
// blocks the pipeline; mispredicted branches and jumps cost a fixed penalty. Memory latencies
// are charged by the hart as each access completes.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/decode.h"
#include "core/direction_predictor.h"
#include "core/hart_config.h"
#include "core/hart_stats.h"

namespace memvp {

class PipelineTiming {
 public:
  explicit PipelineTiming(const HartConfig& cfg);

  // Cycles the instruction must wait at issue cycle `now` for its source operands.
  [[nodiscard]] std::uint64_t operand_stall(const Decoded& d, std::uint64_t now, StallReason* why) const {
    std::uint64_t ready = 0;
    unsigned producer = 0;
    const auto check = [&](std::uint8_t read, std::uint8_t fp, unsigned r) {
      if (!(d.reads & read)) return;
      const unsigned i = slot(d, fp, r);
      if (ready_[i] > ready) ready = ready_[producer = i];
    };
    check(kReadsRs1, kFpRs1, d.rs1);
    check(kReadsRs2, kFpRs2, d.rs2);
    check(kReadsRs3, kFpRs3, d.rs3);
    if (ready <= now) return 0;
    *why = producer_reason_[producer];
    return ready - now;
  }
  // The result of instruction `d` in its rd becomes usable at cycle `ready`.
  void result_ready(const Decoded& d, std::uint64_t ready, StallReason reason) {
    const unsigned i = slot(d, kFpRd, d.rd);
    ready_[i] = ready;
    producer_reason_[i] = reason;
  }

  // Penalty cycles for a conditional branch with the given outcome.
  std::uint64_t conditional_branch(std::uint64_t pc, bool taken);
  // Penalty cycles for JAL/JALR, using the return-address stack and the BTB (unprivileged
  // spec §2.5.1 names x1 and x5 as link registers for the RAS hints).
  std::uint64_t jump(std::uint64_t pc, std::uint64_t target, std::uint64_t return_addr,
                     unsigned rd, unsigned rs1, bool indirect);

  [[nodiscard]] std::uint64_t branches() const { return branches_; }
  [[nodiscard]] std::uint64_t mispredicts() const { return mispredicts_; }

 private:
  static bool is_link(unsigned r) { return r == 1 || r == 5; }
  // The scoreboard holds x0-x31 then f0-f31.
  static unsigned slot(const Decoded& d, std::uint8_t fp, unsigned r) { return (d.fregs & fp) ? 32 + r : r; }
  std::uint64_t mispredicted() { ++mispredicts_; return cfg_.mispredict_penalty; }

  BranchPredictorConfig cfg_;
  std::unique_ptr<DirectionPredictor> direction_;
  std::array<std::uint64_t, 64> ready_{};
  std::array<StallReason, 64> producer_reason_{};
  std::vector<std::uint64_t> btb_;   // predicted targets of indirect jumps, by PC
  std::vector<std::uint64_t> ras_;   // circular return-address stack
  unsigned ras_top_ = 0, ras_count_ = 0;
  std::uint64_t branches_ = 0, mispredicts_ = 0;
};

}  // namespace memvp
