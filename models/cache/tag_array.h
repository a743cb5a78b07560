// The tag store of one cache: per line a key (line number with a valid bit), state flags and,
// for a cache that tracks upstream copies, a sharer bit-vector; replacement through the shared
// policies (common/replacement). Sets are indexed by bit masks so a lookup costs one shift, one
// mask and a scan of `ways` keys. No SystemC here, so tests can drive it directly.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "cache/cache_config.h"
#include "common/replacement/replacement_policy.h"

namespace memvp::cache {

// Line state bits.
constexpr std::uint8_t kDirty = 1;    // newer than the level below (write-back owed)
constexpr std::uint8_t kOwned = 2;    // this cache may write without asking the level below
constexpr std::uint8_t kUpOwned = 4;  // the one upstream sharer holds the line with ownership
constexpr std::uint8_t kPending = 8;  // a fill or upgrade for the line is in flight below
constexpr std::uint8_t kDowngraded = 16;  // snooped to shared while pending: no ownership

class TagArray {
 public:
  static constexpr int kNone = -1;

  explicit TagArray(const CacheConfig& cfg);

  [[nodiscard]] unsigned set_of(std::uint64_t line) const {
    return static_cast<unsigned>(line & set_mask_);
  }
  // The way of `set` holding `line`, or kNone.
  [[nodiscard]] int find(unsigned set, std::uint64_t line) const {
    const std::uint64_t key = line | kValid;
    const std::uint64_t* k = &keys_[std::size_t{set} * ways_];
    for (unsigned w = 0; w < ways_; ++w)
      if (k[w] == key) return static_cast<int>(w);
    return kNone;
  }
  void touch(unsigned set, unsigned way) { policy_->on_hit(set, way); }

  // The way a fill of `set` takes: the first invalid way, else the policy's victim.
  [[nodiscard]] unsigned choose_way(unsigned set);
  // Installs `line` in (set, way) with `flags` and no sharers; the caller evicted what was there.
  void install(unsigned set, unsigned way, std::uint64_t line, std::uint8_t flags);
  void invalidate(unsigned set, unsigned way);

  [[nodiscard]] bool valid(unsigned set, unsigned way) const { return keys_[at(set, way)] != 0; }
  [[nodiscard]] std::uint64_t line(unsigned set, unsigned way) const {
    return keys_[at(set, way)] & ~kValid;
  }
  std::uint8_t& flags(unsigned set, unsigned way) { return flags_[at(set, way)]; }
  [[nodiscard]] std::uint8_t flags(unsigned set, unsigned way) const {
    return flags_[at(set, way)];
  }
  std::uint64_t& sharers(unsigned set, unsigned way) { return sharers_[at(set, way)]; }
  [[nodiscard]] unsigned ways() const { return ways_; }
  [[nodiscard]] unsigned sets() const { return set_mask_ + 1; }

 private:
  static constexpr std::uint64_t kValid = 1ULL << 63;  // line numbers stay below 2^58
  [[nodiscard]] std::size_t at(unsigned set, unsigned way) const {
    return std::size_t{set} * ways_ + way;
  }

  unsigned ways_;
  unsigned set_mask_;
  std::vector<std::uint64_t> keys_;  // 0 = invalid
  std::vector<std::uint8_t> flags_;
  std::vector<std::uint64_t> sharers_;
  std::unique_ptr<ReplacementPolicy> policy_;
};

}  // namespace memvp::cache
