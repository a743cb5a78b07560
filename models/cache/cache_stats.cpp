// CacheStats: the named view of the counters for the run's statistics document.
#include "cache/cache_stats.h"

namespace memvp::cache {

void CacheStats::visit_stats(stats::Visitor& v) const {
  const std::uint64_t accesses = hits_total() + misses_total();
  v.counter("read_hits", hits[0], "loads that hit");
  v.counter("read_misses", misses[0], "loads that missed");
  v.counter("write_hits", hits[1], "stores that hit");
  v.counter("write_misses", misses[1], "stores that missed");
  v.counter("fetch_hits", hits[2], "instruction fetches that hit");
  v.counter("fetch_misses", misses[2], "instruction fetches that missed");
  v.counter("hits", hits_total(), "hits of every kind");
  v.counter("misses", misses_total(), "misses of every kind");
  v.real("miss_rate", accesses ? static_cast<double>(misses_total()) / static_cast<double>(accesses) : 0.0,
         "misses / accesses (0 without accesses)");
  v.counter("evictions", evictions, "valid lines replaced by a fill");
  v.counter("writebacks", writebacks, "dirty lines sent down (evicted or snooped)");
  v.counter("writethroughs", writethroughs, "stores sent down by a write-through cache");
  v.counter("upgrades", upgrades, "ownership requests for clean shared lines");
  v.counter("invalidations_received", invalidations_received, "snoops that dropped a line held here");
  v.counter("downgrades_received", downgrades_received, "snoops that took ownership from a line here");
  v.counter("back_invalidations", back_invalidations, "snoops sent because this cache evicted a line");
  v.counter("snoops_sent", snoops_sent, "snoops sent to the caches above");
  v.counter("mshr_stalls", mshr_stalls, "misses that waited for a free MSHR");
  v.counter("mshr_stall_cycles", mshr_stall_cycles, "cycles they waited, in this cache's clock");
}

}  // namespace memvp::cache
