// The interface every TLB (and page-walk-cache) replacement policy implements (STYLE rule 4):
// the array reports hits, fills and invalidations per (set, way) and asks for a victim only
// when every way of the set is valid. One policy per file; make_replacement_policy() picks one.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "mmu/mmu_config.h"

namespace memvp::mmu {

class ReplacementPolicy {
 public:
  virtual ~ReplacementPolicy() = default;
  virtual void on_hit(unsigned set, unsigned way) = 0;
  virtual void on_fill(unsigned set, unsigned way) = 0;
  virtual void on_invalidate(unsigned set, unsigned way) {}
  // The way to evict from a full set. Deterministic for every policy (Random is seeded).
  virtual unsigned victim(unsigned set) = 0;
  [[nodiscard]] virtual std::string_view name() const = 0;
};

std::unique_ptr<ReplacementPolicy> make_replacement_policy(ReplacementKind kind, unsigned sets,
                                                           unsigned ways, std::uint64_t seed);

}  // namespace memvp::mmu
