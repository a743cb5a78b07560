// The MMU's statistics tree (docs/stats.md, "harts[i].mmu"): its own counters by outcome, fault
// cause and sfence.vma kind under the names the enums' owners give them, then each TLB level and
// the page-walk cache.
#include "mmu/mmu.h"
#include "mmu/shadow_tlb_set.h"

#include <string_view>

namespace memvp::mmu {

std::string_view flush_kind_name(FlushKind k) {
  switch (k) {
    case FlushKind::All: return "all";
    case FlushKind::Asid: return "asid";
    case FlushKind::Va: return "va";
    case FlushKind::VaAsid: return "va_asid";
  }
  return "?";
}

void Tlb::visit_stats(stats::Visitor& v) const { visit_tlb_stats(v, stats()); }

void visit_tlb_stats(stats::Visitor& v, const TlbStats& s) {
  v.counter("lookups", s.lookups, "lookups in any of the level's arrays");
  v.counter("hits", s.hits, "lookups that found a matching entry");
  v.counter("misses", s.misses, "lookups that found none");
  v.counter("fills", s.fills, "entries written");
  v.counter("evictions", s.evictions, "valid entries replaced by a fill");
  v.counter("flushes", s.flushes, "flush operations (sfence.vma, satp writes)");
  v.counter("invalidations", s.invalidations, "entries removed by flushes");
}

void PageWalkCache::visit_stats(stats::Visitor& v) const {
  v.counter("probes", stats_.probes, "probes by the walker");
  v.counters("hits_by_level", stats_.hits, "probes whose deepest hit was at page-table level i (0 first)");
  v.counter("misses", stats_.misses, "probes that hit at no level");
  v.counter("fills", stats_.fills, "non-leaf PTEs cached");
  v.counter("evictions", stats_.evictions, "valid entries replaced by a fill");
  v.counter("flushes", stats_.flushes, "flush operations");
  v.counter("invalidations", stats_.invalidations, "entries removed by flushes");
}

MmuEvents Mmu::events() const {
  MmuEvents e;
  e.l1_itlb_misses = l1i_->stats().misses;
  e.l1_dtlb_misses = l1d_->stats().misses;
  e.l2_tlb_misses = l2_->stats().misses;
  e.walks = stats_.walks;
  e.walk_cycles = stats_.walk_cycles;
  for (std::uint64_t n : pwc_.stats().hits) e.pwc_hits += n;
  for (std::uint64_t n : stats_.sfences) e.tlb_flushes += n;
  e.tlb_flushes += stats_.satp_flushes;
  e.walker_memory.count = ptw_events_.count;
  return e;
}

void Mmu::visit_stats(stats::Visitor& v) const {
  const MmuStats& s = stats_;
  v.counter("translations", s.translations, "addresses translated (fetch, load, store, AMO)");
  v.group("outcomes", "translations by where they were resolved", [&] {
    for (Outcome o : kOutcomes) v.counter(outcome_name(o), s.by_outcome.at(static_cast<unsigned>(o)), "translations resolved so");
  });
  v.group("faults", "translations that faulted, by cause", [&] {
    for (rv::Exception e : kTranslationFaults) {
      v.counter(rv::exception_key(e), s.faults.at(static_cast<unsigned>(e)), "translations that faulted with this cause");
    }
  });
  v.counter("walks", s.walks, "page-table walks");
  v.counter("walk_cycles", s.walk_cycles, "cycles the walks took");
  v.counter("pte_reads", s.pte_reads, "PTE reads that went to memory (page-walk-cache hits excluded)");
  v.counter("pte_writes", s.pte_writes, "A/D updates written");
  v.counter("translation_cycles", s.translation_cycles, "cycles spent translating, lookups and walks included");
  v.counters("latency_histogram", s.latency_histogram,
             "translations by latency: one bucket per cycle below 16, then 8 per power of two, the last from 65536");
  v.group("sfences", "sfence.vma by operands", [&] {
    for (FlushKind k : kFlushKinds) v.counter(flush_kind_name(k), s.sfences.at(static_cast<unsigned>(k)), "sfence.vma of this kind");
  });
  v.counter("satp_writes", s.satp_writes, "writes to satp");
  v.counter("satp_flushes", s.satp_flushes, "flushes caused by satp writes (ASIDs disabled)");
  v.group("l1_itlb", "the L1 instruction TLB", *l1i_);
  v.group("l1_dtlb", "the L1 data TLB", *l1d_);
  v.group("l2_tlb", "the shared L2 TLB", *l2_);
  v.group("pwc", "the page-walk cache", pwc_);
  if (shadows_) shadows_->visit_stats(v);
}

}  // namespace memvp::mmu
