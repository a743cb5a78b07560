// One direction of a NUMA link: a serial channel that carries one message at a time. A message
// ready at t starts at max(t, busy_until), occupies the channel for bytes / bandwidth and leaves
// it then; the wait before the start is its queueing delay. Counts bytes, busy and queued time.
#pragma once

#include <cstdint>

#include <systemc>

namespace memvp {

class LinkChannel {
 public:
  // A message of `bytes` that occupies the channel for `occupancy`, ready to enter at `ready`:
  // returns when its last byte has left (start + occupancy).
  sc_core::sc_time transfer(sc_core::sc_time ready, sc_core::sc_time occupancy, std::uint64_t bytes) {
    const sc_core::sc_time start = ready > busy_until_ ? ready : busy_until_;
    queued_ += start - ready;
    busy_ += occupancy;
    busy_until_ = start + occupancy;
    bytes_ += bytes;
    ++transfers_;
    return busy_until_;
  }

  [[nodiscard]] sc_core::sc_time busy_until() const { return busy_until_; }
  [[nodiscard]] std::uint64_t bytes() const { return bytes_; }
  [[nodiscard]] std::uint64_t transfers() const { return transfers_; }
  [[nodiscard]] sc_core::sc_time busy() const { return busy_; }
  [[nodiscard]] sc_core::sc_time queued() const { return queued_; }

 private:
  sc_core::sc_time busy_until_ = sc_core::SC_ZERO_TIME;
  sc_core::sc_time busy_ = sc_core::SC_ZERO_TIME;
  sc_core::sc_time queued_ = sc_core::SC_ZERO_TIME;
  std::uint64_t bytes_ = 0;
  std::uint64_t transfers_ = 0;
};

// A link between nodes a < b: `up` carries a -> b, `down` b -> a.
struct NumaLinkState {
  std::uint32_t a = 0;
  std::uint32_t b = 0;
  LinkChannel up;
  LinkChannel down;
};

}  // namespace memvp
