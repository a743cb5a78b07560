// A hook for whoever records what the MMU does (the translation-trace writer, VCD signals,
// co-simulation checkers): called after every translation and every TLB flush. Observers only
// watch; they cannot change a result or its timing.
#pragma once

#include <systemc>

#include "mmu/tlb.h"
#include "mmu/translation.h"

namespace memvp::mmu {

enum class FlushCause : std::uint8_t { SfenceVma, SatpWrite };

class TranslationObserver {
 public:
  virtual ~TranslationObserver() = default;
  // `issued` is the absolute time the translation started (sc_time_stamp() + the caller's
  // delay on entry); it completed result.latency MMU cycles later.
  virtual void on_translation(const TranslateResult& result, const sc_core::sc_time& issued) = 0;
  virtual void on_flush(const TlbFlush& flush, FlushCause cause, const sc_core::sc_time& at) {}
};

}  // namespace memvp::mmu
