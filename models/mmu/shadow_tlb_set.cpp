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
  for (std::size_t i = 0; i < geometries.size(); ++i) {
    const TlbGeometry& g = geometries[i];
    const TlbLevelConfig level = shadow_level_config(cfg, g);
    shadows_.push_back({g.level, tlb_geometry_name(cfg, g),
                        std::make_unique<TlbLevel>(prefix + "[" + std::to_string(i) + "]", level)});
  }
}

void ShadowTlbSet::observe(const TlbReference& ref) {
  if (!ref.l1_lookup) return;
  const TlbSlot l1 = ref.access == rv::Access::Fetch ? TlbSlot::L1I : TlbSlot::L1D;
  const auto probed = [&](const Shadow& s) { return s.level == TlbSlot::L2 ? ref.l2_lookup : s.level == l1; };
  // Every shadow's set first, so that the host loads them in parallel rather than one by one.
  for (const Shadow& s : shadows_) {
    if (probed(s)) s.tlb->prefetch(ref.va);
  }
  for (Shadow& s : shadows_) {
    if (!probed(s)) continue;
    const std::optional<TlbEntry> hit = s.tlb->lookup(ref.va, ref.asid);
    // Mmu::classify: a cached leaf without the A or D the access needs is walked again (and
    // refilled) when the hardware updates A/D; with Svade the access faults and nothing is filled.
    const bool refill = !hit || (hardware_ad_update_ && needs_ad_update(hit->flags, ref.access));
    if (refill && ref.leaf) fill_largest_held(*s.tlb, *ref.leaf, ref.va);
  }
}

void ShadowTlbSet::flush(const TlbFlush& f) {
  for (Shadow& s : shadows_) s.tlb->flush(f);
}

void ShadowTlbSet::visit_stats(stats::Visitor& v) const {
  v.begin_list("shadow_tlbs", "shadow TLB levels (memvp run --shadow-tlb), in the order given");
  for (const Shadow& s : shadows_) {
    v.group("", "one shadow TLB level", [&] {
      v.text("geometry", s.name, "the shadow's geometry (LEVEL[[ARRAY]]:ENTRIESxWAYS:REPLACEMENT)");
      s.tlb->visit_stats(v);
    });
  }
  v.end_list();
}

}  // namespace memvp::mmu
