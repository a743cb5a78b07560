// LinkChannel slot booking: back-to-back queueing, gap filling for messages booked out of time
// order (as loosely-timed initiators book them), forgetting slots in the past, statistics.
#include <gtest/gtest.h>

#include "sc_test.h"
#include "interconnect/numa_link.h"

namespace memvp {
namespace {

using sc_core::SC_NS;
using sc_core::sc_time;

class LinkChannelTest : public test::SystemCTest {
 protected:
  static sc_time ns(double v) { return sc_time(v, SC_NS); }
  LinkChannel ch;
};

TEST_F(LinkChannelTest, SimultaneousMessagesQueueBackToBack) {
  EXPECT_EQ(ch.transfer(ns(0), ns(0), ns(4), 64), ns(4));
  EXPECT_EQ(ch.transfer(ns(0), ns(0), ns(4), 64), ns(8));  // waits exactly the first's occupancy
  EXPECT_EQ(ch.transfer(ns(0), ns(1), ns(4), 64), ns(12));
  EXPECT_EQ(ch.queued(), ns(4 + 7));
  EXPECT_EQ(ch.busy(), ns(12));
  EXPECT_EQ(ch.bytes(), 192u);
  EXPECT_EQ(ch.transfers(), 3u);
  EXPECT_EQ(ch.busy_until(), ns(12));
}

TEST_F(LinkChannelTest, AnEarlierMessageUsesAGapBeforeALaterBooking) {
  EXPECT_EQ(ch.transfer(ns(0), ns(10), ns(4), 64), ns(14));  // a response booked ahead
  EXPECT_EQ(ch.transfer(ns(0), ns(0), ns(4), 64), ns(4));    // fits before it: no wait
  EXPECT_EQ(ch.transfer(ns(0), ns(5), ns(4), 64), ns(9));    // fits in [4, 10)
  EXPECT_EQ(ch.transfer(ns(0), ns(8), ns(4), 64), ns(18));   // [8, 12) would overlap: after 14
  EXPECT_EQ(ch.queued(), ns(6));
  EXPECT_EQ(ch.busy_until(), ns(18));
}

TEST_F(LinkChannelTest, SlotsInThePastAreForgotten) {
  ch.transfer(ns(0), ns(0), ns(100), 16);
  // Now is 100 ns: the slot has ended and a message ready now goes at once.
  EXPECT_EQ(ch.transfer(ns(100), ns(100), ns(4), 16), ns(104));
  EXPECT_EQ(ch.queued(), ns(0));
}

}  // namespace
}  // namespace memvp
