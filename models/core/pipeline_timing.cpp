// Branch and jump timing: direction prediction for conditional branches, a return-address
// stack for returns and a direct-mapped BTB for other indirect jumps; JAL targets are known at
// decode and cost nothing beyond the base cycle.
#include "core/pipeline_timing.h"

namespace memvp {

std::unique_ptr<DirectionPredictor> make_direction_predictor(const BranchPredictorConfig& cfg) {
  switch (cfg.kind) {
    case BranchPredictorKind::StaticNotTaken: return std::make_unique<StaticNotTakenPredictor>();
    case BranchPredictorKind::Bimodal: return std::make_unique<BimodalPredictor>(cfg.entries);
    case BranchPredictorKind::Gshare: return std::make_unique<GsharePredictor>(cfg.entries, cfg.history_bits);
  }
  return std::make_unique<StaticNotTakenPredictor>();
}

PipelineTiming::PipelineTiming(const HartConfig& cfg)
    : cfg_(cfg.branch_predictor), direction_(make_direction_predictor(cfg.branch_predictor)),
      btb_(cfg.branch_predictor.btb_entries, ~0ULL), ras_(cfg.branch_predictor.ras_entries, 0) {
  producer_reason_.fill(StallReason::LoadUse);
}

std::uint64_t PipelineTiming::conditional_branch(std::uint64_t pc, bool taken) {
  ++branches_;
  return direction_->predict_and_update(pc, taken) ? 0 : mispredicted();
}

std::uint64_t PipelineTiming::jump(std::uint64_t pc, std::uint64_t target, std::uint64_t return_addr,
                                   unsigned rd, unsigned rs1, bool indirect) {
  std::uint64_t penalty = 0;
  // Unprivileged spec §2.5.1 (RAS hints): pop when rs1 is a link register and differs from rd.
  const bool pop = indirect && is_link(rs1) && !(is_link(rd) && rd == rs1);
  if (indirect) {
    std::uint64_t predicted = ~0ULL;
    if (pop && ras_count_ > 0 && !ras_.empty()) {
      ras_top_ = (ras_top_ + ras_.size() - 1) % ras_.size();
      predicted = ras_[ras_top_];
      --ras_count_;
    } else if (!btb_.empty()) {
      std::uint64_t& slot = btb_[(pc >> 1) % btb_.size()];
      predicted = slot;
      slot = target;
    }
    if (predicted != target) penalty = mispredicted();
  }
  if (is_link(rd) && !ras_.empty()) {  // a call pushes its return address
    ras_[ras_top_] = return_addr;
    ras_top_ = (ras_top_ + 1) % ras_.size();
    if (ras_count_ < ras_.size()) ++ras_count_;
  }
  return penalty;
}

}  // namespace memvp
