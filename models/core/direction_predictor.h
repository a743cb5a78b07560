// Conditional-branch direction predictors behind one small interface (STYLE rule 4): static
// not-taken, bimodal (a table of 2-bit saturating counters indexed by PC) and gshare (the same
// counters indexed by PC xor global history). Chosen by [core.branch_predictor] kind.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "core/hart_config.h"

namespace memvp {

class DirectionPredictor {
 public:
  virtual ~DirectionPredictor() = default;
  // Predicts the direction of the branch at pc, then learns the real outcome.
  // Returns true when the prediction was right.
  virtual bool predict_and_update(std::uint64_t pc, bool taken) = 0;
};

class StaticNotTakenPredictor final : public DirectionPredictor {
 public:
  bool predict_and_update(std::uint64_t, bool taken) override { return !taken; }
};

// 2-bit counters: 0-1 predict not taken, 2-3 taken; initialised weakly not-taken (1).
class BimodalPredictor : public DirectionPredictor {
 public:
  explicit BimodalPredictor(std::uint32_t entries) : counters_(entries, 1), mask_(entries - 1) {}
  bool predict_and_update(std::uint64_t pc, bool taken) override {
    return train(static_cast<std::uint32_t>(pc >> 1) & mask_, taken);
  }

 protected:
  bool train(std::uint32_t index, bool taken) {
    std::uint8_t& c = counters_[index];
    const bool predicted = c >= 2;
    if (taken && c < 3) ++c;
    if (!taken && c > 0) --c;
    return predicted == taken;
  }
  std::vector<std::uint8_t> counters_;
  std::uint32_t mask_;
};

class GsharePredictor final : public BimodalPredictor {
 public:
  GsharePredictor(std::uint32_t entries, std::uint32_t history_bits)
      : BimodalPredictor(entries), history_mask_((1u << history_bits) - 1) {}
  bool predict_and_update(std::uint64_t pc, bool taken) override {
    const bool right = train((static_cast<std::uint32_t>(pc >> 1) ^ history_) & mask_, taken);
    history_ = ((history_ << 1) | (taken ? 1 : 0)) & history_mask_;
    return right;
  }

 private:
  std::uint32_t history_ = 0;
  std::uint32_t history_mask_;
};

std::unique_ptr<DirectionPredictor> make_direction_predictor(const BranchPredictorConfig& cfg);

}  // namespace memvp
