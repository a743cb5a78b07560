// Statistics of one cache: hits and misses by access kind, evictions, write-backs, coherence
// traffic and MSHR stalls, under the stable names documented in docs/cache.md and docs/stats.md.
#pragma once

#include <array>
#include <cstdint>
#include "cache/cache_op.h"
#include "common/stats/stats.h"

namespace memvp::cache {

struct CacheStats : stats::Group {
  std::array<std::uint64_t, kAccessKinds> hits{};    // indexed by AccessKind
  std::array<std::uint64_t, kAccessKinds> misses{};  // indexed by AccessKind
  std::uint64_t evictions = 0;       // valid lines replaced by a fill
  std::uint64_t writebacks = 0;      // dirty lines sent down (evicted or snooped)
  std::uint64_t writethroughs = 0;   // stores sent down by a write-through cache
  std::uint64_t upgrades = 0;        // ownership requests for clean shared lines
  std::uint64_t invalidations_received = 0;  // snoops that dropped a line held here
  std::uint64_t downgrades_received = 0;     // snoops that took ownership from a line here
  std::uint64_t back_invalidations = 0;      // snoops sent because this cache evicted a line
  std::uint64_t snoops_sent = 0;
  std::uint64_t mshr_stalls = 0;        // misses that waited for a free MSHR
  std::uint64_t mshr_stall_cycles = 0;  // cycles they waited, in this cache's clock

  [[nodiscard]] std::uint64_t hits_total() const { return hits[0] + hits[1] + hits[2]; }
  [[nodiscard]] std::uint64_t misses_total() const { return misses[0] + misses[1] + misses[2]; }
  [[nodiscard]] std::uint64_t hits_of(AccessKind k) const {
    return hits[static_cast<unsigned>(k)];
  }
  [[nodiscard]] std::uint64_t misses_of(AccessKind k) const {
    return misses[static_cast<unsigned>(k)];
  }

  void visit_stats(stats::Visitor& v) const override;
};

}  // namespace memvp::cache
