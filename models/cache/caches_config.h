// The machine's caches as the platform file's [cache] table describes them: whether harts reach
// memory through caches, where the page-table walker's reads enter, and each level's geometry
// ([cache.l1i], [cache.l1d], [cache.l2], the keys of cache::CacheConfig; cache_schema.h).
#pragma once

#include <cstdint>

#include "cache/cache_config.h"

namespace memvp {

struct CachesConfig {
  enum class WalkerEntry { L1D, L2 };

  bool enabled = true;  // false: harts reach memory directly (DMI where granted)
  WalkerEntry walker = WalkerEntry::L1D;
  cache::CacheConfig l1i = level(32 << 10, 8, 1, true, 8);   // Skylake: 32 KiB 8-way
  cache::CacheConfig l1d = level(32 << 10, 8, 1, false, 8);  // Skylake: 32 KiB 8-way
  cache::CacheConfig l2 = level(1 << 20, 16, 12, false, 16);  // Skylake-SP: 1 MiB 16-way, ~12 cycles

 private:
  static cache::CacheConfig level(std::uint64_t size, std::uint32_t ways, std::uint32_t hit, bool instruction,
                                  std::uint32_t mshrs) {
    cache::CacheConfig c;
    c.mshrs = mshrs;
    c.size_bytes = size;
    c.ways = ways;
    c.hit_latency_cycles = hit;
    c.instruction = instruction;
    return c;
  }
};

}  // namespace memvp
