// A paging-structure cache for non-leaf PTEs (the "address-translation cache" of §12.3.2 may
// hold them): one fully associative LRU array per level. An entry at level i is tagged with the
// VA bits that select the PTE (vpn[LEVELS-1..i]), the mode and the ASID (or global), and holds
// that PTE, so a hit at level i lets the walker start at level i-1 without reading levels
// LEVELS-1..i. A probe looks at all levels at once and returns the deepest hit.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "common/types.h"
#include "common/replacement/lru_policy.h"
#include "mmu/mmu_config.h"
#include "mmu/tlb.h"
#include "mmu/vm_mode.h"

namespace memvp::mmu {

struct PwcStats {
  std::array<std::uint64_t, kMaxLevels> hits{};  // by level
  std::uint64_t probes = 0;
  std::uint64_t misses = 0;  // probes with no hit at any level
  std::uint64_t fills = 0;
  std::uint64_t evictions = 0;
  std::uint64_t flushes = 0;
  std::uint64_t invalidations = 0;
};

class PageWalkCache : public stats::Group {
 public:
  explicit PageWalkCache(const PwcConfig& cfg);

  struct Hit {
    unsigned level;
    PhysAddr pte_addr;
    std::uint64_t pte;
    bool global;  // G set on this PTE or on one above it
  };
  [[nodiscard]] bool enabled() const { return cfg_.enabled; }
  [[nodiscard]] Cycles latency() const { return Cycles(cfg_.latency_cycles); }

  // The deepest cached non-leaf PTE on va's walk in address space asid.
  std::optional<Hit> probe(VirtAddr va, Asid asid, const VmInfo& info);
  // Caches the non-leaf PTE read at `level` (>= 1) for va.
  void fill(VirtAddr va, Asid asid, const VmInfo& info, const Hit& h);
  // sfence.vma (§12.2.1): rs1 = x0 fences remove non-leaf entries (all, or one ASID's
  // non-global ones); fences with rs1 = a VA order only leaf PTEs and leave this cache alone.
  void flush(const TlbFlush& f);

  [[nodiscard]] const PwcStats& stats() const { return stats_; }
  void reset_stats() { stats_ = {}; }
  void visit_stats(stats::Visitor& v) const override;
  [[nodiscard]] std::size_t valid_entries() const;

 private:
  struct Entry {
    bool valid = false;
    std::uint64_t tag = 0;  // va >> (12 + 9 * level), va_bits wide
    std::uint8_t mode = 0;
    Asid asid{0};
    Hit hit{};
  };
  struct Level {
    std::vector<Entry> entries;
    std::unique_ptr<LruPolicy> lru;
  };
  static std::uint64_t tag_of(VirtAddr va, unsigned level, const VmInfo& info);

  PwcConfig cfg_;
  std::array<Level, kMaxLevels> levels_;
  PwcStats stats_;
};

}  // namespace memvp::mmu
