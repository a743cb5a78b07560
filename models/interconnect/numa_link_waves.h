// A NUMA link direction's wave group `noc` (docs/waves.md): busy while a message occupies the
// link, and the bytes of messages ready but waiting for it. Messages are booked ahead of
// SystemC time and out of order, so both are reported as starts and ends the recorder adds up.
#pragma once

#include <cstdint>
#include <string>

#include <systemc>

#include "common/waves/wave_recorder.h"

namespace memvp {

class LinkWaves {
 public:
  // Registers the signals under `scope` ("numa.node0_to_node1").
  LinkWaves(waves::WaveRecorder& rec, const std::string& scope)
      : rec_(rec), busy_(rec.add_signal(scope + ".busy", 1)), queued_(rec.add_signal(scope + ".queued_bytes", 32)) {}

  // A message of `bytes` ready at `ready` occupied the link over [start, end).
  void transfer(const sc_core::sc_time& ready, const sc_core::sc_time& start, const sc_core::sc_time& end,
                std::uint64_t bytes) {
    if (start > ready) {
      rec_.add(queued_, ready.value(), static_cast<std::int64_t>(bytes));
      rec_.add(queued_, start.value(), -static_cast<std::int64_t>(bytes));
    }
    if (end > start) {
      rec_.add(busy_, start.value(), 1);
      rec_.add(busy_, end.value(), -1);
    }
  }

 private:
  waves::WaveRecorder& rec_;
  waves::SignalId busy_, queued_;
};

}  // namespace memvp
