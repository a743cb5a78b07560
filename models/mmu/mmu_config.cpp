// Validation of MmuConfig: every geometry the TLB and page-walk-cache models cannot build is
// rejected here with one clear line, before any module is constructed.
#include "mmu/mmu_config.h"

#include <fmt/format.h>

#include "common/error.h"

namespace memvp::mmu {

std::optional<PageSize> page_size_from_name(std::string_view name) {
  for (unsigned l = 0; l < kNumPageSizes; ++l)
    if (page_size_name(page_size_at_level(l)) == name) return page_size_at_level(l);
  return std::nullopt;
}

namespace {

void validate_array(const std::string& where, const TlbConfig& t) {
  if (t.entries == 0) throw InputError(where + ".entries: must be at least 1");
  if (t.ways == 0 || t.ways > t.entries)
    throw InputError(fmt::format("{}.ways: {} is not in 1..entries ({})", where, t.ways, t.entries));
  if (t.entries % t.ways != 0)
    throw InputError(fmt::format("{}.ways: {} does not divide entries ({})", where, t.ways, t.entries));
  if (t.page_sizes.empty()) throw InputError(where + ".page_sizes: must name at least one size");
}

void validate_level(const std::string& where, const TlbLevelConfig& level) {
  if (level.arrays.empty()) throw InputError(where + ": needs at least one TLB array");
  for (std::size_t i = 0; i < level.arrays.size(); ++i)
    validate_array(fmt::format("{}[{}]", where, i), level.arrays[i]);
}

}  // namespace

void validate_mmu_config(const MmuConfig& cfg) {
  if (!(cfg.clock_hz > 0)) throw InputError("mmu.clock_hz: must be positive");
  validate_level("mmu.l1_itlb", cfg.l1_itlb);
  validate_level("mmu.l1_dtlb", cfg.l1_dtlb);
  validate_level("mmu.l2_tlb", cfg.l2_tlb);
}

}  // namespace memvp::mmu
