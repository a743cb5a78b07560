// Seeded pseudo-random replacement: the victim is splitmix64(state) mod ways, so a run with the
// same seed evicts the same ways and cycle counts stay reproducible.
#pragma once

#include <cstdint>

#include "common/replacement/replacement_policy.h"

namespace memvp {

class RandomPolicy final : public ReplacementPolicy {
 public:
  RandomPolicy(unsigned ways, std::uint64_t seed) : ways_(ways), state_(seed) {}

  void on_hit(unsigned, unsigned) override {}
  void on_fill(unsigned, unsigned) override {}
  unsigned victim(unsigned) override { return static_cast<unsigned>(next() % ways_); }
  [[nodiscard]] std::string_view name() const override { return "random"; }

  // splitmix64 (Steele, Lea, Flood: "Fast splittable pseudorandom number generators", 2014).
  static std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

 private:
  std::uint64_t next() { return splitmix64(state_); }
  unsigned ways_;
  std::uint64_t state_;
};

}  // namespace memvp
