// The C++ SetAssocTlb and a Verilated RTL TLB of the same geometry and replacement policy run
// in lockstep behind the Tlb interface (impl = "lockstep"): every operation goes to both and
// the C++ model's answers are used. After each one the effects are compared: a lookup's
// hit/miss and entry (page numbers, size, ASID, G, permission flags); a fill's set, way by
// way, which shows the victim each chose; a flush's removals, entry by entry. The first
// difference is reported once, as one line (cycle, hart, array, operation, inputs, both
// answers) and a dump of both arrays' contents.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "mmu/set_assoc_tlb.h"
#include "mmu/tlb_impl.h"
#include "rtl_tlb/rtl_tlb.h"

namespace memvp::rtl {

struct TlbDivergence {
  std::string line;  // cycle, hart, array, operation, inputs and both answers
  std::string dump;  // both arrays' valid entries, one per line
};

class LockstepTlb final : public mmu::Tlb {
 public:
  // Called at the first divergence; memvp's ends the run (rtl_tlb_builder.cpp).
  using Report = std::function<void(const TlbDivergence&)>;

  LockstepTlb(std::unique_ptr<mmu::SetAssocTlb> cpp, std::unique_ptr<RtlTlbArray> rtl, mmu::TlbSite site,
              Report report);

  std::optional<mmu::TlbEntry> lookup(VirtAddr va, Asid asid) override;
  void fill(const mmu::TlbEntry& e) override;
  void flush(const mmu::TlbFlush& f) override;
  [[nodiscard]] bool holds(mmu::PageSize s) const override { return cpp_->holds(s); }
  [[nodiscard]] Cycles latency() const override { return cpp_->latency(); }
  [[nodiscard]] const mmu::TlbStats& stats() const override { return cpp_->stats(); }
  void reset_stats() override { cpp_->reset_stats(); }
  [[nodiscard]] std::vector<mmu::TlbEntry> contents() const override { return cpp_->contents(); }
  [[nodiscard]] const std::string& name() const override { return cpp_->name(); }

  [[nodiscard]] const mmu::SetAssocTlb& cpp() const { return *cpp_; }
  [[nodiscard]] const RtlTlbArray& rtl() const { return *rtl_; }
  [[nodiscard]] bool diverged() const { return diverged_; }

 private:
  // The first (set, way) whose entries differ, or whose validity does when entries is false.
  [[nodiscard]] std::optional<std::pair<unsigned, unsigned>> first_difference(unsigned set_begin, unsigned set_end,
                                                                              bool entries) const;
  [[nodiscard]] std::string way_answers(unsigned set, unsigned way) const;
  void diverge(const std::string& operation, const std::string& answers);

  std::unique_ptr<mmu::SetAssocTlb> cpp_;
  std::unique_ptr<RtlTlbArray> rtl_;
  mmu::TlbSite site_;
  Report report_;
  bool diverged_ = false;
};

// "vpn=0x... ppn=0x... size=4K asid=3 g=0 flags=0xcf", or "miss".
std::string describe(const std::optional<mmu::TlbEntry>& e);
// Whether two entries agree in every field the RTL holds (not leaf_size: it keeps no pieces).
bool same_entry(const std::optional<mmu::TlbEntry>& a, const std::optional<mmu::TlbEntry>& b);

}  // namespace memvp::rtl
