// LinkChannel slot booking: back-to-back queueing, gap filling for messages booked out of time
// order (as loosely-timed initiators book them), forgetting slots in the past, statistics.
#include <gtest/gtest.h>

#include "common/waves/wave_recorder.h"
#include "sc_test.h"
#include "interconnect/numa_link.h"
#include "vcd_reader.h"

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

TEST_F(LinkChannelTest, WavesShowOccupancyAndQueuedBytesInTimeOrder) {
  const std::string path = ::testing::TempDir() + "memvp_link_waves.vcd";
  {
    waves::WaveRecorder rec(path, {});
    ch.attach_waves(rec, "numa.node0_to_node1");
    ch.transfer(ns(0), ns(10), ns(4), 64);  // booked ahead: [10, 14)
    ch.transfer(ns(0), ns(0), ns(4), 32);   // [0, 4)
    ch.transfer(ns(0), ns(12), ns(4), 16);  // waits for the first: queued over [12, 14), then [14, 18)
    rec.close(ns(20).value());
  }
  using Changes = std::vector<std::pair<std::uint64_t, std::uint64_t>>;
  const test::Vcd v = test::read_vcd(path);
  EXPECT_EQ(v.signal("numa.node0_to_node1.busy").changes,
            (Changes{{0, 0}, {0, 1}, {ns(4).value(), 0}, {ns(10).value(), 1}, {ns(18).value(), 0}}));
  EXPECT_EQ(v.signal("numa.node0_to_node1.queued_bytes").changes,
            (Changes{{0, 0}, {ns(12).value(), 16}, {ns(14).value(), 0}}));
}

}  // namespace
}  // namespace memvp
