// `memvp waves VIEW --vcd FILE` (docs/waves.md "Views") on the runs the views are documented
// with: every signal a generated save file names, and every signal of the checked-in
// waves/VIEW.gtkw, is a variable of the run's VCD with the width its name gives; each view's
// marker is at the event the view is about. The names depend on the platform only (harts,
// nodes, channels, banks, event port, disks), so a short program on the documented platform
// holds the documented view's signals.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "run_files.h"
#include "vcd_reader.h"

namespace memvp {
namespace {

std::string out(const std::string& name) { return std::string(MEMVP_TEST_OUT) + "/wave_views_" + name; }

using test::slurp;

int shell(const std::string& cmd) {
  const int rc = std::system(cmd.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

// The save file's traces: the lines that name a signal (the others start with '[', '@', '-',
// '*').
std::vector<std::string> gtkw_signals(const std::string& path) {
  std::istringstream in(slurp(path));
  std::vector<std::string> names;
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && std::isalpha(static_cast<unsigned char>(line[0]))) names.push_back(line);
  return names;
}

// The save file's marker line: "*zoom marker A B ... Z".
std::vector<std::int64_t> gtkw_markers(const std::string& path) {
  std::istringstream in(slurp(path));
  for (std::string line; std::getline(in, line);)
    if (line.starts_with("*")) {
      std::istringstream fields(line.substr(1));
      double zoom = 0;
      fields >> zoom;
      std::vector<std::int64_t> m;
      for (std::int64_t t; fields >> t;) m.push_back(t);
      return m;
    }
  return {};
}

// Each GTKWave name ("memvp.hart0.pc[63:0]", "memvp.hart0.mmu.miss") is a VCD variable of that
// width; the missing ones, named.
std::vector<std::string> missing_signals(const std::vector<std::string>& names, const test::Vcd& vcd) {
  static const std::regex re(R"(memvp\.([^\[]+)(?:\[([0-9]+):0\])?)");
  std::vector<std::string> missing;
  std::smatch m;
  for (const std::string& n : names) {
    const auto it = std::regex_match(n, m, re) ? vcd.by_name.find(m[1].str()) : vcd.by_name.end();
    const unsigned width = m[2].matched ? static_cast<unsigned>(std::stoul(m[2].str())) + 1 : 1;
    if (it == vcd.by_name.end() || vcd.signals[it->second].width != width) missing.push_back(n);
  }
  return missing;
}

// The runs the views are documented with (docs/waves.md "Views").
// The hardware views: bench_vm (Sv39, a working set beyond the L2 TLB's reach) with caches and
// DDR4, in a window where its first walks that miss the L2 for a PTE run.
const std::string kHardwareRun = std::string(" --platform ") + MEMVP_SOURCE_DIR +
                                 "/platforms/ddr4.toml --set cache.enabled=true --waves hart,mmu,cache,dram"
                                 " --from-cycle 76100000 --to-cycle 76300000";
// The kernel's views: the event port on, a disk in virtio slot 7 (the first disk's, as QEMU's),
// on the functional platform.
const std::string kKernel = std::string(" run ") + MEMVP_KERNEL + " --initrd " + MEMVP_INITRD + " --platform " +
                            MEMVP_SOURCE_DIR + "/platforms/functional.toml --quiet --set event_port.enable=true";

class WaveViewsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    rc_["hw"] = shell(std::string(MEMVP_EXE) + " run " + MEMVP_GUEST_APPS + "/bench_vm.elf --quiet" + kHardwareRun +
                      " --vcd " + out("hw.vcd") + " >" + out("hw.console") + " 2>" + out("hw.err"));
    // Two processes taking turns on one hart, ASIDs off so that each switch flushes the TLB; the
    // window holds their first turns.
    rc_["ctx"] = shell(std::string(MEMVP_EXE) + kKernel + " --disk " + MEMVP_DISK_IMAGE + ",snapshot --vcd " +
                       out("ctx.vcd") + " --waves hart,mmu,os,dev --from-cycle 1780000 --to-cycle 1980000" +
                       " -- init=ctxswitch asid=off root=/dev/vda >" + out("ctx.console") + " 2>" + out("ctx.err"));
    // Issue 11's watermark experiment in 32 MiB, on a copy of the disk image.
    rc_["reclaim"] = shell("cp " + std::string(MEMVP_DISK_IMAGE) + " " + out("reclaim.img") + " && " + MEMVP_EXE +
                           kKernel + " --set memory.size=32MiB --disk " + out("reclaim.img") + " --vcd " +
                           out("reclaim.vcd") + " --waves os,dev -- init=reclaim_wmark root=/dev/vda rw >" +
                           out("reclaim.console") + " 2>" + out("reclaim.err"));
    for (const char* v : {"tlb_miss_walk", "dram_banks"}) rc_[v] = generate(v, "hw");
    rc_["context_switch"] = generate("context_switch", "ctx");
    rc_["kswapd"] = generate("kswapd", "reclaim");
  }
  static void TearDownTestSuite() {
    if (!::testing::UnitTest::GetInstance()->Passed()) return;
    for (const char* f : {"hw.vcd", "ctx.vcd", "reclaim.vcd", "reclaim.img"}) std::remove(out(f).c_str());
  }
  static int generate(const std::string& view, const std::string& run) {
    return shell(std::string(MEMVP_EXE) + " waves " + view + " --vcd " + out(run + ".vcd") + " -o " +
                 out(view + ".gtkw") + " 2>" + out(view + ".err"));
  }
  // Both save files of `view` name only signals of `run`'s VCD.
  static void expect_signals_exist(const std::string& view, const std::string& run) {
    ASSERT_EQ(rc_[run], 0) << slurp(out(run + ".err"));
    ASSERT_EQ(rc_[view], 0) << slurp(out(view + ".err"));
    const test::Vcd vcd = test::read_vcd(out(run + ".vcd"), {"-"});  // declarations only
    for (const std::string& file : {out(view + ".gtkw"), std::string(MEMVP_SOURCE_DIR) + "/waves/" + view + ".gtkw"}) {
      const std::vector<std::string> names = gtkw_signals(file);
      EXPECT_GT(names.size(), 3u) << file;
      for (const std::string& n : missing_signals(names, vcd)) ADD_FAILURE() << file << ": no signal " << n << " in the VCD";
    }
  }
  static inline std::map<std::string, int> rc_;
};

TEST_F(WaveViewsTest, TlbMissWalkNamesSignalsOfTheRun) { expect_signals_exist("tlb_miss_walk", "hw"); }
TEST_F(WaveViewsTest, DramBanksNamesSignalsOfTheRun) { expect_signals_exist("dram_banks", "hw"); }
TEST_F(WaveViewsTest, ContextSwitchNamesSignalsOfTheRun) { expect_signals_exist("context_switch", "ctx"); }
TEST_F(WaveViewsTest, KswapdNamesSignalsOfTheRun) { expect_signals_exist("kswapd", "reclaim"); }

// The marker is a miss of the hart shown, marker A the end of its walk (walk_active falling);
// in between the hart's L1D missed (the walker's PTE read) and every bank shown was read (RD
// or RDA).
TEST_F(WaveViewsTest, TlbMissWalkMarksAMissAndItsWalkToDram) {
  ASSERT_EQ(rc_["tlb_miss_walk"], 0);
  const std::vector<std::string> names = gtkw_signals(out("tlb_miss_walk.gtkw"));
  std::set<std::string> keep;
  std::string hart;
  std::vector<std::string> banks;
  static const std::regex bank(R"(memvp\.(node[0-9]+\.dram\.ch[0-9]+\.bank[0-9]+\.cmd)\[2:0\])");
  std::smatch m;
  for (const std::string& n : names) {
    if (n.starts_with("memvp.hart") && hart.empty()) hart = n.substr(6, n.find('.', 6) - 6);
    if (std::regex_match(n, m, bank)) banks.push_back(m[1]), keep.insert(m[1]);
  }
  ASSERT_FALSE(hart.empty());
  ASSERT_FALSE(banks.empty()) << "no walk reached DRAM";
  keep.insert(hart + ".mmu.miss");
  keep.insert(hart + ".mmu.walk_active");
  keep.insert(hart + ".l1d.miss");
  const test::Vcd vcd = test::read_vcd(out("hw.vcd"), keep);
  const std::vector<std::int64_t> mk = gtkw_markers(out("tlb_miss_walk.gtkw"));
  ASSERT_EQ(mk.size(), 27u);
  const auto miss_times = vcd.change_times(hart + ".mmu.miss");
  EXPECT_TRUE(std::find(miss_times.begin(), miss_times.end(), static_cast<std::uint64_t>(mk[0])) != miss_times.end());
  bool walk_ends = false;
  for (const auto& [t, v] : vcd.signal(hart + ".mmu.walk_active").changes)
    if (t == static_cast<std::uint64_t>(mk[1]) && v == 0) walk_ends = true;
  EXPECT_TRUE(walk_ends) << "marker A " << mk[1];
  const auto during = [&](std::uint64_t t) { return t >= static_cast<std::uint64_t>(mk[0]) && t <= static_cast<std::uint64_t>(mk[1]); };
  const auto l1d_misses = vcd.change_times(hart + ".l1d.miss");
  EXPECT_TRUE(std::any_of(l1d_misses.begin(), l1d_misses.end(), during));
  for (const std::string& b : banks) {
    bool read = false;
    for (const auto& [t, v] : vcd.signal(b).changes) read = read || (during(t) && (v == 3 || v == 5));
    EXPECT_TRUE(read) << b;
  }
}

// The marker is the first ACT of any bank; every bank of the VCD is shown.
TEST_F(WaveViewsTest, DramBanksMarksTheFirstActivate) {
  ASSERT_EQ(rc_["dram_banks"], 0);
  std::set<std::string> keep;
  const test::Vcd decl = test::read_vcd(out("hw.vcd"), {"-"});
  for (const test::VcdSignal& s : decl.signals)
    if (s.name.ends_with(".cmd")) keep.insert(s.name);
  ASSERT_FALSE(keep.empty());
  const test::Vcd vcd = test::read_vcd(out("hw.vcd"), keep);
  std::uint64_t first = UINT64_MAX;
  for (const std::string& b : keep) {
    const auto& c = vcd.signal(b).changes;
    for (std::size_t i = 1; i < c.size(); ++i)  // after the $dumpvars value
      if (c[i].second == 1) first = std::min(first, c[i].first);
  }
  ASSERT_NE(first, UINT64_MAX);
  EXPECT_EQ(gtkw_markers(out("dram_banks.gtkw")).at(0), static_cast<std::int64_t>(first));
  std::size_t shown = 0;
  for (const std::string& n : gtkw_signals(out("dram_banks.gtkw"))) shown += n.ends_with(".cmd[2:0]");
  EXPECT_EQ(shown, keep.size());
}

// The marker is the first switch (a change of the hart's current pid) that a TLB flush
// preceded by at most 2,000 cycles (a tenth of the view's 20,000), marker A that flush, marker
// B the hart's first TLB miss after the switch.
TEST_F(WaveViewsTest, ContextSwitchMarksASwitchItsFlushAndTheMissAfterIt) {
  ASSERT_EQ(rc_["context_switch"], 0);
  const test::Vcd vcd =
      test::read_vcd(out("ctx.vcd"), {"os.hart0.current_pid", "hart0.mmu.miss", "hart0.mmu.sfence", "hart0.mmu.satp_flush"});
  std::vector<std::uint64_t> flushes = vcd.change_times("hart0.mmu.sfence");
  for (std::uint64_t t : vcd.change_times("hart0.mmu.satp_flush")) flushes.push_back(t);
  std::sort(flushes.begin(), flushes.end());
  std::uint64_t at = 0, flush = 0;
  for (std::uint64_t t : vcd.change_times("os.hart0.current_pid")) {
    const auto after = std::upper_bound(flushes.begin(), flushes.end(), t);
    if (after != flushes.begin() && t - *std::prev(after) <= 2'000'000) {
      at = t, flush = *std::prev(after);
      break;
    }
  }
  ASSERT_NE(at, 0u) << "no switch after a flush";
  const auto misses = vcd.change_times("hart0.mmu.miss");
  const auto miss = std::lower_bound(misses.begin(), misses.end(), at);
  ASSERT_NE(miss, misses.end());
  const std::vector<std::int64_t> mk = gtkw_markers(out("context_switch.gtkw"));
  ASSERT_EQ(mk.size(), 27u);
  EXPECT_EQ(mk[0], static_cast<std::int64_t>(at));
  EXPECT_EQ(mk[1], static_cast<std::int64_t>(flush));
  EXPECT_EQ(mk[2], static_cast<std::int64_t>(*miss));
}

// The marker is kswapd's first kswapd_wake event (os type 17), marker A the kswapd_sleep (18)
// after it, marker B the disk's first notification after the wake.
TEST_F(WaveViewsTest, KswapdMarksItsFirstRunByItsEvents) {
  ASSERT_EQ(rc_["kswapd"], 0);
  const test::Vcd decl = test::read_vcd(out("reclaim.vcd"), {"-"});
  std::string notify;
  for (const test::VcdSignal& s : decl.signals)
    if (s.name.starts_with("dev.virtio") && s.name.ends_with(".queue_notify")) notify = s.name;
  ASSERT_FALSE(notify.empty());
  const test::Vcd vcd = test::read_vcd(out("reclaim.vcd"), {"os.hart0.type", notify});
  std::optional<std::uint64_t> wake, sleep;
  for (const auto& [t, type] : vcd.signal("os.hart0.type").changes) {
    if (!wake && type == 17) wake = t;
    else if (wake && !sleep && type == 18) sleep = t;
  }
  ASSERT_TRUE(wake && sleep) << "the reclaim run has kswapd_wake and kswapd_sleep events";
  const std::vector<std::int64_t> mk = gtkw_markers(out("kswapd.gtkw"));
  ASSERT_EQ(mk.size(), 27u);
  EXPECT_EQ(mk[0], static_cast<std::int64_t>(*wake));
  EXPECT_EQ(mk[1], static_cast<std::int64_t>(*sleep));
  const auto notes = vcd.change_times(notify);
  const auto note = std::lower_bound(notes.begin(), notes.end(), *wake);
  EXPECT_EQ(mk[2], note == notes.end() ? -1 : static_cast<std::int64_t>(*note));
}

#ifdef MEMVP_XVFB_RUN
// GTKWave itself, under Xvfb, shows every trace of each generated save file: as many as the
// file names, plus the two blank traces around each group.
TEST_F(WaveViewsTest, GtkwaveShowsEveryTrace) {
  for (const auto& [view, run] : std::map<std::string, std::string>{
           {"tlb_miss_walk", "hw"}, {"dram_banks", "hw"}, {"context_switch", "ctx"}, {"kswapd", "reclaim"}}) {
    ASSERT_EQ(rc_[view], 0);
    const std::string listed = out(view + ".traces");
    shell(std::string(MEMVP_XVFB_RUN) + " -a " + MEMVP_GTKWAVE + " -S " + MEMVP_SOURCE_DIR +
          "/tests/platform/gtkwave_traces.tcl " + out(run + ".vcd") + " " + out(view + ".gtkw") + " >" + listed +
          " 2>&1");
    std::istringstream in(slurp(listed));
    std::size_t traces = 0;
    for (std::string line; std::getline(in, line);) traces += line.starts_with("trace: ");
    std::size_t groups = 0;
    std::istringstream gtkw(slurp(out(view + ".gtkw")));
    for (std::string line; std::getline(gtkw, line);) groups += line == "@800200";
    EXPECT_EQ(traces, gtkw_signals(out(view + ".gtkw")).size() + 2 * groups) << view << ": " << slurp(listed);
  }
}
#endif

}  // namespace
}  // namespace memvp
