// WaveRecorder: reports made out of time order come out in time order; a signal's last value
// at one time wins; counts add up; events fire once per time; the window keeps the values in
// force at its start ($dumpvars) and nothing after its end; a change behind the horizon is
// written late and counted; the same reports give the same bytes; group lists parse.
#include "common/waves/wave_recorder.h"

#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include "common/error.h"
#include "common/waves/wave_groups.h"
#include "sc_test.h"
#include "vcd_reader.h"

namespace memvp::waves {
namespace {

using test::read_vcd;
using test::Vcd;

std::string temp_path(const std::string& name) {
  return (::testing::TempDir() + "memvp_waves_" + name + ".vcd");
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

using Changes = std::vector<std::pair<std::uint64_t, std::uint64_t>>;

class WaveRecorderTest : public test::SystemCTest {};

TEST_F(WaveRecorderTest, OutOfOrderReportsAreWrittenInTimeOrder) {
  const std::string path = temp_path("order");
  {
    WaveRecorder rec(path, {});
    const SignalId a = rec.add_signal("hart1.pc", 64);
    const SignalId b = rec.add_signal("hart0.pc", 64);
    rec.set(a, 3000, 0x30);  // hart 1 ran ahead
    rec.set(a, 5000, 0x50);
    rec.set(b, 1000, 0x10);
    rec.set(b, 4000, 0x40);
    rec.close(6000);
  }
  const Vcd v = read_vcd(path);
  EXPECT_EQ(v.timescale, "1 ps");
  EXPECT_EQ(v.signal("hart1.pc").changes, (Changes{{0, 0}, {3000, 0x30}, {5000, 0x50}}));
  EXPECT_EQ(v.signal("hart0.pc").changes, (Changes{{0, 0}, {1000, 0x10}, {4000, 0x40}}));
  EXPECT_EQ(v.times, (std::vector<std::uint64_t>{0, 1000, 3000, 4000, 5000, 6000}));
}

TEST_F(WaveRecorderTest, TheLastReportAtATimeWinsAndRepeatsAreNotWritten) {
  const std::string path = temp_path("last");
  {
    WaveRecorder rec(path, {});
    const SignalId s = rec.add_signal("hart0.stall", 3);
    rec.set(s, 100, 2);
    rec.set(s, 200, 0);  // the end of one stall ...
    rec.set(s, 200, 5);  // ... and the start of the next at the same instant
    rec.set(s, 300, 5);  // no change
    rec.set(s, 400, 0);
    rec.close(400);
  }
  EXPECT_EQ(read_vcd(path).signal("hart0.stall").changes, (Changes{{0, 0}, {100, 2}, {200, 5}, {400, 0}}));
}

TEST_F(WaveRecorderTest, CountsAddUpInTimeOrderAndEventsFireOncePerTime) {
  const std::string path = temp_path("count");
  {
    WaveRecorder rec(path, {});
    const SignalId m = rec.add_signal("node0.l2.mshrs", 16);
    const SignalId e = rec.add_signal("node0.l2.miss", 1, VarKind::Event);
    rec.add(m, 500, 1);  // a miss over [500, 900), reported first
    rec.add(m, 900, -1);
    rec.add(m, 100, 1);  // an earlier one over [100, 600)
    rec.add(m, 600, -1);
    rec.event(e, 500);
    rec.event(e, 100);
    rec.event(e, 100);
    rec.close(1000);
  }
  const Vcd v = read_vcd(path);
  EXPECT_EQ(v.signal("node0.l2.mshrs").changes, (Changes{{0, 0}, {100, 1}, {500, 2}, {600, 1}, {900, 0}}));
  EXPECT_EQ(v.change_times("node0.l2.miss"), (std::vector<std::uint64_t>{100, 500}));
}

TEST_F(WaveRecorderTest, TheWindowStartsWithTheValuesInForceAndEndsAtItsEnd) {
  const std::string path = temp_path("window");
  {
    RecorderOptions o;
    o.from = 1000;
    o.to = 3000;
    WaveRecorder rec(path, o);
    const SignalId s = rec.add_signal("hart0.pc", 64);
    const SignalId e = rec.add_signal("hart0.trap", 1, VarKind::Event);
    rec.set(s, 500, 7);
    rec.event(e, 600);
    rec.set(s, 2000, 8);
    rec.event(e, 3000);
    rec.set(s, 3001, 9);
    rec.close(5000);
  }
  const Vcd v = read_vcd(path);
  EXPECT_EQ(v.signal("hart0.pc").changes, (Changes{{1000, 7}, {2000, 8}}));
  EXPECT_EQ(v.change_times("hart0.trap"), (std::vector<std::uint64_t>{3000}));
  EXPECT_EQ(v.times, (std::vector<std::uint64_t>{1000, 2000, 3000}));
}

TEST_F(WaveRecorderTest, AChangeBehindTheWrittenHorizonIsWrittenThereAndCounted) {
  const std::string path = temp_path("late");
  {
    WaveRecorder rec(path, {});
    const SignalId s = rec.add_signal("x", 8);
    rec.set(s, 100, 1);
    rec.flush(200);
    rec.set(s, 150, 2);
    EXPECT_EQ(rec.late_changes(), 0u);
    rec.close(300);
    EXPECT_EQ(rec.late_changes(), 1u);
  }
  EXPECT_EQ(read_vcd(path).signal("x").changes, (Changes{{0, 0}, {100, 1}, {200, 2}}));
}

TEST_F(WaveRecorderTest, TheSameReportsGiveTheSameBytesWhereverTheyAreFlushed) {
  auto run = [](const std::string& path, std::size_t batch) {
    RecorderOptions o;
    o.flush_batch = batch;
    WaveRecorder rec(path, o);
    const SignalId a = rec.add_signal("a.v", 32);
    const SignalId b = rec.add_signal("b.v", 1);
    for (std::uint64_t i = 0; i < 1000; ++i) {
      rec.set(a, i * 7, i);
      rec.set(b, i * 5, i & 1);
      if (i % 100 == 99) rec.flush(i * 5);  // every change before i * 5 is in
    }
    rec.close(7000);
  };
  run(temp_path("bytes1"), 1u << 16);
  run(temp_path("bytes2"), 3);
  EXPECT_EQ(slurp(temp_path("bytes1")), slurp(temp_path("bytes2")));
  EXPECT_NO_THROW(read_vcd(temp_path("bytes1")));
}

TEST_F(WaveRecorderTest, SignalsAreDeclaredInScopesWithWidthsAndKinds) {
  const std::string path = temp_path("scopes");
  {
    WaveRecorder rec(path, {});
    rec.add_signal("hart0.mmu.va", 64);
    rec.add_signal("hart0.pc", 64);
    rec.add_signal("hart0.mmu.miss", 1, VarKind::Event);
    rec.add_signal("node0.dram.ch0.bank3.cmd", 3);
    rec.close(0);
    EXPECT_THROW(rec.add_signal("late", 1), std::logic_error);
  }
  const Vcd v = read_vcd(path);
  ASSERT_EQ(v.signals.size(), 4u);
  EXPECT_EQ(v.signal("hart0.mmu.va").width, 64u);
  EXPECT_TRUE(v.signal("hart0.mmu.miss").event);
  EXPECT_EQ(v.signal("node0.dram.ch0.bank3.cmd").width, 3u);
}

TEST(WaveGroupsTest, ListsParseAndUnknownNamesAreOneLineErrors) {
  const GroupSet s = GroupSet::parse("mmu,hart");
  EXPECT_TRUE(s.has(Group::Hart));
  EXPECT_TRUE(s.has(Group::Mmu));
  EXPECT_FALSE(s.has(Group::Dram));
  EXPECT_EQ(s.names(), "hart,mmu");
  EXPECT_EQ(GroupSet::all().names(), "hart,mmu,cache,dram,noc,dev,os");
  try {
    (void)GroupSet::parse("hart,fs");
    FAIL() << "fs parsed";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "--waves hart,fs: unknown wave group \"fs\" (groups: hart,mmu,cache,dram,noc,dev,os)");
  }
  EXPECT_THROW((void)GroupSet::parse(""), InputError);
}

}  // namespace
}  // namespace memvp::waves
