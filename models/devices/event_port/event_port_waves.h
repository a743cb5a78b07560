// The `os` wave group (docs/waves.md): per hart, the kernel's events as the event port receives
// them (an event variable with the type and pid beside it) and the pid running on the hart,
// which each context switch's next pid sets; per NUMA node and zone, the free pages the
// kernel's zone_free events report.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <systemc>

#include "common/trace/event_record.h"
#include "common/waves/wave_recorder.h"

namespace memvp {

class OsWaves {
 public:
  // Registers hart<h>.{event,type,pid,current_pid} under `scope` ("os") for harts 0 .. harts-1
  // and node<n>.{dma32,normal,movable}.free_pages for nodes 0 .. nodes-1.
  OsWaves(waves::WaveRecorder& rec, const std::string& scope, std::uint32_t harts, std::uint32_t nodes);

  // Event `e` was committed at `t`.
  void event(const sc_core::sc_time& t, const trace::EventRecord& e);

 private:
  struct HartSignals {
    waves::SignalId event, type, pid, current_pid;
  };
  waves::WaveRecorder& rec_;
  std::vector<HartSignals> harts_;
  std::vector<std::array<waves::SignalId, 3>> zone_free_;  // per node, by the kernel's zone_type
};

}  // namespace memvp
