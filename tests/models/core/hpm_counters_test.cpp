// HpmCounters (core/hpm_counters.h): each counter follows the running total of its selected
// event from the value last written; selector changes and mcountinhibit keep the value.
#include "core/hpm_counters.h"

#include <gtest/gtest.h>

namespace memvp {
namespace {

constexpr unsigned kDtlb = static_cast<unsigned>(HpmEvent::L1DtlbMiss);
constexpr unsigned kWalk = static_cast<unsigned>(HpmEvent::PageWalk);

TEST(HpmCounters, ACounterFollowsItsEventFromTheValueWritten) {
  HpmCounters c;
  HpmTotals t{};
  t[kDtlb] = 40;
  EXPECT_EQ(c.counter(3, t, false), 0u);  // selector 0: holds its value
  c.write_event(3, kDtlb, t, false);
  EXPECT_EQ(c.event(3), kDtlb);
  EXPECT_EQ(c.counter(3, t, false), 0u);
  t[kDtlb] = 45;
  EXPECT_EQ(c.counter(3, t, false), 5u);
  c.write_counter(3, 1000, t);
  t[kDtlb] = 47;
  EXPECT_EQ(c.counter(3, t, false), 1002u);
  EXPECT_EQ(c.counter(4, t, false), 0u);  // other counters untouched
}

TEST(HpmCounters, AnUnknownSelectorIsZeroAndTheValueIsKept) {
  HpmCounters c;
  HpmTotals t{};
  c.write_event(31, kWalk, t, false);
  t[kWalk] = 9;
  c.write_event(31, kHpmEvents, t, false);
  EXPECT_EQ(c.event(31), 0u);
  t[kWalk] = 20;
  EXPECT_EQ(c.counter(31, t, false), 9u);
}

TEST(HpmCounters, InhibitHoldsTheValueAndResumesFromIt) {
  HpmCounters c;
  HpmTotals t{};
  c.write_event(5, kWalk, t, false);
  t[kWalk] = 10;
  c.inhibit_changed(0, 1u << 5, t);
  t[kWalk] = 30;
  EXPECT_EQ(c.counter(5, t, true), 10u);
  c.write_counter(5, 100, t);
  EXPECT_EQ(c.counter(5, t, true), 100u);
  c.inhibit_changed(1u << 5, 0, t);
  t[kWalk] = 33;
  EXPECT_EQ(c.counter(5, t, false), 103u);
}

}  // namespace
}  // namespace memvp
