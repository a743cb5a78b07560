// The cache's wave group against the exact timing of one miss and two hits at 1 GHz over a memory
// with 100 ns reads: the access events at each arrival, the miss when its MSHR is taken (after the
// 4-cycle lookup), the fill and the MSHR held for the 100 ns the line takes; then a dirty victim's
// write-back. Read back through the test-side VCD reader.
#include <gtest/gtest.h>

#include "cache_fixture.h"
#include "common/waves/wave_recorder.h"
#include "vcd_reader.h"

namespace memvp::test {
namespace {

using Changes = std::vector<std::pair<std::uint64_t, std::uint64_t>>;
std::uint64_t at_ns(double v) { return ns(v).value(); }

TEST_F(OneCacheTest, WavesShowAccessesTheMissItsFillAndTheMshr) {
  build(small_cache(1024, 2, 4));
  const std::string path = ::testing::TempDir() + "memvp_cache_waves.vcd";
  {
    waves::WaveRecorder rec(path, {});
    l1->attach_waves(rec, "hart0.l1d");
    cpu->script = [&](ScriptedInitiator& c) {
      c.read(0x1008, 8);       // miss: 4 + 100
      c.read(0x1010, 8);       // hit at 104
      c.write(0x1018, 8, 42);  // hit at 108
    };
    sc_core::sc_start();
    rec.close(at_ns(112));
  }
  const Vcd v = read_vcd(path);
  EXPECT_EQ(v.change_times("hart0.l1d.access"), (std::vector<std::uint64_t>{0, at_ns(104), at_ns(108)}));
  EXPECT_EQ(v.change_times("hart0.l1d.miss"), (std::vector<std::uint64_t>{at_ns(4)}));
  EXPECT_EQ(v.signal("hart0.l1d.fills").changes, (Changes{{0, 0}, {at_ns(4), 1}, {at_ns(104), 0}}));
  EXPECT_EQ(v.signal("hart0.l1d.mshrs").changes, (Changes{{0, 0}, {at_ns(4), 1}, {at_ns(104), 0}}));
  EXPECT_TRUE(v.change_times("hart0.l1d.writeback").empty());
}

TEST_F(OneCacheTest, WavesShowTheWriteBackOfADirtyVictim) {
  build(small_cache(128, 2, 4));  // one set of two lines
  const std::string path = ::testing::TempDir() + "memvp_cache_waves_wb.vcd";
  {
    waves::WaveRecorder rec(path, {});
    l1->attach_waves(rec, "l1");
    cpu->script = [&](ScriptedInitiator& c) {
      c.write(0x000, 8, 1);  // miss, dirty
      c.read(0x040, 8);      // miss, the set is full
      c.read(0x080, 8);      // miss, evicts 0x000: its fill, then the write-back
    };
    sc_core::sc_start();
    rec.close(sc_core::sc_time_stamp().value());
  }
  const Vcd v = read_vcd(path);
  EXPECT_EQ(v.change_times("l1.miss").size(), 3u);
  // The third miss starts at 4 + 104 + 104 ns; its write-back follows its 100 ns fill.
  EXPECT_EQ(v.change_times("l1.writeback"), (std::vector<std::uint64_t>{at_ns(212 + 100)}));
}

}  // namespace
}  // namespace memvp::test
