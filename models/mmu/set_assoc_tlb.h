// One set-associative TLB array (fully associative when ways == entries) with a pluggable
// replacement policy. An array may hold several page sizes (Skylake's STLB keeps 4 KiB and
// 2 MiB pages together): each size indexes the sets with its own page number, and a lookup
// probes the set of every size the array holds, as the hardware does in parallel.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "mmu/mmu_config.h"
#include "common/replacement/replacement_policy.h"
#include "mmu/tlb.h"

namespace memvp::mmu {

class SetAssocTlb final : public Tlb {
 public:
  SetAssocTlb(std::string name, const TlbConfig& cfg);

  std::optional<TlbEntry> lookup(VirtAddr va, Asid asid) override;
  void fill(const TlbEntry& e) override;
  void flush(const TlbFlush& f) override;
  [[nodiscard]] bool holds(PageSize s) const override { return cfg_.page_sizes.contains(s); }
  [[nodiscard]] Cycles latency() const override { return Cycles(cfg_.latency_cycles); }
  [[nodiscard]] const TlbStats& stats() const override { return stats_; }
  void reset_stats() override { stats_ = {}; }
  [[nodiscard]] std::vector<TlbEntry> contents() const override;
  [[nodiscard]] const std::string& name() const override { return name_; }
  void prefetch(VirtAddr va) const override;

  [[nodiscard]] unsigned sets() const { return sets_; }
  [[nodiscard]] unsigned ways() const { return cfg_.ways; }
  // The set a page of size s containing va maps to.
  [[nodiscard]] unsigned set_of(VirtAddr va, PageSize s) const;
  // The entry in (set, way), if valid (for tests of replacement decisions).
  [[nodiscard]] std::optional<TlbEntry> at(unsigned set, unsigned way) const;

 private:
  struct Way {
    bool valid = false;
    TlbEntry entry;
  };
  Way& way(unsigned set, unsigned w) { return ways_[std::size_t{set} * cfg_.ways + w]; }
  [[nodiscard]] const Way& way(unsigned set, unsigned w) const {
    return ways_[std::size_t{set} * cfg_.ways + w];
  }
  [[nodiscard]] unsigned choose_way(unsigned set, const TlbEntry& e);
  // Writes slot i (valid or not), keeping tags_ and valid_by_size_ in step with ways_.
  void set_slot(std::size_t i, bool valid, const TlbEntry& e);

  std::string name_;
  TlbConfig cfg_;
  unsigned sets_;
  unsigned set_mask_;  // sets_ - 1 when sets_ is a power of two (a mask instead of a division), else 0
  std::vector<Way> ways_;
  // Per slot, a valid entry's page number and size in one word (0 when invalid): a lookup scans a
  // set's tags, a few host cache lines, and reads an entry only on a tag match.
  std::vector<std::uint64_t> tags_;
  // Valid entries of each page size: a lookup skips the sizes the array holds none of.
  std::array<std::uint32_t, kNumPageSizes> valid_by_size_{};
  std::unique_ptr<ReplacementPolicy> policy_;
  TlbStats stats_;
};

}  // namespace memvp::mmu
