// First-in first-out replacement: the victim is the way filled longest ago; hits do not
// change the order.
#pragma once

#include <cstdint>
#include <vector>

#include "common/replacement/replacement_policy.h"

namespace memvp {

class FifoPolicy final : public ReplacementPolicy {
 public:
  FifoPolicy(unsigned sets, unsigned ways) : ways_(ways), filled_(std::size_t{sets} * ways, 0) {}

  void on_hit(unsigned, unsigned) override {}
  void on_fill(unsigned set, unsigned way) override { filled_[index(set, way)] = ++clock_; }
  void on_invalidate(unsigned set, unsigned way) override { filled_[index(set, way)] = 0; }

  unsigned victim(unsigned set) override {
    unsigned oldest = 0;
    for (unsigned w = 1; w < ways_; ++w)
      if (filled_[index(set, w)] < filled_[index(set, oldest)]) oldest = w;
    return oldest;
  }
  [[nodiscard]] std::string_view name() const override { return "fifo"; }

 private:
  [[nodiscard]] std::size_t index(unsigned set, unsigned way) const {
    return std::size_t{set} * ways_ + way;
  }
  unsigned ways_;
  std::uint64_t clock_ = 0;
  std::vector<std::uint64_t> filled_;
};

}  // namespace memvp
