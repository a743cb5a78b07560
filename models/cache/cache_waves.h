// A cache's wave group `cache` (docs/waves.md): accesses, misses, line fills in flight,
// write-backs and MSHRs in use, each at the absolute time its initiator's local clock gives it.
// Initiators run ahead by different amounts, so fills and MSHR intervals are reported as starts
// and ends the recorder adds up in time order.
#pragma once

#include <cstdint>
#include <string>

#include <systemc>

#include "common/waves/wave_recorder.h"

namespace memvp::cache {

class CacheWaves {
 public:
  // Registers the signals under `scope` ("caches.node0_l2").
  CacheWaves(waves::WaveRecorder& rec, const std::string& scope);

  void access(const sc_core::sc_time& t) { rec_.event(access_, t.value()); }
  void miss(const sc_core::sc_time& t) { rec_.event(miss_, t.value()); }
  void writeback(const sc_core::sc_time& t) { rec_.event(writeback_, t.value()); }
  // A line fill from the level below over [start, end).
  void fill(const sc_core::sc_time& start, const sc_core::sc_time& end) { interval(fills_, start, end); }
  // A miss held an MSHR over [start, end).
  void mshr(const sc_core::sc_time& start, const sc_core::sc_time& end) { interval(mshrs_, start, end); }

 private:
  void interval(waves::SignalId s, const sc_core::sc_time& start, const sc_core::sc_time& end) {
    rec_.add(s, start.value(), 1);
    rec_.add(s, end.value(), -1);
  }

  waves::WaveRecorder& rec_;
  waves::SignalId access_, miss_, writeback_, fills_, mshrs_;
};

}  // namespace memvp::cache
