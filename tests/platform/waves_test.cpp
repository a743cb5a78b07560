// `memvp run --vcd` end to end: the kernel boots (ktest=spawn) on the two-node machine with caches
// and DDR4 and small TLBs, its harts running ahead of one another, and the VCD is held to the translation
// trace of the same run (every TLB miss at the cycle the trace gives it), to the run without
// waves (stats and trace bytes unchanged), to its window, and to a second run (same bytes).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "run_files.h"
#include "trace_reader.h"
#include "vcd_reader.h"

namespace memvp {
namespace {

// TLBs small enough for the kernel's own 1 GiB mappings to miss: some 160,000 walks in the run.
const std::string kSmallTlbs =
    " --set mmu.l1_itlb[0].entries=8 --set mmu.l1_dtlb[0].entries=4 --set mmu.l1_dtlb[0].ways=4"
    " --set mmu.l1_dtlb[2].entries=1 --set mmu.l1_dtlb[2].ways=1 --set mmu.l2_tlb[0].entries=12"
    " --set mmu.l2_tlb[1].entries=1 --set mmu.l2_tlb[1].ways=1";

// The window of the all-groups runs: the user programs run then, with 4 KiB pages.
constexpr std::uint64_t kFrom = 10'000'000, kTo = 10'100'000;

std::string out(const std::string& name) { return std::string(MEMVP_TEST_OUT) + "/waves_" + name; }

using test::slurp;
using test::stats_without_host;

// Boots the kernel with `extra` options; returns memvp's exit status.
int boot(const std::string& name, const std::string& extra) {
  const std::string cmd = std::string(MEMVP_EXE) + " run " + MEMVP_KERNEL + " --initrd " + MEMVP_INITRD +
                          " --platform " + MEMVP_SOURCE_DIR + "/platforms/numa2.toml --set cache.enabled=true" +
                          kSmallTlbs + " --quiet --stats " + out(name + ".json") +
                          " --console " + out(name + ".console") + " " + extra + " -- ktest=spawn 2>" +
                          out(name + ".err");
  const int rc = std::system(cmd.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

class WavesRunTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // A: the mmu group over the whole run, with the trace; B: neither waves nor changes to it;
    // C and D: every group in a window, twice.
    rc_["a"] = boot("a", "--trace " + out("a.trace.zst") + " --vcd " + out("a.vcd") + " --waves mmu");
    rc_["b"] = boot("b", "--trace " + out("b.trace.zst"));
    const std::string window = " --from-cycle " + std::to_string(kFrom) + " --to-cycle " + std::to_string(kTo);
    rc_["c"] = boot("c", "--trace " + out("c.trace.zst") + " --vcd " + out("c.vcd") + window);
    rc_["d"] = boot("d", "--vcd " + out("d.vcd") + window);
    // E: the hart group over a whole bare-metal run with page faults and system calls.
    const std::string e = std::string(MEMVP_EXE) + " run " + MEMVP_GUEST_VM + "/vm_faults.elf --platform " +
                          MEMVP_SOURCE_DIR + "/platforms/ddr4.toml --set cache.enabled=true --quiet --stats " +
                          out("e.json") + " --console " + out("e.console") + " --vcd " + out("e.vcd") +
                          " --waves hart 2>" + out("e.err");
    const int rc = std::system(e.c_str());
    rc_["e"] = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  }
  // The big files go once every test has passed; on a failure they stay to be looked at.
  static void TearDownTestSuite() {
    if (!::testing::UnitTest::GetInstance()->Passed()) return;
    for (const char* f : {"a.vcd", "a.trace.zst", "b.trace.zst", "c.trace.zst", "e.vcd"}) std::remove(out(f).c_str());
  }
  static inline std::map<std::string, int> rc_;
};

TEST_F(WavesRunTest, EveryTlbMissIsAtTheCycleTheTraceGivesIt) {
  ASSERT_EQ(rc_["a"], 0) << slurp(out("a.err"));
  std::map<std::uint16_t, std::vector<std::uint64_t>> trace_misses;
  trace::TraceReader reader(out("a.trace.zst"));
  const std::uint64_t period = reader.header().clock_period_ps;
  reader.for_each([&](const trace::TranslationRecord& r) {
    if (r.source == static_cast<std::uint8_t>(trace::Outcome::Walk)) trace_misses[r.hart].push_back(r.cycle);
  });
  std::set<std::string> keep;
  for (unsigned h = 0; h < 4; ++h) keep.insert("hart" + std::to_string(h) + ".mmu.miss");
  const test::Vcd vcd = test::read_vcd(out("a.vcd"), keep);
  EXPECT_EQ(vcd.timescale, "1 ps");
  std::size_t total = 0;
  for (unsigned h = 0; h < 4; ++h) {
    std::vector<std::uint64_t> cycles;
    for (std::uint64_t t : vcd.change_times("hart" + std::to_string(h) + ".mmu.miss")) {
      ASSERT_EQ(t % period, 0u) << "a miss between two clock edges";
      cycles.push_back(t / period);
    }
    std::vector<std::uint64_t>& expected = trace_misses[static_cast<std::uint16_t>(h)];
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(cycles, expected) << "hart " << h;
    total += cycles.size();
  }
  EXPECT_GT(total, 100000u);
  EXPECT_EQ(slurp(out("a.err")), "");  // in particular, no change came too late
}

TEST_F(WavesRunTest, WavesOnOrOffLeaveStatisticsAndTraceUnchanged) {
  ASSERT_EQ(rc_["b"], 0) << slurp(out("b.err"));
  ASSERT_EQ(rc_["c"], 0) << slurp(out("c.err"));
  EXPECT_EQ(stats_without_host(out("a.json")), stats_without_host(out("b.json")));
  EXPECT_EQ(stats_without_host(out("c.json")), stats_without_host(out("b.json")));
  EXPECT_TRUE(slurp(out("a.trace.zst")) == slurp(out("b.trace.zst")));
  EXPECT_TRUE(slurp(out("c.trace.zst")) == slurp(out("b.trace.zst")));
  EXPECT_EQ(slurp(out("c.console")), slurp(out("b.console")));
}

TEST_F(WavesRunTest, TheWindowHoldsEveryGroupAndNothingOutsideIt) {
  ASSERT_EQ(rc_["c"], 0) << slurp(out("c.err"));
  const test::Vcd vcd = test::read_vcd(out("c.vcd"));
  ASSERT_FALSE(vcd.times.empty());
  EXPECT_EQ(vcd.times.front(), kFrom * 1000);  // 1 GHz harts: 1000 ps a cycle
  EXPECT_LE(vcd.times.back(), kTo * 1000);
  // Each group has signals that change in the window on this machine.
  for (const char* prefix : {"hart", "hart0.mmu.", "hart0.l1d.", "node0.l2.", "node0.dram.", "node1.dram.", "numa."}) {
    bool changed = false;
    for (const test::VcdSignal& s : vcd.signals)
      if (s.name.starts_with(prefix) && s.changes.size() > (s.event ? 0 : 1)) changed = true;
    EXPECT_TRUE(changed) << prefix;
  }
  EXPECT_NO_THROW((void)vcd.signal("dev.plic.source10.pending"));
}

TEST_F(WavesRunTest, TheSameRunGivesTheSameBytes) {
  ASSERT_EQ(rc_["d"], 0) << slurp(out("d.err"));
  EXPECT_TRUE(slurp(out("c.vcd")) == slurp(out("d.vcd")));
}

TEST_F(WavesRunTest, TheHartGroupAddsUpToTheHartsStatistics) {
  ASSERT_EQ(rc_["e"], 0) << slurp(out("e.err"));
  const test::Vcd vcd = test::read_vcd(out("e.vcd"));
  const nlohmann::json stats = nlohmann::json::parse(slurp(out("e.json")));
  const nlohmann::json& hart = stats["harts"][0];
  // The stall signal's time at each code (StallReason + 1, docs/waves.md) is the statistic.
  const std::uint64_t end = vcd.times.back();
  std::vector<std::uint64_t> stalled(8);
  const auto& stall = vcd.signal("hart0.stall").changes;
  for (std::size_t i = 0; i < stall.size(); ++i)
    stalled[stall[i].second] += (i + 1 < stall.size() ? stall[i + 1].first : end) - stall[i].first;
  const char* reasons[] = {"fetch", "load", "store", "load_use", "mul_div", "mispredict", "translation"};
  for (unsigned r = 0; r < 7; ++r) EXPECT_EQ(stalled[r + 1], hart["stall_cycles"][reasons[r]].get<std::uint64_t>() * 1000) << reasons[r];
  EXPECT_EQ(vcd.signal("hart0.instret").changes.back().second, hart["instret"].get<std::uint64_t>());
  std::uint64_t traps = 0;
  for (const auto& [name, n] : hart["exceptions"].items()) traps += n.get<std::uint64_t>();
  for (const auto& [name, n] : hart["interrupts"].items()) traps += n.get<std::uint64_t>();
  EXPECT_EQ(vcd.change_times("hart0.trap").size(), traps);
  EXPECT_GT(traps, 0u);
  EXPECT_EQ(end, hart["cycles"].get<std::uint64_t>() * 1000);
}

}  // namespace
}  // namespace memvp
