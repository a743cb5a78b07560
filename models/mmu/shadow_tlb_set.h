// Shadow TLBs (docs/mmu.md, "Shadow TLBs"): extra TLB levels of other geometries that watch one
// MMU's translations. Each sees the lookups the real level of its kind makes (every L1I or L1D
// lookup, or every L2 lookup), is flushed by the same sfence.vma and satp writes, and on a miss of
// its own is filled with the translation the real MMU resolved, as its own walk would have filled
// it. It answers nothing back, so the simulated machine and its timing are the same with or
// without shadows; its statistics say how a TLB of that geometry would have fared on this lookup
// stream. The same set replays a recorded translation trace (`memvp trace FILE replay`).
//
// References are queued and each shadow takes a batch of them in turn, loading the sets of the
// references a few ahead of the one it probes: the probes of one shadow are independent, so the
// host fetches many sets at once instead of waiting for each. Each shadow sees every reference and
// flush in order, so the counts are those of probing each reference as it comes; the queue is
// emptied before a flush and before any count is read.
//
// A shadow level is a PackedTlbLevel (mmu/packed_tlb.h: the same counts as a TlbLevel in a
// fraction of the host memory) when its arrays have at most 16 ways, else a TlbLevel.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/stats/stats.h"
#include "mmu/mmu_config.h"
#include "mmu/packed_tlb.h"
#include "mmu/tlb.h"
#include "mmu/tlb_geometry.h"
#include "mmu/translation.h"
#include "mmu/translation_observer.h"

namespace memvp::mmu {

// What the shadows need of one translation: which real levels were looked up, and the leaf to
// fill a shadow with (none when the translation faulted).
struct TlbReference {
  VirtAddr va{0};
  Asid asid{0};
  rv::Access access = rv::Access::Load;
  bool l1_lookup = false;  // the L1 TLB of the access (L1I for fetches, else L1D) was probed
  bool l2_lookup = false;  // the L1 did not serve it, so the L2 TLB was probed
  std::optional<TlbEntry> leaf{};

  // The reference a translation of the MMU makes (Bare and non-canonical ones probe nothing).
  static TlbReference of(const TranslateResult& r);
};

class ShadowTlbSet final : public TranslationObserver, public stats::Group {
 public:
  // One shadow per geometry, in order, each built on `cfg` (shadow_level_config(); throws
  // InputError for a bad one). `prefix` names their arrays ("hart0.mmu.shadow").
  ShadowTlbSet(const MmuConfig& cfg, const std::vector<TlbGeometry>& geometries, const std::string& prefix);

  void on_translation(const TranslateResult& result, const sc_core::sc_time&) override {
    observe(TlbReference::of(result));
  }
  void on_flush(const TlbFlush& flush, FlushCause, const sc_core::sc_time&) override { this->flush(flush); }

  void observe(const TlbReference& ref);
  void flush(const TlbFlush& f);

  [[nodiscard]] std::size_t size() const { return shadows_.size(); }
  [[nodiscard]] const std::string& geometry(std::size_t i) const { return shadows_.at(i).name; }
  [[nodiscard]] const TlbStats& stats(std::size_t i) const {
    drain();
    const Shadow& s = shadows_.at(i);
    return s.packed ? s.packed->stats() : s.tlb->stats();
  }
  // One group per shadow, in order: its geometry's name and the level's statistics.
  void visit_stats(stats::Visitor& v) const override;

 private:
  struct Shadow {
    TlbSlot level;
    std::string name;  // tlb_geometry_name()
    std::unique_ptr<PackedTlbLevel> packed;
    std::unique_ptr<Tlb> tlb;  // when the level does not fit a PackedTlbLevel
  };
  static constexpr std::size_t kBatch = 256;        // references queued before the shadows take them
  static constexpr std::size_t kPrefetchAhead = 8;  // references whose sets a shadow loads in advance
  // Each shadow probes the queued references in order; then the queue is empty. Reading a count
  // drains the queue first, so that reading is const for the caller although the shadows change.
  void drain() const;
  void probe(Shadow& s, const TlbReference& ref) const;
  static bool probed(const Shadow& s, const TlbReference& ref);
  mutable std::vector<Shadow> shadows_;
  mutable std::vector<TlbReference> pending_;
  bool hardware_ad_update_;
};

}  // namespace memvp::mmu
