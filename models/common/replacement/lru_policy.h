// True least-recently-used replacement: every hit or fill stamps the way with a rising counter;
// the victim is the way with the oldest stamp (ties, which cannot follow fills, go to way 0).
#pragma once

#include <cstdint>
#include <vector>

#include "common/replacement/replacement_policy.h"

namespace memvp {

class LruPolicy final : public ReplacementPolicy {
 public:
  LruPolicy(unsigned sets, unsigned ways) : ways_(ways), stamp_(std::size_t{sets} * ways, 0) {}

  void on_hit(unsigned set, unsigned way) override { stamp_[index(set, way)] = ++clock_; }
  void on_fill(unsigned set, unsigned way) override { stamp_[index(set, way)] = ++clock_; }
  void on_invalidate(unsigned set, unsigned way) override { stamp_[index(set, way)] = 0; }

  unsigned victim(unsigned set) override {
    unsigned best = 0;
    for (unsigned w = 1; w < ways_; ++w)
      if (stamp_[index(set, w)] < stamp_[index(set, best)]) best = w;
    return best;
  }
  [[nodiscard]] std::string_view name() const override { return "lru"; }

 private:
  [[nodiscard]] std::size_t index(unsigned set, unsigned way) const {
    return std::size_t{set} * ways_ + way;
  }
  unsigned ways_;
  std::uint64_t clock_ = 0;
  std::vector<std::uint64_t> stamp_;
};

}  // namespace memvp
