// Parameters of one timing cache (L1I, L1D or L2), filled from the platform file's
// [cache.l1i] / [cache.l1d] / [cache.l2] tables. Defaults describe a Skylake-like L1D;
// validate_cache_config() is the one place that rejects impossible geometries.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "common/config/config_scope.h"
#include "common/replacement/replacement_policy.h"

namespace memvp::cache {

// WriteBack: write-back with write-allocate (the default).
// WriteThrough: write-through with no-write-allocate; lines are never dirty.
enum class WritePolicy : std::uint8_t { WriteBack, WriteThrough };

std::string_view write_policy_name(WritePolicy p);  // "write_back", "write_through"

struct CacheConfig {
  std::uint64_t size_bytes = 32 * 1024;
  std::uint32_t ways = 8;             // ways == size / line makes it fully associative
  std::uint32_t line_bytes = 64;      // a power of two
  std::uint32_t hit_latency_cycles = 4;  // tag and data lookup, charged on every access
  ReplacementKind replacement = ReplacementKind::Lru;
  std::uint64_t seed = 1;             // for ReplacementKind::Random
  WritePolicy write_policy = WritePolicy::WriteBack;
  // Misses in flight at once from all upstream initiators together (see docs/cache.md).
  std::uint32_t mshrs = 8;
  bool instruction = false;           // reads arriving here are instruction fetches (the L1I)
  double clock_hz = 1e9;              // latencies are cycles of this clock

  [[nodiscard]] std::uint32_t lines() const {
    return static_cast<std::uint32_t>(size_bytes / line_bytes);
  }
  [[nodiscard]] std::uint32_t sets() const { return lines() / ways; }
};

// Rejects a geometry the tag array cannot index, naming the key under `where` ("cache.l1d.ways").
void validate_cache_config(const CacheConfig& cfg, const ConfigScope& where);

}  // namespace memvp::cache
