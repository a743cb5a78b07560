// A block's clock (as gem5's ClockedObject): the period in SystemC time-resolution
// ticks and the conversions between Cycles and sc_time. Each rounding rule is written here once;
// blocks keep whole cycles and convert at their TLM boundary.
#pragma once

#include <cstdint>

#include <systemc>

#include "common/types.h"

namespace memvp {

class Clock {
 public:
  Clock() = default;
  // A clock of `period`, already a whole number of resolution ticks (a DDR4 tCK in ns).
  explicit Clock(const sc_core::sc_time& period)
      : ticks_(period.value()), period_(period), tick_(sc_core::sc_time::from_value(1)) {}
  // A clock of `hz`: the period is 1/hz rounded to the nearest resolution tick (sc_time's
  // constructor rounds half up). Zero when 1/hz is below half a tick; blocks reject that.
  static Clock from_hz(double hz) {
    Clock c(sc_core::sc_time(1.0 / hz, sc_core::SC_SEC));
    c.hz_ = hz;
    return c;
  }

  [[nodiscard]] const sc_core::sc_time& period() const { return period_; }
  [[nodiscard]] std::uint64_t period_ticks() const { return ticks_; }
  [[nodiscard]] bool below_resolution() const { return ticks_ == 0; }

  // n cycles = n whole periods, exactly (so cycle counts and times never drift apart).
  [[nodiscard]] sc_core::sc_time to_time(Cycles n) const { return ticks_to_time(n.value() * ticks_); }
  // The cycles needed to cover t: a partial cycle counts as a whole one.
  [[nodiscard]] Cycles cycles_ceil(const sc_core::sc_time& t) const {
    return Cycles((t.value() + ticks_ - 1) / ticks_);
  }
  // The whole cycles elapsed in t (the cycle an instant falls in).
  [[nodiscard]] Cycles cycles_floor(const sc_core::sc_time& t) const {
    return Cycles(t.value() / ticks_);
  }
  // A fixed latency of n cycles of the exact frequency, rounded once as a whole rather than as
  // n rounded periods; the bus and simple memory set up their per-access latency this way. It
  // equals to_time(n) whenever the period is a whole number of ticks (1 GHz at 1 ps), and
  // differs by the accumulated rounding otherwise (3 GHz: 1000 cycles = 333,333 ps, not 333,000).
  [[nodiscard]] sc_core::sc_time latency(std::uint32_t n) const {
    if (hz_ == 0) return to_time(Cycles(n));
    return sc_core::sc_time(n / hz_, sc_core::SC_SEC);
  }

 private:
  // `v` resolution ticks as an sc_time. sc_time::from_value is a library call on every
  // translation and access; one tick scaled by the inline operator*= gives the same value
  // exactly while v fits a double's 53-bit mantissa (2^53 ps, about 2.5 simulated hours).
  [[nodiscard]] sc_core::sc_time ticks_to_time(std::uint64_t v) const {
    if (v >= (std::uint64_t{1} << 53)) return sc_core::sc_time::from_value(v);
    sc_core::sc_time t = tick_;
    t *= static_cast<double>(v);
    return t;
  }

  std::uint64_t ticks_ = 0;  // the period in units of the SystemC time resolution
  sc_core::sc_time period_ = sc_core::SC_ZERO_TIME;
  sc_core::sc_time tick_ = sc_core::SC_ZERO_TIME;  // one resolution tick
  double hz_ = 0;            // the exact frequency, when the clock was given one
};

}  // namespace memvp
