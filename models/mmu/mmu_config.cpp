// Validation of MmuConfig: every geometry the TLB and page-walk-cache models cannot build is
// rejected here with one clear line, before any module is constructed.
#include "mmu/mmu_config.h"

#include <fmt/format.h>

#include "common/error.h"

namespace memvp::mmu {

namespace {

void validate_array(const ConfigScope& where, const TlbConfig& t) {
  where.require(t.entries != 0, "entries", "must be at least 1");
  where.require(t.ways != 0 && t.ways <= t.entries, "ways",
                fmt::format("{} is not in 1..entries ({})", t.ways, t.entries));
  where.require(t.entries % t.ways == 0, "ways", fmt::format("{} does not divide entries ({})", t.ways, t.entries));
  where.require(!t.page_sizes.empty(), "page_sizes", "must name at least one size");
}

void validate_level(const ConfigScope& where, const TlbLevelConfig& level) {
  where.require(!level.arrays.empty(), "", "needs at least one TLB array");
  for (std::size_t i = 0; i < level.arrays.size(); ++i) validate_array(where.element(i), level.arrays[i]);
}

}  // namespace

void validate_mmu_config(const MmuConfig& cfg, const ConfigScope& where) {
  where.require(cfg.clock_hz > 0, "clock_hz", "must be positive");
  for (const TlbLevelKey& l : kTlbLevels) validate_level(where.at(l.name), cfg.*l.level);
}

}  // namespace memvp::mmu
