// One direction of a NUMA link: a serial channel that carries one message at a time. A message
// ready at t takes the earliest free slot from t on that is long enough for bytes / bandwidth;
// the wait before it starts is its queueing delay. Counts bytes, busy and queued time.
#pragma once

#include <cstdint>
#include <map>
#include <memory>

#include <systemc>

#include "interconnect/numa_link_waves.h"

namespace memvp {

class LinkChannel {
 public:
  // A message of `bytes` that occupies the channel for `occupancy`, ready to enter at `ready`
  // (>= `now`, the current SystemC time): books the first free slot and returns when the
  // message's last byte has left. Slots ending by `now` are forgotten, as no later message can
  // be ready before `now`.
  sc_core::sc_time transfer(sc_core::sc_time now, sc_core::sc_time ready, sc_core::sc_time occupancy,
                            std::uint64_t bytes);

  // Reports every transfer from now on to the link's `noc` wave group under `scope`.
  void attach_waves(waves::WaveRecorder& rec, const std::string& scope) {
    waves_ = std::make_unique<LinkWaves>(rec, scope);
  }

  // The end of the last booked slot.
  [[nodiscard]] sc_core::sc_time busy_until() const { return busy_until_; }
  [[nodiscard]] std::uint64_t bytes() const { return bytes_; }
  [[nodiscard]] std::uint64_t transfers() const { return transfers_; }
  [[nodiscard]] sc_core::sc_time busy() const { return busy_; }
  [[nodiscard]] sc_core::sc_time queued() const { return queued_; }

 private:
  // Booked slots, start -> end, disjoint; touching slots are merged.
  std::map<sc_core::sc_time, sc_core::sc_time> booked_;
  sc_core::sc_time busy_until_ = sc_core::SC_ZERO_TIME;
  sc_core::sc_time busy_ = sc_core::SC_ZERO_TIME;
  sc_core::sc_time queued_ = sc_core::SC_ZERO_TIME;
  std::uint64_t bytes_ = 0;
  std::uint64_t transfers_ = 0;
  std::unique_ptr<LinkWaves> waves_;  // the wave group, when recorded
};

// A link between nodes a < b: `up` carries a -> b, `down` b -> a.
struct NumaLinkState {
  std::uint32_t a = 0;
  std::uint32_t b = 0;
  LinkChannel up;
  LinkChannel down;
};

}  // namespace memvp
