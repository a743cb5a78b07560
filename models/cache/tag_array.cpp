// TagArray: victim choice and state changes; the lookup itself is inline in the header.
#include "cache/tag_array.h"

namespace memvp::cache {

TagArray::TagArray(const CacheConfig& cfg)
    : ways_(cfg.ways),
      set_mask_(cfg.sets() - 1),
      keys_(cfg.lines(), 0),
      flags_(cfg.lines(), 0),
      sharers_(cfg.lines(), 0),
      policy_(make_replacement_policy(cfg.replacement, cfg.sets(), cfg.ways, cfg.seed)) {}

unsigned TagArray::choose_way(unsigned set) {
  for (unsigned w = 0; w < ways_; ++w)
    if (!valid(set, w)) return w;
  return policy_->victim(set);
}

void TagArray::install(unsigned set, unsigned way, std::uint64_t line, std::uint8_t flags) {
  keys_[at(set, way)] = line | kValid;
  flags_[at(set, way)] = flags;
  sharers_[at(set, way)] = 0;
  policy_->on_fill(set, way);
}

void TagArray::invalidate(unsigned set, unsigned way) {
  keys_[at(set, way)] = 0;
  flags_[at(set, way)] = 0;
  sharers_[at(set, way)] = 0;
  policy_->on_invalidate(set, way);
}

}  // namespace memvp::cache
