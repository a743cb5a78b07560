// Validation of MmuConfig: every geometry the TLB and page-walk-cache models cannot build is
// rejected here with one clear line, before any module is constructed.
#include "mmu/mmu_config.h"

#include <fmt/format.h>

#include "common/error.h"
#include "mmu/tlb_impl.h"

namespace memvp::mmu {

namespace {

void validate_array(const ConfigScope& where, const TlbConfig& t) {
  where.require(t.entries != 0, "entries", "must be at least 1");
  where.require(t.ways != 0 && t.ways <= t.entries, "ways",
                fmt::format("{} is not in 1..entries ({})", t.ways, t.entries));
  where.require(t.entries % t.ways == 0, "ways", fmt::format("{} does not divide entries ({})", t.ways, t.entries));
  where.require(!t.page_sizes.empty(), "page_sizes", "must name at least one size");
  if (t.impl == TlbImpl::Cpp) return;
  const RtlTlbBuilder* rtl = rtl_tlb_builder();
  where.require(rtl != nullptr, "impl",
                fmt::format("\"{}\" needs memvp built with Verilator (scripts/setup.sh installs it)", tlb_impl_name(t.impl)));
  const std::string why = rtl->unsupported(t);
  where.require(why.empty(), "impl", why);
}

// The RTL TLB holds no pieces of larger pages (rtl/README.md): a level with an RTL array must hold
// every page size, so that Mmu::fill_level never splinters a page into it.
void validate_rtl_level(const ConfigScope& where, const TlbLevelConfig& level) {
  PageSizeSet held;
  bool rtl = false;
  for (const TlbConfig& t : level.arrays) {
    rtl = rtl || t.impl != TlbImpl::Cpp;
    for (unsigned l = 0; l < kNumPageSizes; ++l)
      if (t.page_sizes.contains(page_size_at_level(l))) held.add(page_size_at_level(l));
  }
  where.require(!rtl || held == PageSizeSet{PageSize::k4K, PageSize::k2M, PageSize::k1G, PageSize::k512G}, "",
                "has an RTL array (impl), so its arrays must hold every page size (4K, 2M, 1G, 512G): "
                "the RTL TLB keeps no pieces of larger pages");
}

void validate_level(const ConfigScope& where, const TlbLevelConfig& level) {
  where.require(!level.arrays.empty(), "", "needs at least one TLB array");
  for (std::size_t i = 0; i < level.arrays.size(); ++i) validate_array(where.element(i), level.arrays[i]);
  validate_rtl_level(where, level);
}

}  // namespace

void validate_mmu_config(const MmuConfig& cfg, const ConfigScope& where) {
  where.require(cfg.clock_hz > 0, "clock_hz", "must be positive");
  for (const TlbLevelKey& l : kTlbLevels) validate_level(where.at(l.name), cfg.*l.level);
}

}  // namespace memvp::mmu
