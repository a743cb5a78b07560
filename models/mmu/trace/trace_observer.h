// TranslationTraceObserver: hangs the trace writer on an MMU (Mmu::add_observer) so that every
// translation made while translation is on, and every TLB flush, becomes one trace record, dated
// in cycles of the hart clock from the absolute time the MMU reports. One observer per hart, one
// shared writer.
#pragma once

#include <systemc>

#include "common/clock.h"
#include "mmu/trace/record_from_mmu.h"
#include "common/trace/trace_writer.h"
#include "mmu/translation_observer.h"

namespace memvp::trace {

class TranslationTraceObserver : public mmu::TranslationObserver {
 public:
  // `period` is the hart's (= its MMU's) clock period, Mmu::clock_period().
  TranslationTraceObserver(TranslationTraceWriter& writer, HartId hart, const sc_core::sc_time& period)
      : writer_(writer), hart_(hart), clock_(period) {}

  void on_translation(const mmu::TranslateResult& r, const sc_core::sc_time& issued) override {
    if (r.outcome == mmu::Outcome::Bare) return;  // translation off: M-mode or satp.MODE = Bare
    writer_.append(make_translation_record(r, clock_.cycles_floor(issued), hart_));
  }
  // Flushes are recorded whether translation is on or not: a replay must drop what the TLBs held.
  void on_flush(const mmu::TlbFlush& f, mmu::FlushCause cause, const sc_core::sc_time& at) override {
    writer_.append(make_flush_record(f, cause == mmu::FlushCause::SfenceVma ? kFlushBySfence : kFlushBySatp,
                                     clock_.cycles_floor(at), hart_));
  }

 private:
  TranslationTraceWriter& writer_;
  HartId hart_;
  Clock clock_;
};

}  // namespace memvp::trace
