// The abstract TLB: what the MMU asks of any TLB level, so that the C++
// set-associative model, a Verilated RTL TLB, or a wrapper that runs both and compares them
// can be swapped in. Also the entry a TLB holds and the four sfence.vma flush kinds (§12.2.1).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/stats/stats.h"
#include "common/types.h"
#include "mmu/page_size.h"

namespace memvp::mmu {

// One cached leaf translation. vpn and ppn are of the page's first 4 KiB (low bits zero for
// superpages); flags are the leaf PTE's V R W X U G A D bits; global also covers G inherited
// from a non-leaf PTE on the walk (§12.3.1). size is what this entry covers, leaf_size the page
// the PTE maps (they differ when a TLB caches a piece of a larger page).
struct TlbEntry {
  std::uint64_t vpn = 0;  // VA >> 12 of the page base
  std::uint64_t ppn = 0;  // PA >> 12 of the page base
  PageSize size = PageSize::k4K;
  Asid asid{0};
  bool global = false;
  std::uint8_t flags = 0;
  PageSize leaf_size = PageSize::k4K;  // the page the PTE maps; larger than size when splintered

  // Whether va lies in the page this entry covers (size): every TLB probe asks, so it is inline.
  [[nodiscard]] bool covers(VirtAddr va) const {
    const std::uint64_t low = (std::uint64_t{1} << (page_shift(size) - 12)) - 1;
    return ((va.value() >> 12) & ~low) == vpn;
  }
  // Whether va lies in the page the PTE maps (leaf_size), which a splintered entry is part of.
  [[nodiscard]] bool leaf_covers(VirtAddr va) const;
  [[nodiscard]] bool matches(VirtAddr va, Asid a) const { return covers(va) && (global || asid == a); }
  [[nodiscard]] PhysAddr translate(VirtAddr va) const;
  // The same translation cut down to a smaller page containing va (a TLB that cannot hold the
  // page's size caches the piece that was used, as x86 L1 TLBs do with unsupported sizes).
  [[nodiscard]] TlbEntry splinter(PageSize smaller, VirtAddr va) const;
};

// sfence.vma's four cases (§12.2.1): rs1 = x0 or a VA, rs2 = x0 or an ASID. ASID-specific kinds
// never remove global entries.
enum class FlushKind : std::uint8_t { All, Asid, Va, VaAsid };
inline constexpr FlushKind kFlushKinds[] = {FlushKind::All, FlushKind::Asid, FlushKind::Va, FlushKind::VaAsid};
// "all", "asid", "va", "va_asid": the statistics names of the four kinds (docs/stats.md).
std::string_view flush_kind_name(FlushKind k);

struct TlbFlush {
  FlushKind kind = FlushKind::All;
  VirtAddr va{0};
  Asid asid{0};

  static TlbFlush all() { return {}; }
  static TlbFlush by_asid(Asid a) { return {FlushKind::Asid, VirtAddr(0), a}; }
  static TlbFlush by_va(VirtAddr v) { return {FlushKind::Va, v, Asid(0)}; }
  static TlbFlush by_va_asid(VirtAddr v, Asid a) { return {FlushKind::VaAsid, v, a}; }
  // Whether a leaf entry is invalidated by this fence.
  [[nodiscard]] bool removes(const TlbEntry& e) const;
};

struct TlbStats {
  std::uint64_t lookups = 0;
  std::uint64_t hits = 0;
  std::uint64_t misses = 0;
  std::uint64_t fills = 0;
  std::uint64_t evictions = 0;      // valid entries replaced by a fill
  std::uint64_t flushes = 0;        // flush() calls
  std::uint64_t invalidations = 0;  // entries removed by flushes
};

// A level's statistics under the names of docs/stats.md (what Tlb::visit_stats writes).
void visit_tlb_stats(stats::Visitor& v, const TlbStats& s);

class Tlb : public stats::Group {
 public:
  virtual ~Tlb() = default;
  // The entry that maps va in address space asid (or a global one), updating replacement
  // state and statistics. The caller checks permissions.
  virtual std::optional<TlbEntry> lookup(VirtAddr va, Asid asid) = 0;
  // Inserts e (holds(e.size) must be true). An entry for the same page, size and ASID is
  // overwritten in place, so the TLB never holds two copies of one translation.
  virtual void fill(const TlbEntry& e) = 0;
  virtual void flush(const TlbFlush& f) = 0;
  [[nodiscard]] virtual bool holds(PageSize s) const = 0;
  [[nodiscard]] virtual Cycles latency() const = 0;
  [[nodiscard]] virtual const TlbStats& stats() const = 0;
  // Zeroes stats() and nothing else (the start of a run's detailed part, docs/fast-forward.md).
  virtual void reset_stats() = 0;
  // stats() under the names of docs/stats.md (harts[i].mmu.l1_itlb, ...), whatever the model.
  void visit_stats(stats::Visitor& v) const final;
  // Every valid entry, for inspection and co-simulation compares; no side effects.
  [[nodiscard]] virtual std::vector<TlbEntry> contents() const = 0;
  [[nodiscard]] virtual const std::string& name() const = 0;
  // A hint that lookup(va, ...) follows: a model may start loading what it will probe into the
  // host's caches. No effect on any answer or statistic.
  virtual void prefetch(VirtAddr va) const {}
};

// Caches e in `tlb`, cut to the largest page size the TLB holds that is not larger than e's (a
// piece of a superpage containing va); nothing when it holds none.
void fill_largest_held(Tlb& tlb, const TlbEntry& e, VirtAddr va);

}  // namespace memvp::mmu
