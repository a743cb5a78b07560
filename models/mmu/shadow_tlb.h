// Runs two TLB models in lockstep behind the Tlb interface: every call goes to both, the
// reference's answers are used, and each lookup whose hit/miss or entry differs is counted
// and kept (the first few) for a report. This is how a Verilated RTL TLB is co-simulated
// against the C++ model without changing the MMU.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "mmu/tlb.h"

namespace memvp::mmu {

struct TlbMismatch {
  std::uint64_t lookup;  // index of the lookup (0-based) in this TLB's life
  VirtAddr va;
  Asid asid;
  std::optional<TlbEntry> reference;
  std::optional<TlbEntry> shadow;
};

class ShadowTlb final : public Tlb {
 public:
  ShadowTlb(std::unique_ptr<Tlb> reference, std::unique_ptr<Tlb> shadow,
            std::size_t keep_mismatches = 16);

  std::optional<TlbEntry> lookup(VirtAddr va, Asid asid) override;
  void fill(const TlbEntry& e) override;
  void flush(const TlbFlush& f) override;
  [[nodiscard]] bool holds(PageSize s) const override { return reference_->holds(s); }
  [[nodiscard]] Cycles latency() const override { return reference_->latency(); }
  [[nodiscard]] const TlbStats& stats() const override { return reference_->stats(); }
  void reset_stats() override {
    reference_->reset_stats();
    shadow_->reset_stats();
  }
  [[nodiscard]] std::vector<TlbEntry> contents() const override { return reference_->contents(); }
  [[nodiscard]] const std::string& name() const override { return reference_->name(); }

  [[nodiscard]] const Tlb& reference() const { return *reference_; }
  [[nodiscard]] const Tlb& shadow() const { return *shadow_; }
  [[nodiscard]] std::uint64_t mismatches() const { return mismatches_; }
  [[nodiscard]] const std::vector<TlbMismatch>& first_mismatches() const { return kept_; }

 private:
  std::unique_ptr<Tlb> reference_;
  std::unique_ptr<Tlb> shadow_;
  std::size_t keep_;
  std::uint64_t lookups_ = 0;
  std::uint64_t mismatches_ = 0;
  std::vector<TlbMismatch> kept_;
};

}  // namespace memvp::mmu
