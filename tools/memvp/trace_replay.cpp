// Replay of a translation trace into shadow TLBs: each record becomes the TlbReference the MMU
// would have handed its shadows (docs/trace.md's `source` says which levels were probed).
#include "tools/memvp/trace_replay.h"

#include <fmt/format.h>

#include <map>
#include <memory>

#include "common/error.h"
#include "mmu/pte.h"
#include "mmu/shadow_tlb_set.h"

namespace memvp::trace {

namespace {

mmu::TlbReference reference_of(const TranslationRecord& r) {
  mmu::TlbReference ref{VirtAddr(r.va), Asid(r.asid), static_cast<rv::Access>(r.access)};
  const auto source = static_cast<Outcome>(r.source);
  ref.l1_lookup = r.source != kSourceNone;
  ref.l2_lookup = source == Outcome::L2Hit || source == Outcome::Walk;
  if (r.outcome == static_cast<std::uint8_t>(Outcome::Fault) || r.page_size_log2 < 12) return ref;
  const auto size = mmu::page_size_at_level((r.page_size_log2 - 12) / 9);
  const std::uint64_t low = (std::uint64_t{1} << (r.page_size_log2 - 12)) - 1;
  // The trace keeps the leaf's G bit only, not a G inherited from a PTE above it (docs/trace.md).
  ref.leaf = mmu::TlbEntry{(r.va >> 12) & ~low, (r.pa >> 12) & ~low, size, Asid(r.asid),
                           (r.pte_flags & mmu::pte_bits::G) != 0, r.pte_flags, size};
  return ref;
}

// A flush (version 2) is replayed into its hart's TLBs when the filter keeps that hart and cycle:
// the ASID, outcome and address filters select translations, and a flush is none.
bool flush_matches(const TraceFilter& filter, const TranslationRecord& r) {
  if (filter.hart && r.hart != *filter.hart) return false;
  return r.cycle >= filter.cycle_from && (!filter.cycle_to || r.cycle < *filter.cycle_to);
}

}  // namespace

void replay_tlbs(TraceReader& reader, const std::vector<std::string>& geometries, const TraceFilter& filter,
                 std::FILE* out) {
  if (geometries.empty()) throw InputError("replay needs --tlb GEOMETRY,... (e.g. --tlb l2:1536x12:lru,l2:512x4)");
  const mmu::MmuConfig cfg;
  std::vector<mmu::TlbGeometry> parsed;
  for (const auto& g : geometries) parsed.push_back(mmu::parse_tlb_geometry(g));
  const mmu::ShadowTlbSet model(cfg, parsed, "replay");  // checks every geometry before reading
  std::map<std::uint16_t, std::unique_ptr<mmu::ShadowTlbSet>> harts;
  reader.for_each_with_flushes([&](const TranslationRecord& r) {
    if (!(is_flush(r) ? flush_matches(filter, r) : filter.matches(r))) return;
    auto& set = harts[r.hart];
    if (!set) set = std::make_unique<mmu::ShadowTlbSet>(cfg, parsed, fmt::format("hart{}.replay", r.hart));
    if (is_flush(r)) set->flush(mmu::TlbFlush{static_cast<mmu::FlushKind>(r.access), VirtAddr(r.va), Asid(r.asid)});
    else set->observe(reference_of(r));
  });
  std::fputs("geometry,lookups,hits,misses,fills,evictions,flushes,invalidations\n", out);
  for (std::size_t i = 0; i < model.size(); ++i) {
    mmu::TlbStats sum;
    for (const auto& [hart, set] : harts) {
      const mmu::TlbStats& s = set->stats(i);
      sum.lookups += s.lookups;
      sum.hits += s.hits;
      sum.misses += s.misses;
      sum.fills += s.fills;
      sum.evictions += s.evictions;
      sum.flushes += s.flushes;
      sum.invalidations += s.invalidations;
    }
    std::fputs(fmt::format("{},{},{},{},{},{},{},{}\n", model.geometry(i), sum.lookups, sum.hits, sum.misses, sum.fills,
                           sum.evictions, sum.flushes, sum.invalidations)
                   .c_str(),
               out);
  }
}

}  // namespace memvp::trace
