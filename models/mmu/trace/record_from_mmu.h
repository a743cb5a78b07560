// Turns what the MMU reports for one translation (mmu::TranslateResult) into a trace record.
// Header-only so that memvp_trace does not link the MMU: the hart, which owns both, calls
// make_translation_record() and hands the result to TranslationTraceWriter::append().
#pragma once

#include <algorithm>

#include "common/trace/translation_record.h"
#include "common/types.h"
#include "mmu/tlb.h"
#include "mmu/translation.h"

namespace memvp::trace {

namespace detail {
inline std::uint8_t to_record_outcome(mmu::Outcome o) {
  switch (o) {
    case mmu::Outcome::L1Hit: return static_cast<std::uint8_t>(Outcome::L1Hit);
    case mmu::Outcome::L2Hit: return static_cast<std::uint8_t>(Outcome::L2Hit);
    case mmu::Outcome::Walk: return static_cast<std::uint8_t>(Outcome::Walk);
    default: return static_cast<std::uint8_t>(Outcome::Fault);
  }
}
inline std::uint16_t add_saturating(std::uint16_t a, std::uint64_t b) {
  return static_cast<std::uint16_t>(std::min<std::uint64_t>(std::uint64_t{a} + b, kStepCyclesMax));
}
inline std::uint32_t clamp32(std::uint64_t v) {
  return static_cast<std::uint32_t>(std::min<std::uint64_t>(v, 0xFFFFFFFFu));
}
}  // namespace detail

// The record for translation `r`, issued at hart-clock cycle `cycle` on hart `hart`.
// Precondition: r.outcome != Bare (the trace holds translations only while translation is on).
inline TranslationRecord make_translation_record(const mmu::TranslateResult& r, Cycles cycle,
                                                 HartId hart) {
  TranslationRecord rec{};
  rec.cycle = cycle.value();
  rec.va = r.va.value();
  rec.pa = r.fault ? 0 : r.pa.value();
  rec.latency_cycles = detail::clamp32(r.latency.value());
  rec.hart = static_cast<std::uint16_t>(hart.value());
  rec.asid = r.asid.value();
  rec.priv = static_cast<std::uint8_t>(r.priv);
  rec.access = static_cast<std::uint8_t>(r.access);
  rec.outcome = r.fault ? static_cast<std::uint8_t>(Outcome::Fault) : detail::to_record_outcome(r.outcome);
  rec.source = r.found_in == mmu::Outcome::Fault ? kSourceNone : detail::to_record_outcome(r.found_in);
  rec.fault_cause = r.fault ? static_cast<std::uint8_t>(r.cause) : kNoCause;
  const bool leaf_found = (r.pte_flags & 1u) != 0;  // a leaf always has V set
  rec.page_size_log2 = leaf_found ? static_cast<std::uint8_t>(mmu::page_shift(r.page_size)) : 0;
  rec.vm_mode = r.mode_bits;
  rec.pte_flags = r.pte_flags;
  if (r.found_in == mmu::Outcome::Walk) {
    rec.walk_cycles = detail::clamp32(r.walk.cycles.value());
    rec.pte_reads = r.walk.pte_reads;
    for (unsigned s = 0; s < r.walk.count; ++s) {
      const mmu::WalkStep& step = r.walk.steps[s];
      if (step.kind == mmu::StepKind::AdUpdate) {
        rec.ad_cycles = detail::add_saturating(rec.ad_cycles, step.cycles.value());
        continue;
      }
      const unsigned i = std::min<unsigned>(step.level, kPtLevels - 1);
      rec.pte_addr[i] = step.pte_addr.value();
      rec.step_cycles[i] = detail::add_saturating(rec.step_cycles[i], step.cycles.value());
      if (step.kind == mmu::StepKind::PwcHit) rec.pwc_mask |= static_cast<std::uint8_t>(1u << i);
    }
  }
  return rec;
}

// The flush record (docs/trace.md, version 2) of fence `f` with cause kFlushBySfence or
// kFlushBySatp, at hart-clock cycle `cycle` on hart `hart`.
inline TranslationRecord make_flush_record(const mmu::TlbFlush& f, std::uint8_t cause, Cycles cycle, HartId hart) {
  TranslationRecord rec{};
  rec.cycle = cycle.value();
  rec.va = f.va.value();
  rec.hart = static_cast<std::uint16_t>(hart.value());
  rec.asid = f.asid.value();
  rec.priv = cause;
  rec.access = static_cast<std::uint8_t>(f.kind);
  rec.outcome = kOutcomeFlush;
  rec.source = kSourceNone;
  return rec;
}

}  // namespace memvp::trace
