// One TLB level made of arrays probed in parallel (Skylake's L1 DTLB: a 4 KiB, a 2 MiB and a
// 1 GiB array). A lookup hits if any array hits; a fill goes to the first array holding the
// entry's size. Its statistics count each lookup once for the level; the arrays keep their own.
// Each array is of the model its `impl` key names (mmu/tlb_impl.h).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "mmu/mmu_config.h"
#include "mmu/tlb.h"
#include "mmu/tlb_impl.h"

namespace memvp::mmu {

class TlbLevel final : public Tlb {
 public:
  TlbLevel(std::string name, const TlbLevelConfig& cfg, const TlbSite& site = {});

  std::optional<TlbEntry> lookup(VirtAddr va, Asid asid) override;
  void fill(const TlbEntry& e) override;
  void flush(const TlbFlush& f) override;
  [[nodiscard]] bool holds(PageSize s) const override;
  void prefetch(VirtAddr va) const override {
    for (const auto& array : arrays_) array->prefetch(va);
  }
  [[nodiscard]] Cycles latency() const override { return latency_; }
  [[nodiscard]] const TlbStats& stats() const override { return stats_; }
  void reset_stats() override {
    stats_ = {};
    for (const auto& array : arrays_) array->reset_stats();
  }
  [[nodiscard]] std::vector<TlbEntry> contents() const override;
  [[nodiscard]] const std::string& name() const override { return name_; }

  [[nodiscard]] const std::vector<std::unique_ptr<Tlb>>& arrays() const { return arrays_; }

 private:
  std::string name_;
  std::vector<std::unique_ptr<Tlb>> arrays_;
  Cycles latency_{0};
  TlbStats stats_;
};

}  // namespace memvp::mmu
