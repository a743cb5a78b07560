// The event port end to end: the kernel runs `cow` on one hart and `tlb_shootdown` on two with
// [event_port] enable = true. The events must match what the programs do (forks, execs, exits,
// one page_fault per faulting translation in the trace, shootdowns sent on one hart and
// served on the other), agree with the statistics and with the `os` wave group's times, and
// waves on or off must leave statistics, console, translation trace and event trace unchanged,
// and tracing on or off statistics and console. `memvp trace … perfetto` makes of both runs a
// timeline that follows the Trace Event Format and accounts for every event, walk and walk cycle.
// Without the port there is no event trace and no event_port statistics.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "event_join.h"
#include "run_files.h"
#include "trace_event_format.h"
#include "trace_reader.h"
#include "vcd_reader.h"

namespace memvp {
namespace {

std::string out(const std::string& name) { return std::string(MEMVP_TEST_OUT) + "/os_events_" + name; }

using test::slurp;
using test::stats_without_host;

// Runs PROGRAM as init with `extra` options, traced unless `trace` is false; returns memvp's
// exit status.
int run(const std::string& name, const std::string& program, const std::string& extra, bool trace = true) {
  const std::string cmd = std::string(MEMVP_EXE) + " run " + MEMVP_KERNEL + " --initrd " + MEMVP_INITRD +
                          " --quiet --stats " + out(name + ".json") + " --console " + out(name + ".console") +
                          (trace ? " --trace " + out(name + ".trace.zst") : std::string()) + " " + extra +
                          " -- init=" + program + " 2>" + out(name + ".err");
  const int rc = std::system(cmd.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

std::map<std::string, std::uint64_t> counts(const std::vector<trace::EventRecord>& events, int hart = -1) {
  std::map<std::string, std::uint64_t> c;
  for (const trace::EventRecord& e : events)
    if (hart < 0 || e.hart == hart) ++c[std::string(trace::event_name(e.type))];
  return c;
}

std::uint64_t page_fault_records(const std::string& trace_path) {
  std::uint64_t n = 0;
  trace::TraceReader reader(trace_path);
  reader.for_each([&](const trace::TranslationRecord& r) {
    if (r.fault_cause == 12 || r.fault_cause == 13 || r.fault_cause == 15) ++n;
  });
  return n;
}

class OsEventsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string port = "--set event_port.enable=true";
    rc_["cow"] = run("cow", "cow", port + " --vcd " + out("cow.vcd") + " --waves os,mmu");
    rc_["cow_nowaves"] = run("cow_nowaves", "cow", port);
    rc_["cow_untraced"] = run("cow_untraced", "cow", port, false);
    rc_["off"] = run("off", "cow", "");
    rc_["shootdown"] = run("shootdown", "tlb_shootdown", port + " --set platform.harts=2 --vcd " +
                                                              out("shootdown.vcd") + " --waves os");
  }
  // The traces and VCDs go once every test has passed; on a failure they stay to be looked at.
  static void TearDownTestSuite() {
    if (!::testing::UnitTest::GetInstance()->Passed()) return;
    for (const char* run : {"cow", "cow_nowaves", "off", "shootdown"})
      for (const char* suffix : {".trace.zst", ".trace.events.zst", ".trace.dram.zst", ".vcd", ".perfetto.json"}) std::remove(out(std::string(run) + suffix).c_str());
  }
  static inline std::map<std::string, int> rc_;
};

TEST_F(OsEventsTest, TheEventsAreWhatCowDoes) {
  ASSERT_EQ(rc_["cow"], 0) << slurp(out("cow.err"));
  const std::vector<trace::EventRecord> events = trace::read_events(out("cow.trace.events.zst"));
  auto c = counts(events);
  EXPECT_EQ(c["exec"], 1u);   // init
  EXPECT_EQ(c["fork"], 2u);   // the COW child and the MAP_SHARED child
  EXPECT_EQ(c["exit"], 3u);   // both children, then init
  EXPECT_EQ(c["mmap"], 1u);   // the MAP_SHARED area
  EXPECT_GE(c["cow_copy"], 8u);
  EXPECT_GE(c["context_switch"], 2u);
  EXPECT_EQ(c["page_fault"], page_fault_records(out("cow.trace.zst")));
  EXPECT_EQ(c["page_fault_done"], c["page_fault"]);
  for (const trace::EventRecord& e : events) EXPECT_EQ(e.hart, 0u);

  // The statistics count what the event trace holds.
  const nlohmann::json stats = nlohmann::json::parse(slurp(out("cow.json")));
  const nlohmann::json& port = stats["devices"]["event_port"];
  for (std::uint16_t t = 1; t < MEMVP_EV_NR; ++t) {
    const std::string name(trace::event_name(t));
    EXPECT_EQ(port["events"][name].get<std::uint64_t>(), c[name]) << name;
  }
  EXPECT_EQ(port["bad_accesses"].get<std::uint64_t>(), 0u);
  EXPECT_EQ(port["unknown_types"].get<std::uint64_t>(), 0u);
}

TEST_F(OsEventsTest, WavesOrTracesOnOrOffLeaveEverythingUnchanged) {
  ASSERT_EQ(rc_["cow"], 0) << slurp(out("cow.err"));
  ASSERT_EQ(rc_["cow_nowaves"], 0) << slurp(out("cow_nowaves.err"));
  ASSERT_EQ(rc_["cow_untraced"], 0) << slurp(out("cow_untraced.err"));
  EXPECT_EQ(stats_without_host(out("cow.json")), stats_without_host(out("cow_nowaves.json")));
  EXPECT_EQ(stats_without_host(out("cow.json")), stats_without_host(out("cow_untraced.json")));
  EXPECT_EQ(slurp(out("cow.console")), slurp(out("cow_untraced.console")));
  EXPECT_EQ(slurp(out("cow.console")), slurp(out("cow_nowaves.console")));
  EXPECT_TRUE(slurp(out("cow.trace.zst")) == slurp(out("cow_nowaves.trace.zst")));
  EXPECT_TRUE(slurp(out("cow.trace.events.zst")) == slurp(out("cow_nowaves.trace.events.zst")));
}

TEST_F(OsEventsTest, WithoutThePortThereIsNoEventTraceAndTheConsoleSaysNothing) {
  ASSERT_EQ(rc_["off"], 0) << slurp(out("off.err"));
  EXPECT_FALSE(std::ifstream(out("off.trace.events.zst")).good());
  const nlohmann::json stats = nlohmann::json::parse(slurp(out("off.json")));
  EXPECT_FALSE(stats["devices"].contains("event_port"));
  EXPECT_EQ(slurp(out("off.console")).find("event port"), std::string::npos);
  EXPECT_NE(slurp(out("cow.console")).find("event port 0x102000\n"), std::string::npos);
}

TEST_F(OsEventsTest, ShootdownsAreSentOnOneHartAndServedOnTheOther) {
  ASSERT_EQ(rc_["shootdown"], 0) << slurp(out("shootdown.err"));
  const std::vector<trace::EventRecord> events = trace::read_events(out("shootdown.trace.events.zst"));
  auto all = counts(events), h0 = counts(events, 0), h1 = counts(events, 1);
  EXPECT_EQ(all["fork"], 4u);
  EXPECT_GE(all["munmap"], 4u);
  EXPECT_GE(all["shootdown_send"], 4u);
  // Each shootdown names the other hart, which serves it.
  for (const trace::EventRecord& e : events) {
    if (e.type != MEMVP_EV_SHOOTDOWN_SEND) continue;
    EXPECT_EQ(e.arg[2], 1u << (1 - e.hart));
  }
  EXPECT_EQ(all["shootdown_recv"], all["shootdown_send"]);
  // Every target served its shootdown. A target that polls while it waits for the lock sees
  // the request through memory, and under temporal decoupling its local clock may be up to one
  // quantum (1000 cycles on this platform) behind the sender's: no earlier than that.
  const std::vector<trace::ShootdownRow> rows = trace::join_shootdowns(events);
  EXPECT_EQ(rows.size(), all["shootdown_send"]);
  constexpr uint64_t kQuantumCycles = 1000;
  for (const trace::ShootdownRow& r : rows) {
    ASSERT_TRUE(r.recv_cycle.has_value()) << r.cycle;
    EXPECT_GT(*r.recv_cycle + kQuantumCycles, r.cycle);
  }
  EXPECT_EQ(h0["shootdown_send"] == 0, h1["shootdown_recv"] == 0);
  EXPECT_EQ(all["page_fault"], page_fault_records(out("shootdown.trace.zst")));
}

// The `os` group's event times are the event trace's cycles, on both harts.
TEST_F(OsEventsTest, OsWavesAreAtTheEventsCycles) {
  for (const char* run : {"cow", "shootdown"}) {
    ASSERT_EQ(rc_[run], 0) << slurp(out(std::string(run) + ".err"));
    trace::TraceReader header(out(std::string(run) + ".trace.zst"));
    const std::uint64_t period = header.header().clock_period_ps;
    const std::vector<trace::EventRecord> events = trace::read_events(out(std::string(run) + ".trace.events.zst"));
    const test::Vcd vcd = test::read_vcd(out(std::string(run) + ".vcd"));
    for (std::uint16_t h = 0; h < header.header().harts; ++h) {
      std::vector<std::uint64_t> want;
      for (const trace::EventRecord& e : events)
        if (e.hart == h) want.push_back(e.cycle * period);
      std::sort(want.begin(), want.end());
      // Several events in one cycle are one VCD event; the times are what must agree.
      want.erase(std::unique(want.begin(), want.end()), want.end());
      EXPECT_EQ(vcd.change_times("os.hart" + std::to_string(h) + ".event"), want) << run << " hart " << h;
      EXPECT_FALSE(want.empty());
    }
  }
}

// The kernel reports each populated zone's free pages (128 MiB at 0x8000_0000: all in node 0's
// DMA32) with zone_free events, 64 pages or more apart; the `os` group's zone signal takes each
// reported value at the event's time, and the timeline has a counter sample per event.
TEST_F(OsEventsTest, ZoneFreeEventsDriveTheZoneSignalsAndCounters) {
  ASSERT_EQ(rc_["cow"], 0) << slurp(out("cow.err"));
  const std::uint64_t period = trace::TraceReader(out("cow.trace.zst")).header().clock_period_ps;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> want;
  std::uint64_t last = 0;
  for (const trace::EventRecord& e : trace::read_events(out("cow.trace.events.zst"))) {
    if (e.type != MEMVP_EV_ZONE_FREE) continue;
    EXPECT_EQ(e.arg[0], 0u);  // node
    EXPECT_EQ(e.arg[1], 0u);  // DMA32
    EXPECT_GT(e.arg[2], 0u);
    EXPECT_LE(e.arg[2], (128u << 20) / 4096);
    if (!want.empty()) EXPECT_GE(e.arg[2] > last ? e.arg[2] - last : last - e.arg[2], 64u);
    last = e.arg[2];
    want.emplace_back(e.cycle * period, e.arg[2]);
  }
  ASSERT_FALSE(want.empty());
  const test::Vcd vcd = test::read_vcd(out("cow.vcd"));
  const auto& changes = vcd.signals.at(vcd.by_name.at("os.node0.dma32.free_pages")).changes;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> got;
  for (const auto& c : changes)
    if (c.first > 0) got.push_back(c);
  EXPECT_EQ(got, want);
  for (const char* z : {"os.node0.normal.free_pages", "os.node0.movable.free_pages"}) EXPECT_TRUE(vcd.by_name.count(z)) << z;
}

TEST_F(OsEventsTest, JoinsAttributeEveryTranslationAndEveryFault) {
  ASSERT_EQ(rc_["cow"], 0) << slurp(out("cow.err"));
  std::vector<trace::EventRecord> events = trace::read_events(out("cow.trace.events.zst"));
  const std::uint64_t faults = counts(events)["page_fault"];
  trace::TraceReader reader(out("cow.trace.zst"));
  const trace::JoinResult j = trace::join_events(reader, std::move(events));
  ASSERT_EQ(j.faults.size(), faults);
  std::uint64_t walked = 0, retried = 0;
  for (const trace::FaultRow& f : j.faults) {
    ASSERT_TRUE(f.handler_cycles.has_value()) << f.va;
    EXPECT_GT(*f.handler_cycles, 0u);
    EXPECT_GT(f.handler_translations, 0u);
    EXPECT_EQ(f.result, 0u);
    // A fault on an invalid PTE walked; a write to a read-only page may hit a TLB.
    if (f.fault_walk_cycles > 0) ++walked;
    if (f.retry_walk_cycles) ++retried;
  }
  EXPECT_GT(walked, 0u);
  EXPECT_EQ(retried, faults) << "every faulting access was retried after its handler";
  std::uint64_t translations = 0, walk_cycles = 0;
  for (const auto& [pid, c] : j.pids) translations += c.translations, walk_cycles += c.walk_cycles;
  std::uint64_t records = 0, record_walk_cycles = 0;
  trace::TraceReader again(out("cow.trace.zst"));
  again.for_each([&](const trace::TranslationRecord& r) { ++records, record_walk_cycles += r.walk_cycles; });
  EXPECT_EQ(translations, records);
  EXPECT_EQ(walk_cycles, record_walk_cycles);
  for (std::int64_t pid : {1, 2, 3}) EXPECT_GT(j.pids.at(pid).translations, 0u) << pid;
}

// The timeline of each run: valid Trace Event Format; one instant per event other than a context
// switch, a flow per served shootdown, pid slices for the programs' processes, kernel and user
// spans, and counters whose buckets add up to the trace's walks and walk cycles per hart.
TEST_F(OsEventsTest, PerfettoTimelineFollowsTheTraceEventFormatAndAccountsForTheRun) {
  for (const char* run : {"cow", "shootdown"}) {
    ASSERT_EQ(rc_[run], 0) << slurp(out(std::string(run) + ".err"));
    const std::string trace = out(std::string(run) + ".trace.zst"), json = out(std::string(run) + ".perfetto.json");
    const std::string cmd = std::string(MEMVP_EXE) + " trace " + trace + " perfetto >" + json;
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    const nlohmann::json doc = nlohmann::json::parse(slurp(json));
    EXPECT_EQ(test::trace_event_format_problems(doc), std::vector<std::string>{}) << run;

    std::map<std::string, std::uint64_t> instants, counter_sums;
    std::set<std::string> slices;
    std::uint64_t flow_starts = 0;
    for (const nlohmann::json& e : doc["traceEvents"]) {
      const std::string ph = e["ph"], name = e["name"];
      if (ph == "i") ++instants[name];
      if (ph == "X") slices.insert(name);
      if (ph == "s") ++flow_starts;
      if (ph == "C" && name.size() > 7 && name.substr(name.size() - 7) == " cycles")
        counter_sums[name] += e["args"]["cycles"].get<std::uint64_t>();
      if (ph == "C" && name.size() > 11 && name.substr(name.size() - 11) == " TLB misses")
        counter_sums[name] += e["args"]["walks"].get<std::uint64_t>();
    }
    const std::vector<trace::EventRecord> events = trace::read_events(out(std::string(run) + ".trace.events.zst"));
    auto c = counts(events);
    for (const auto& [type, n] : c) {
      if (type != "context_switch" && type != "zone_free") {
        EXPECT_EQ(instants[type], n) << run << " " << type;
      }
    }
    EXPECT_EQ(instants.count("context_switch"), 0u);
    EXPECT_EQ(instants.count("zone_free"), 0u);
    EXPECT_EQ(flow_starts, c["shootdown_send"]) << run;
    EXPECT_TRUE(slices.count("kernel") && slices.count("user")) << run;
    for (const char* pid : {"pid 1", "pid 2", "pid 3"}) EXPECT_TRUE(slices.count(pid)) << run << " " << pid;

    std::map<std::string, std::uint64_t> want;
    trace::TraceReader reader(trace);
    reader.for_each([&](const trace::TranslationRecord& r) {
      const std::string hart = "hart " + std::to_string(r.hart);
      want[hart + " walk cycles"] += r.walk_cycles;
      want[hart + " TLB misses"] += r.source == static_cast<std::uint8_t>(trace::Outcome::Walk);
    });
    EXPECT_EQ(counter_sums, want) << run;
  }
}

}  // namespace
}  // namespace memvp
