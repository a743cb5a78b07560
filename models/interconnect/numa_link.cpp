// Slot booking on a link direction. Loosely-timed initiators book messages for times ahead of
// SystemC time (a response is booked when its request is made), so a plain "busy until" would
// make an earlier message queue behind a later one; booking the first gap that fits does not.
#include "interconnect/numa_link.h"

#include <algorithm>
#include <iterator>

namespace memvp {

sc_core::sc_time LinkChannel::transfer(sc_core::sc_time now, sc_core::sc_time ready, sc_core::sc_time occupancy,
                                       std::uint64_t bytes) {
  while (!booked_.empty() && booked_.begin()->second <= now) booked_.erase(booked_.begin());

  // The first slot that could overlap [ready, ...) is the last one starting at or before it.
  sc_core::sc_time start = ready;
  auto it = booked_.upper_bound(start);
  if (it != booked_.begin() && std::prev(it)->second > start) start = std::prev(it)->second;
  for (; it != booked_.end() && it->first < start + occupancy; ++it) start = std::max(start, it->second);
  const sc_core::sc_time end = start + occupancy;

  // Book [start, end), merged with the slots it touches so back-to-back traffic stays one slot.
  if (occupancy > sc_core::SC_ZERO_TIME) {
    sc_core::sc_time slot_start = start, slot_end = end;
    auto before = booked_.lower_bound(start);
    if (before != booked_.begin() && std::prev(before)->second == start) {
      slot_start = std::prev(before)->first;
      booked_.erase(std::prev(before));
    }
    if (auto after = booked_.find(end); after != booked_.end()) {
      slot_end = after->second;
      booked_.erase(after);
    }
    booked_[slot_start] = slot_end;
  }

  if (waves_) waves_->transfer(ready, start, end, bytes);
  queued_ += start - ready;
  busy_ += occupancy;
  busy_until_ = std::max(busy_until_, end);
  bytes_ += bytes;
  ++transfers_;
  return end;
}

}  // namespace memvp
