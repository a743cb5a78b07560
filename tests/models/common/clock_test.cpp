// Clock: the period each frequency rounds to at the default 1 ps resolution, and the exact
// times and cycle counts of its conversions, including the two rounding rules for latencies.
#include "common/clock.h"

#include "sc_test.h"

namespace memvp {
namespace {

using sc_core::sc_time;
using sc_core::SC_NS;
using sc_core::SC_PS;

class ClockTest : public test::SystemCTest {};

TEST_F(ClockTest, PeriodOfAFrequencyRoundsToTheNearestTick) {
  EXPECT_EQ(Clock::from_hz(1e9).period_ticks(), 1000u);
  EXPECT_EQ(Clock::from_hz(2e9).period(), sc_time(500, SC_PS));
  EXPECT_EQ(Clock::from_hz(3e9).period_ticks(), 333u);     // 333.33 ps
  EXPECT_EQ(Clock::from_hz(1.5e9).period_ticks(), 667u);   // 666.67 ps rounds up
  EXPECT_EQ(Clock::from_hz(2.4e9).period_ticks(), 417u);   // 416.67 ps
  EXPECT_FALSE(Clock::from_hz(1e12).below_resolution());   // exactly one tick
  EXPECT_TRUE(Clock::from_hz(3e12).below_resolution());    // 0.33 ps rounds to zero
}

TEST_F(ClockTest, PeriodGivenAsATimeIsKept) {
  const Clock ddr4(sc_time(0.833, SC_NS));  // a DDR4-2400 tCK
  EXPECT_EQ(ddr4.period_ticks(), 833u);
  EXPECT_EQ(ddr4.to_time(Cycles(16)), sc_time(13328, SC_PS));
}

TEST_F(ClockTest, CyclesToTimeIsAWholeNumberOfPeriods) {
  const Clock c = Clock::from_hz(3e9);
  EXPECT_EQ(c.to_time(Cycles(0)), sc_core::SC_ZERO_TIME);
  EXPECT_EQ(c.to_time(Cycles(3)), sc_time(999, SC_PS));
  EXPECT_EQ(c.to_time(Cycles(1'000'000)), sc_time(333'000'000, SC_PS));
}

TEST_F(ClockTest, TimeToCyclesRoundsUpOrDown) {
  const Clock c = Clock::from_hz(1e9);
  EXPECT_EQ(c.cycles_ceil(sc_time(0, SC_PS)), Cycles(0));
  EXPECT_EQ(c.cycles_ceil(sc_time(1, SC_PS)), Cycles(1));
  EXPECT_EQ(c.cycles_ceil(sc_time(1000, SC_PS)), Cycles(1));
  EXPECT_EQ(c.cycles_ceil(sc_time(1001, SC_PS)), Cycles(2));
  EXPECT_EQ(c.cycles_floor(sc_time(999, SC_PS)), Cycles(0));
  EXPECT_EQ(c.cycles_floor(sc_time(1000, SC_PS)), Cycles(1));
  EXPECT_EQ(c.cycles_floor(sc_time(1999, SC_PS)), Cycles(1));
  for (std::uint64_t n : {0u, 1u, 7u, 123456u})
    EXPECT_EQ(c.cycles_floor(c.to_time(Cycles(n))), c.cycles_ceil(c.to_time(Cycles(n))));
}

TEST_F(ClockTest, FixedLatencyRoundsOnceAsAWhole) {
  // A whole-tick period: both rules agree.
  EXPECT_EQ(Clock::from_hz(1e9).latency(7), sc_time(7000, SC_PS));
  EXPECT_EQ(Clock::from_hz(2e9).latency(3), Clock::from_hz(2e9).to_time(Cycles(3)));
  // 3 GHz: 1000 cycles are 333,333 ps as a whole, 333,000 ps as 1000 rounded periods.
  const Clock c = Clock::from_hz(3e9);
  EXPECT_EQ(c.latency(1000), sc_time(333'333, SC_PS));
  EXPECT_EQ(c.to_time(Cycles(1000)), sc_time(333'000, SC_PS));
  EXPECT_EQ(c.latency(2), sc_time(667, SC_PS));
  // A clock given as a period has no other rule.
  const Clock p(sc_time(333, SC_PS));
  EXPECT_EQ(p.latency(1000), p.to_time(Cycles(1000)));
}

}  // namespace
}  // namespace memvp
