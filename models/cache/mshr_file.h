// Miss status holding registers as a cap on misses in flight at once. In a blocking LT model a
// miss is an interval [start, end) of simulated time; the file remembers the last interval of
// each entry. A miss that finds every entry busy at its start waits for the earliest end.
// Initiators run ahead of SystemC time by different amounts, so intervals may be recorded out
// of time order; the check is against the recorded intervals only (see docs/cache.md).
#pragma once

#include <algorithm>
#include <vector>

#include <systemc>

namespace memvp::cache {

class MshrFile {
 public:
  explicit MshrFile(unsigned entries) : busy_(entries) {}

  // The earliest time at or after `t` at which a miss may start.
  [[nodiscard]] sc_core::sc_time admit(const sc_core::sc_time& t) const {
    sc_core::sc_time earliest_end = sc_core::SC_ZERO_TIME;
    bool first = true;
    for (const Interval& i : busy_) {
      if (!(i.start <= t && t < i.end)) return t;  // a free entry
      if (first || i.end < earliest_end) earliest_end = i.end;
      first = false;
    }
    return earliest_end;
  }

  // A miss occupied an entry over [start, end): the entry free at `start` that ended first.
  void record(const sc_core::sc_time& start, const sc_core::sc_time& end) {
    Interval* pick = nullptr;
    for (Interval& i : busy_) {
      const bool free = !(i.start <= start && start < i.end);
      if (free && (!pick || i.end < pick->end)) pick = &i;
    }
    if (!pick)
      pick = &*std::min_element(busy_.begin(), busy_.end(),
                                [](const Interval& a, const Interval& b) { return a.end < b.end; });
    *pick = {start, end};
  }

 private:
  struct Interval {
    sc_core::sc_time start = sc_core::SC_ZERO_TIME;
    sc_core::sc_time end = sc_core::SC_ZERO_TIME;  // empty: free at every time
  };
  std::vector<Interval> busy_;
};

}  // namespace memvp::cache
