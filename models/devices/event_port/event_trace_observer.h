// EventTraceObserver: the event port's observer that appends every event to the companion event
// trace (docs/trace.md), as TranslationTraceObserver appends translations to the trace.
#pragma once

#include "common/trace/trace_writer.h"
#include "devices/event_port/event_port.h"

namespace memvp {

class EventTraceObserver : public EventObserver {
 public:
  // `writer` was opened with trace::kEventFormat and must outlive the run.
  explicit EventTraceObserver(trace::TranslationTraceWriter& writer) : writer_(writer) {}
  void on_event(const trace::EventRecord& e) override { writer_.append(e); }

 private:
  trace::TranslationTraceWriter& writer_;
};

}  // namespace memvp
