// CacheStats: the named view of the counters for the run's statistics document.
#include "cache/cache_stats.h"

namespace memvp::cache {

std::vector<std::pair<std::string, double>> CacheStats::named_values() const {
  auto d = [](std::uint64_t v) { return static_cast<double>(v); };
  const std::uint64_t accesses = hits_total() + misses_total();
  return {
      {"read_hits", d(hits[0])},
      {"read_misses", d(misses[0])},
      {"write_hits", d(hits[1])},
      {"write_misses", d(misses[1])},
      {"fetch_hits", d(hits[2])},
      {"fetch_misses", d(misses[2])},
      {"hits", d(hits_total())},
      {"misses", d(misses_total())},
      {"miss_rate", accesses ? d(misses_total()) / d(accesses) : 0.0},
      {"evictions", d(evictions)},
      {"writebacks", d(writebacks)},
      {"writethroughs", d(writethroughs)},
      {"upgrades", d(upgrades)},
      {"invalidations_received", d(invalidations_received)},
      {"downgrades_received", d(downgrades_received)},
      {"back_invalidations", d(back_invalidations)},
      {"snoops_sent", d(snoops_sent)},
      {"mshr_stalls", d(mshr_stalls)},
      {"mshr_stall_cycles", d(mshr_stall_cycles)},
  };
}

}  // namespace memvp::cache
