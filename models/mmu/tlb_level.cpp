// Parallel probe and size-directed fill over the arrays of one TLB level.
#include "mmu/tlb_level.h"

#include <algorithm>

#include <fmt/format.h>

namespace memvp::mmu {

TlbLevel::TlbLevel(std::string name, const TlbLevelConfig& cfg, const TlbSite& site) : name_(std::move(name)) {
  for (std::size_t i = 0; i < cfg.arrays.size(); ++i) {
    arrays_.push_back(make_tlb_array(fmt::format("{}[{}]", name_, i), cfg.arrays[i], site));
    latency_ = std::max(latency_, Cycles(cfg.arrays[i].latency_cycles));
  }
}

std::optional<TlbEntry> TlbLevel::lookup(VirtAddr va, Asid asid) {
  ++stats_.lookups;
  std::optional<TlbEntry> found;
  for (auto& array : arrays_) {
    auto e = array->lookup(va, asid);
    if (e && !found) found = e;
  }
  if (found) ++stats_.hits; else ++stats_.misses;
  return found;
}

void TlbLevel::fill(const TlbEntry& e) {
  for (auto& array : arrays_) {
    if (!array->holds(e.size)) continue;
    ++stats_.fills;
    const std::uint64_t before = array->stats().evictions;
    array->fill(e);
    stats_.evictions += array->stats().evictions - before;
    return;
  }
}

void TlbLevel::flush(const TlbFlush& f) {
  ++stats_.flushes;
  for (auto& array : arrays_) {
    const std::uint64_t before = array->stats().invalidations;
    array->flush(f);
    stats_.invalidations += array->stats().invalidations - before;
  }
}

bool TlbLevel::holds(PageSize s) const {
  return std::any_of(arrays_.begin(), arrays_.end(), [s](const auto& a) { return a->holds(s); });
}

std::vector<TlbEntry> TlbLevel::contents() const {
  std::vector<TlbEntry> out;
  for (const auto& array : arrays_) {
    auto part = array->contents();
    out.insert(out.end(), part.begin(), part.end());
  }
  return out;
}

}  // namespace memvp::mmu
