// Validation of CacheConfig: every geometry the tag array cannot index with bit masks is
// rejected here with one clear line naming the platform-file key, before any module is built.
#include "cache/cache_config.h"

#include <bit>

#include <fmt/format.h>

#include "common/error.h"

namespace memvp::cache {

std::string_view write_policy_name(WritePolicy p) {
  switch (p) {
    case WritePolicy::WriteBack: return "write_back";
    case WritePolicy::WriteThrough: return "write_through";
  }
  return "?";
}

void validate_cache_config(const CacheConfig& cfg, const ConfigScope& where) {
  where.require(cfg.line_bytes >= 8 && std::has_single_bit(cfg.line_bytes), "line_bytes",
                fmt::format("{} is not a power of two of at least 8", cfg.line_bytes));
  where.require(cfg.size_bytes != 0 && cfg.size_bytes % cfg.line_bytes == 0, "size",
                fmt::format("{} is not a non-zero multiple of line_bytes ({})", cfg.size_bytes, cfg.line_bytes));
  where.require(cfg.size_bytes / cfg.line_bytes <= (1ULL << 31), "size",
                fmt::format("{} holds more than 2^31 lines", cfg.size_bytes));
  where.require(cfg.ways != 0 && cfg.ways <= cfg.lines(), "ways",
                fmt::format("{} is not in 1..lines ({})", cfg.ways, cfg.lines()));
  where.require(cfg.lines() % cfg.ways == 0, "ways",
                fmt::format("{} must divide the number of lines ({})", cfg.ways, cfg.lines()));
  where.require(std::has_single_bit(cfg.sets()), "ways",
                fmt::format("{} ways give {} sets, not a power of two", cfg.ways, cfg.sets()));
  where.require(cfg.mshrs != 0, "mshrs", "must be at least 1");
  where.require(cfg.clock_hz > 0, "clock_hz", "must be positive");
}

}  // namespace memvp::cache
