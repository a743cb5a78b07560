// The shadows' lookups and fills, mirroring Mmu::lookup_tlbs and Mmu::translate.
#include "mmu/shadow_tlb_set.h"

#include "mmu/permissions.h"
#include "mmu/tlb_level.h"

namespace memvp::mmu {

TlbReference TlbReference::of(const TranslateResult& r) {
  TlbReference ref{r.va, r.asid, r.access};
  ref.l1_lookup = r.found_in == Outcome::L1Hit || r.found_in == Outcome::L2Hit || r.found_in == Outcome::Walk;
  ref.l2_lookup = r.found_in == Outcome::L2Hit || r.found_in == Outcome::Walk;
  if (!ref.l1_lookup || r.fault) return ref;
  // The leaf as the walker builds it: page numbers of the page's first 4 KiB (§12.3.2 step 10).
  const std::uint64_t low = (std::uint64_t{1} << (page_shift(r.page_size) - 12)) - 1;
  ref.leaf = TlbEntry{(r.va.value() >> 12) & ~low, (r.pa.value() >> 12) & ~low, r.page_size, r.asid, r.global,
                      r.pte_flags, r.page_size};
  return ref;
}

ShadowTlbSet::ShadowTlbSet(const MmuConfig& cfg, const std::vector<TlbGeometry>& geometries, const std::string& prefix)
    : hardware_ad_update_(cfg.hardware_ad_update) {
  pending_.reserve(kBatch);
  for (std::size_t i = 0; i < geometries.size(); ++i) {
    const TlbGeometry& g = geometries[i];
    const TlbLevelConfig level = shadow_level_config(cfg, g);
    Shadow s{g.level, tlb_geometry_name(cfg, g), nullptr, nullptr};
    if (PackedTlbLevel::fits(level)) s.packed = std::make_unique<PackedTlbLevel>(level);
    else s.tlb = std::make_unique<TlbLevel>(prefix + "[" + std::to_string(i) + "]", level);
    shadows_.push_back(std::move(s));
  }
}

void ShadowTlbSet::observe(const TlbReference& ref) {
  if (!ref.l1_lookup) return;
  pending_.push_back(ref);
  if (pending_.size() == kBatch) drain();
}

bool ShadowTlbSet::probed(const Shadow& s, const TlbReference& ref) {
  if (s.level == TlbSlot::L2) return ref.l2_lookup;
  return s.level == (ref.access == rv::Access::Fetch ? TlbSlot::L1I : TlbSlot::L1D);
}

void ShadowTlbSet::drain() const {
  const std::size_t n = pending_.size();
  for (Shadow& s : shadows_) {
    for (std::size_t i = 0; i < n; ++i) {
      if (i + kPrefetchAhead < n) {
        const TlbReference& ahead = pending_[i + kPrefetchAhead];
        if (probed(s, ahead)) {
          if (s.packed) s.packed->prefetch(ahead.va); else s.tlb->prefetch(ahead.va);
        }
      }
      if (probed(s, pending_[i])) probe(s, pending_[i]);
    }
  }
  pending_.clear();
}

void ShadowTlbSet::probe(Shadow& s, const TlbReference& ref) const {
  // Mmu::classify: a cached leaf without the A or D the access needs is walked again (and
  // refilled) when the hardware updates A/D; with Svade the access faults and nothing is filled.
  if (s.packed) {
    const int ad = s.packed->lookup(ref.va, ref.asid);
    const bool refill = ad < 0 || (hardware_ad_update_ && needs_ad_update(static_cast<std::uint8_t>(ad), ref.access));
    if (refill && ref.leaf) s.packed->fill_largest_held(*ref.leaf, ref.va);
    return;
  }
  const std::optional<TlbEntry> hit = s.tlb->lookup(ref.va, ref.asid);
  const bool refill = !hit || (hardware_ad_update_ && needs_ad_update(hit->flags, ref.access));
  if (refill && ref.leaf) fill_largest_held(*s.tlb, *ref.leaf, ref.va);
}

void ShadowTlbSet::flush(const TlbFlush& f) {
  drain();
  for (Shadow& s : shadows_) {
    if (s.packed) s.packed->flush(f); else s.tlb->flush(f);
  }
}

void ShadowTlbSet::visit_stats(stats::Visitor& v) const {
  drain();
  v.begin_list("shadow_tlbs", "shadow TLB levels (memvp run --shadow-tlb), in the order given");
  for (const Shadow& s : shadows_) {
    v.group("", "one shadow TLB level", [&] {
      v.text("geometry", s.name, "the shadow's geometry (LEVEL[[ARRAY]]:ENTRIESxWAYS:REPLACEMENT)");
      if (s.packed) visit_tlb_stats(v, s.packed->stats()); else s.tlb->visit_stats(v);
    });
  }
  v.end_list();
}

}  // namespace memvp::mmu
