// Probe, fill and fence of the per-level non-leaf PTE cache.
#include "mmu/page_walk_cache.h"

namespace memvp::mmu {

PageWalkCache::PageWalkCache(const PwcConfig& cfg) : cfg_(cfg) {
  for (unsigned l = 1; l < kMaxLevels; ++l) {
    const unsigned n = cfg.entries[l];
    if (n == 0) continue;
    levels_[l].entries.resize(n);
    levels_[l].lru = std::make_unique<LruPolicy>(1, n);
  }
}

std::uint64_t PageWalkCache::tag_of(VirtAddr va, unsigned level, const VmInfo& info) {
  const unsigned shift = 12 + info.vpn_bits * level;
  return (va.value() & ((std::uint64_t{1} << info.va_bits) - 1)) >> shift;
}

std::optional<PageWalkCache::Hit> PageWalkCache::probe(VirtAddr va, Asid asid, const VmInfo& info) {
  ++stats_.probes;
  for (unsigned l = 1; l < info.levels; ++l) {  // deepest level first
    Level& level = levels_[l];
    const std::uint64_t tag = tag_of(va, l, info);
    for (unsigned w = 0; w < level.entries.size(); ++w) {
      const Entry& e = level.entries[w];
      if (e.valid && e.tag == tag && e.mode == static_cast<std::uint8_t>(info.mode) &&
          (e.hit.global || e.asid == asid)) {
        level.lru->on_hit(0, w);
        ++stats_.hits[l];
        return e.hit;
      }
    }
  }
  ++stats_.misses;
  return std::nullopt;
}

void PageWalkCache::fill(VirtAddr va, Asid asid, const VmInfo& info, const Hit& h) {
  if (h.level == 0 || h.level >= kMaxLevels) return;
  Level& level = levels_[h.level];
  if (level.entries.empty()) return;
  const Entry fresh{true, tag_of(va, h.level, info), static_cast<std::uint8_t>(info.mode), asid, h};
  unsigned slot = static_cast<unsigned>(level.entries.size());
  for (unsigned w = 0; w < level.entries.size() && slot == level.entries.size(); ++w) {
    const Entry& e = level.entries[w];
    if (e.valid && e.tag == fresh.tag && e.mode == fresh.mode && e.asid == asid) slot = w;
  }
  for (unsigned w = 0; w < level.entries.size() && slot == level.entries.size(); ++w)
    if (!level.entries[w].valid) slot = w;
  if (slot == level.entries.size()) {
    slot = level.lru->victim(0);
    ++stats_.evictions;
  }
  level.entries[slot] = fresh;
  level.lru->on_fill(0, slot);
  ++stats_.fills;
}

void PageWalkCache::flush(const TlbFlush& f) {
  if (f.kind == FlushKind::Va || f.kind == FlushKind::VaAsid) return;
  ++stats_.flushes;
  for (unsigned l = 1; l < kMaxLevels; ++l) {
    Level& level = levels_[l];
    for (unsigned w = 0; w < level.entries.size(); ++w) {
      Entry& e = level.entries[w];
      if (!e.valid) continue;
      if (f.kind == FlushKind::Asid && (e.hit.global || e.asid != f.asid)) continue;
      e.valid = false;
      level.lru->on_invalidate(0, w);
      ++stats_.invalidations;
    }
  }
}

std::size_t PageWalkCache::valid_entries() const {
  std::size_t n = 0;
  for (const Level& level : levels_)
    for (const Entry& e : level.entries) n += e.valid ? 1 : 0;
  return n;
}

}  // namespace memvp::mmu
