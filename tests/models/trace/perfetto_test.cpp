// `memvp trace FILE perfetto` on a hand-built pair of files whose timeline is worked out below:
// the exact JSON (metadata, kernel/user spans, counters per bucket, pid slices, instants and a
// shootdown's flow), the same in a cycle window, the time conversion, and the tool's one-line
// errors for a reversed window and a missing event trace.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "common/trace/dram_record.h"
#include "common/trace/event_record.h"
#include "common/trace/trace_writer.h"
#include "event_join.h"
#include "perfetto_timeline.h"
#include "trace_event_json.h"
#include "trace_event_format.h"
#include "trace_fixture.h"
#include "trace_reader.h"

namespace memvp::trace {
namespace {

std::string tmp(const std::string& name) { return testing::temp_path("perfetto_" + name); }

constexpr std::uint64_t kPeriodPs = 500;  // a 2 GHz hart clock: one cycle is 0.0005 µs

TranslationRecord translation(std::uint64_t cycle, std::uint16_t hart, std::uint8_t priv, Outcome source,
                              std::uint32_t walk_cycles = 0) {
  TranslationRecord r{};
  r.cycle = cycle;
  r.hart = hart;
  r.priv = priv;
  r.outcome = r.source = static_cast<std::uint8_t>(source);
  r.walk_cycles = walk_cycles;
  r.latency_cycles = walk_cycles + 1;
  r.fault_cause = kNoCause;
  return r;
}

EventRecord event(std::uint64_t cycle, std::uint16_t hart, std::uint32_t pid, std::uint16_t type, std::uint64_t a0 = 0,
                  std::uint64_t a1 = 0, std::uint64_t a2 = 0, std::uint64_t a3 = 0) {
  return EventRecord{cycle, {a0, a1, a2, a3}, pid, type, hart};
}

// Hart 0 translates in S at 10 (a walk of 30 cycles) and 20, in U at 150 (an L2 hit) and 160,
// in S again at 400; hart 1 in U at 50. Hart 0 switches to pid 7 at 5, which faults at 100,
// sends hart 1 a shootdown at 200 and exits at 300; hart 1 (pid 2) serves it at 250.
void write_files() {
  TranslationTraceWriter t(tmp("run.trace"), {.clock_period_ps = kPeriodPs, .harts = 2});
  for (const TranslationRecord& r :
       {translation(10, 0, 1, Outcome::Walk, 30), translation(20, 0, 1, Outcome::L1Hit),
        translation(50, 1, 0, Outcome::L1Hit), translation(150, 0, 0, Outcome::L2Hit),
        translation(160, 0, 0, Outcome::L1Hit), translation(400, 0, 1, Outcome::L1Hit)})
    t.append(r);
  t.close();
  TranslationTraceWriter e(tmp("run.trace.events"), kEventFormat, {.clock_period_ps = kPeriodPs, .harts = 2});
  for (const EventRecord& r : {event(5, 0, 0, MEMVP_EV_CONTEXT_SWITCH, 0, 7, 3),
                               event(100, 0, 7, MEMVP_EV_PAGE_FAULT, 0x4008, 13, 0x1000),
                               event(200, 0, 7, MEMVP_EV_SHOOTDOWN_SEND, 0x1000, 0x2000, 0b10, 3),
                               event(250, 1, 2, MEMVP_EV_SHOOTDOWN_RECV, 0x1000, 0x2000, 3),
                               event(300, 0, 7, MEMVP_EV_EXIT, 0)})
    e.append(r);
  e.close();
}

TimelineOptions buckets_of(std::uint64_t cycles) {
  TimelineOptions o;
  o.bucket_cycles = cycles;
  return o;
}

std::string timeline(const TimelineOptions& options) {
  write_files();
  TraceReader reader(tmp("run.trace"));
  std::FILE* out = std::fopen(tmp("out.json").c_str(), "w");
  write_timeline(reader, read_events(tmp("run.trace.events")), options, out);
  std::fclose(out);
  return testing::slurp(tmp("out.json"));
}

const std::string kMetadata = R"({"traceEvents":[
{"name":"process_name","ph":"M","ts":0,"pid":1,"tid":1000,"args":{"name":"memvp"}},
{"name":"thread_name","ph":"M","ts":0,"pid":1,"tid":1000,"args":{"name":"hart 0"}},
{"name":"thread_sort_index","ph":"M","ts":0,"pid":1,"tid":1000,"args":{"sort_index":0}},
{"name":"thread_name","ph":"M","ts":0,"pid":1,"tid":1001,"args":{"name":"hart 0 kernel/user"}},
{"name":"thread_sort_index","ph":"M","ts":0,"pid":1,"tid":1001,"args":{"sort_index":1}},
{"name":"thread_name","ph":"M","ts":0,"pid":1,"tid":1002,"args":{"name":"hart 1"}},
{"name":"thread_sort_index","ph":"M","ts":0,"pid":1,"tid":1002,"args":{"sort_index":2}},
{"name":"thread_name","ph":"M","ts":0,"pid":1,"tid":1003,"args":{"name":"hart 1 kernel/user"}},
{"name":"thread_sort_index","ph":"M","ts":0,"pid":1,"tid":1003,"args":{"sort_index":3}},
)";

std::string counters(int hart, const char* ts, const char* l1, const char* walks, const char* l1_rate,
                     const char* walk_rate, const char* cycles) {
  const std::string where = std::string(R"(,"ts":)") + ts + R"(,"pid":1,"tid":)" + std::to_string(1000 + 2 * hart);
  const std::string name = "{\"name\":\"hart " + std::to_string(hart);
  return name + R"( TLB misses","ph":"C")" + where + R"(,"args":{"l1":)" + l1 + R"(,"walks":)" + walks + "}},\n" +
         name + R"( TLB misses per 1000 translations","ph":"C")" + where + R"(,"args":{"l1":)" + l1_rate +
         R"(,"walks":)" + walk_rate + "}},\n" + name + R"( walk cycles","ph":"C")" + where + R"(,"args":{"cycles":)" +
         cycles + "}},\n";
}

// Buckets of 100 cycles from cycle 0 (0.05 µs at 500 ps a cycle). Hart 0's bucket 0 holds the
// walk and the S hit, bucket 1 the L2 hit and the U hit, buckets 2 and 3 nothing (a zero at
// bucket 2), bucket 4 the S hit at 400, then a zero. Its kernel span runs from 10 to the first U
// translation at 150, the user span to the S translation at 400, the last kernel span one cycle.
// Pid 7 runs on hart 0 from the switch at 5 to one cycle after the last record (400); hart 1's
// first event names pid 2.
TEST(Perfetto, TheTimelineOfAHandBuiltRun) {
  const std::string want =
      kMetadata +
      R"({"name":"kernel","cat":"mode","ph":"X","ts":0.005,"dur":0.07,"pid":1,"tid":1001,"args":{}},
)" + counters(0, "0", "1", "1", "500.00", "500.00", "30") +
      R"({"name":"user","cat":"mode","ph":"X","ts":0.075,"dur":0.125,"pid":1,"tid":1001,"args":{}},
)" + counters(0, "0.05", "1", "0", "500.00", "0.00", "0") + counters(0, "0.1", "0", "0", "0.00", "0.00", "0") +
      R"({"name":"kernel","cat":"mode","ph":"X","ts":0.2,"dur":0.0005,"pid":1,"tid":1001,"args":{}},
)" + counters(0, "0.2", "0", "0", "0.00", "0.00", "0") + counters(0, "0.25", "0", "0", "0.00", "0.00", "0") +
      R"({"name":"user","cat":"mode","ph":"X","ts":0.025,"dur":0.0005,"pid":1,"tid":1003,"args":{}},
)" + counters(1, "0", "0", "0", "0.00", "0.00", "0") + counters(1, "0.05", "0", "0", "0.00", "0.00", "0") +
      R"({"name":"shootdown","cat":"tlb","ph":"s","id":1,"ts":0.1,"pid":1,"tid":1000},
{"name":"shootdown","cat":"tlb","ph":"f","bp":"e","id":1,"ts":0.125,"pid":1,"tid":1002},
{"name":"page_fault","cat":"os","ph":"i","s":"t","ts":0.05,"pid":1,"tid":1000,"args":{"pid":7,"va":"0x4008","cause":13,"epc":"0x1000"}},
{"name":"shootdown_send","cat":"os","ph":"i","s":"t","ts":0.1,"pid":1,"tid":1000,"args":{"pid":7,"start":"0x1000","end":"0x2000","targets":"0x2","asid":"0x3"}},
{"name":"exit","cat":"os","ph":"i","s":"t","ts":0.15,"pid":1,"tid":1000,"args":{"pid":7,"status":0}},
{"name":"pid 7","cat":"pid","ph":"X","ts":0.0025,"dur":0.198,"pid":1,"tid":1000,"args":{"pid":7}},
{"name":"shootdown_recv","cat":"os","ph":"i","s":"t","ts":0.125,"pid":1,"tid":1002,"args":{"pid":2,"start":"0x1000","end":"0x2000","asid":"0x3"}},
{"name":"pid 2","cat":"pid","ph":"X","ts":0.125,"dur":0.0755,"pid":1,"tid":1002,"args":{"pid":2}}
],"displayTimeUnit":"ns"}
)";
  EXPECT_EQ(timeline(buckets_of(100)), want);
}

// The window [120, 260): only hart 0's U translations (150, 160) are selected, buckets start at
// 120; events outside it are left out, slices are clipped to it, the shootdown's flow stays.
TEST(Perfetto, AWindowClipsSlicesAndStartsTheBucketsAtItsStart) {
  TimelineOptions o = buckets_of(100);
  o.filter.cycle_from = 120;
  o.filter.cycle_to = 260;
  const std::string want =
      kMetadata +
      R"({"name":"user","cat":"mode","ph":"X","ts":0.075,"dur":0.0055,"pid":1,"tid":1001,"args":{}},
)" + counters(0, "0.06", "1", "0", "500.00", "0.00", "0") + counters(0, "0.11", "0", "0", "0.00", "0.00", "0") +
      R"({"name":"shootdown","cat":"tlb","ph":"s","id":1,"ts":0.1,"pid":1,"tid":1000},
{"name":"shootdown","cat":"tlb","ph":"f","bp":"e","id":1,"ts":0.125,"pid":1,"tid":1002},
{"name":"shootdown_send","cat":"os","ph":"i","s":"t","ts":0.1,"pid":1,"tid":1000,"args":{"pid":7,"start":"0x1000","end":"0x2000","targets":"0x2","asid":"0x3"}},
{"name":"pid 7","cat":"pid","ph":"X","ts":0.06,"dur":0.07,"pid":1,"tid":1000,"args":{"pid":7}},
{"name":"shootdown_recv","cat":"os","ph":"i","s":"t","ts":0.125,"pid":1,"tid":1002,"args":{"pid":2,"start":"0x1000","end":"0x2000","asid":"0x3"}},
{"name":"pid 2","cat":"pid","ph":"X","ts":0.125,"dur":0.005,"pid":1,"tid":1002,"args":{"pid":2}}
],"displayTimeUnit":"ns"}
)";
  EXPECT_EQ(timeline(o), want);
}

// The hand-built timeline follows the format; the check finds each broken rule.
TEST(Perfetto, TheTimelineFollowsTheTraceEventFormatWhoseCheckFindsBrokenRules) {
  EXPECT_EQ(test::trace_event_format_problems(nlohmann::json::parse(timeline(buckets_of(100)))),
            std::vector<std::string>{});
  const auto problems = [](const char* events) {
    return test::trace_event_format_problems(nlohmann::json::parse(std::string(R"({"traceEvents":[)") + events + "]}"));
  };
  EXPECT_EQ(problems(R"({"name":"a","ph":"X","ts":1,"pid":1,"tid":1})"), std::vector<std::string>{"event 0: X without dur >= 0"});
  EXPECT_EQ(problems(R"({"name":"a","ph":"Q","ts":1,"pid":1,"tid":1})"), std::vector<std::string>{"event 0: bad ph"});
  EXPECT_EQ(problems(R"({"name":"a","ph":"i","ts":"1","pid":1,"tid":1})"),
            std::vector<std::string>{"event 0: ts is not a number"});
  EXPECT_EQ(problems(R"({"name":"a","ph":"B","ts":1,"pid":1,"tid":1})"),
            std::vector<std::string>{"B/E unbalanced on tid 1"});
  EXPECT_EQ(problems(R"({"name":"a","ph":"C","ts":1,"pid":1,"tid":1,"args":{"v":"2"}})"),
            std::vector<std::string>{"event 0: counter arg v not numeric"});
  EXPECT_EQ(problems(R"({"name":"a","ph":"s","id":3,"ts":1,"pid":1,"tid":1})"),
            std::vector<std::string>{"flow 3 is not one start and one finish"});
  EXPECT_EQ(problems(R"({"name":"a","ph":"X","ts":1,"dur":2,"pid":1,"tid":1},{"name":"b","ph":"X","ts":2,"dur":2,"pid":1,"tid":1})"),
            std::vector<std::string>{"X events overlap without nesting on tid 1 at 2000000 ps"});
  EXPECT_EQ(problems(R"({"name":"a","ph":"X","ts":1,"dur":2,"pid":1,"tid":1},{"name":"b","ph":"X","ts":2,"dur":1,"pid":1,"tid":1})"),
            std::vector<std::string>{});
}

// The reclaim and swap events become instants with named arguments (oom_score_adj signed, pfn
// hex), and the free pages the reclaim events carry a counter track sampled at each of them.
TEST(Perfetto, ReclaimEventsGiveInstantsAndAFreePagesCounter) {
  TranslationTraceWriter t(tmp("reclaim.trace"), {.clock_period_ps = 1000, .harts = 1});
  t.append(translation(10, 0, 0, Outcome::L1Hit));
  t.close();
  TranslationTraceWriter e(tmp("reclaim.trace.events"), kEventFormat, {.clock_period_ps = 1000, .harts = 1});
  for (const EventRecord& r : {event(100, 0, 3, MEMVP_EV_KSWAPD_WAKE, 0, 0, 120),
                               event(200, 0, 3, MEMVP_EV_KSWAPD_SLEEP, 0, 64, 184),
                               event(300, 0, 5, MEMVP_EV_DIRECT_RECLAIM_BEGIN, 0, 0x8fa, 90),
                               event(400, 0, 5, MEMVP_EV_DIRECT_RECLAIM_END, 32, 122),
                               event(500, 0, 5, MEMVP_EV_OOM_KILL, 6, 7940, 5762, static_cast<std::uint64_t>(-500)),
                               event(600, 0, 3, MEMVP_EV_SWAP_OUT, 0, 17, 0x80123),
                               event(700, 0, 5, MEMVP_EV_SWAP_IN, 0, 17, 0x80456)})
    e.append(r);
  e.close();
  TraceReader reader(tmp("reclaim.trace"));
  std::FILE* out = std::fopen(tmp("reclaim.json").c_str(), "w");
  write_timeline(reader, read_events(tmp("reclaim.trace.events")), TimelineOptions{}, out);
  std::fclose(out);
  const nlohmann::json j = nlohmann::json::parse(testing::slurp(tmp("reclaim.json")));
  EXPECT_EQ(test::trace_event_format_problems(j), std::vector<std::string>{});
  std::vector<std::uint64_t> free_pages;
  std::vector<std::string> instants;
  for (const auto& ev : j["traceEvents"]) {
    if (ev["name"] == "free pages") free_pages.push_back(ev["args"]["pages"].get<std::uint64_t>());
    if (ev["ph"] == "i") instants.push_back(ev["name"].get<std::string>());
    if (ev["name"] == "oom_kill") {
      EXPECT_EQ(ev["args"]["victim"], 6);
      EXPECT_EQ(ev["args"]["rss"], 5762);
      EXPECT_EQ(ev["args"]["oom_score_adj"], -500);
    }
    if (ev["name"] == "direct_reclaim_begin") EXPECT_EQ(ev["args"]["gfp_mask"], "0x8fa");
    if (ev["name"] == "kswapd_sleep") EXPECT_EQ(ev["args"]["reclaimed"], 64);
    if (ev["name"] == "swap_out") {
      EXPECT_EQ(ev["args"]["swap_type"], 0);
      EXPECT_EQ(ev["args"]["offset"], 17);
      EXPECT_EQ(ev["args"]["pfn"], "0x80123");
    }
    if (ev["name"] == "swap_in") EXPECT_EQ(ev["args"]["pfn"], "0x80456");
  }
  EXPECT_EQ(free_pages, (std::vector<std::uint64_t>{120, 184, 90, 122}));
  EXPECT_EQ(instants, (std::vector<std::string>{"kswapd_wake", "kswapd_sleep", "direct_reclaim_begin",
                                                "direct_reclaim_end", "oom_kill", "swap_out", "swap_in"}));
}

// The DRAM trace's samples become one bandwidth counter per node, channels summed, in buckets of
// 100 cycles of 500 ps (a byte per bucket is 0.02 GB/s): node 0 moves 704 bytes read and 128
// written in bucket 0 (two channels), nothing in bucket 1 (a zero), 64 written in bucket 3, then
// a zero; node 1 starts with a zero at the window's start, reads 64 bytes in bucket 1, then a zero.
TEST(Perfetto, DramSamplesGiveABandwidthCounterPerNode) {
  write_files();
  const std::vector<DramSampleRecord> dram{{0, 640, 0, 100, 0, 0}, {0, 64, 128, 100, 0, 1}, {300, 0, 64, 100, 0, 0},
                                           {100, 64, 0, 100, 1, 0}};
  TraceReader reader(tmp("run.trace"));
  std::FILE* out = std::fopen(tmp("dram.json").c_str(), "w");
  write_timeline(reader, read_events(tmp("run.trace.events")), buckets_of(100), out, dram);
  std::fclose(out);
  const nlohmann::json j = nlohmann::json::parse(testing::slurp(tmp("dram.json")));
  EXPECT_EQ(test::trace_event_format_problems(j), std::vector<std::string>{});
  std::vector<std::string> got;
  for (const auto& ev : j["traceEvents"]) {
    const std::string name = ev["name"];
    if (name.find("DRAM") == std::string::npos) continue;
    got.push_back(name + " " + ev["ts"].dump() + " " + ev["args"]["read"].dump() + " " + ev["args"]["write"].dump());
  }
  EXPECT_EQ(got, (std::vector<std::string>{"node 0 DRAM GB/s 0 14.08 2.56", "node 0 DRAM GB/s 0.05 0.0 0.0",
                                           "node 0 DRAM GB/s 0.15 0.0 1.28", "node 0 DRAM GB/s 0.2 0.0 0.0",
                                           "node 1 DRAM GB/s 0 0.0 0.0", "node 1 DRAM GB/s 0.05 1.28 0.0",
                                           "node 1 DRAM GB/s 0.1 0.0 0.0"}));
}

TEST(Perfetto, CyclesBecomeExactMicroseconds) {
  EXPECT_EQ(microseconds(0, 1000), "0");
  EXPECT_EQ(microseconds(1, 1000), "0.001");
  EXPECT_EQ(microseconds(3, 333), "0.000999");
  EXPECT_EQ(microseconds(2000, 500), "1");
  EXPECT_EQ(microseconds(123'456'789, 1000), "123456.789");
  EXPECT_EQ(json_string("a\"b\\c\n"), R"("a\"b\\c\u000a")");
}

// The tool: `perfetto` writes the timeline; a window that ends before it starts and a missing
// event trace are one line and status 2, before anything is written.
TEST(Perfetto, TheToolWritesTheTimelineAndRejectsABadWindowOrAMissingEventTrace) {
  auto tool = [](const std::string& args, std::string* out, std::string* err) {
    const std::string cmd = std::string(MEMVP_TRACE_EXE) + " " + args + " >" + tmp("tool.out") + " 2>" + tmp("tool.err");
    const int raw = std::system(cmd.c_str());
    *out = testing::slurp(tmp("tool.out"));
    *err = testing::slurp(tmp("tool.err"));
    return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  };
  write_files();
  std::string out, err;
  EXPECT_EQ(tool(tmp("run.trace") + " perfetto --bucket 100", &out, &err), 0) << err;
  EXPECT_EQ(out, timeline(buckets_of(100)));
  EXPECT_EQ(err, "");
  EXPECT_EQ(tool(tmp("run.trace") + " perfetto --from-cycle 300 --to-cycle 200", &out, &err), 2);
  EXPECT_EQ(out, "");
  EXPECT_EQ(err, "memvp-trace: --from-cycle 300 is after --to-cycle 200\n");
  EXPECT_EQ(tool(tmp("run.trace") + " perfetto --events " + tmp("none.events"), &out, &err), 2);
  EXPECT_EQ(out, "");
  EXPECT_EQ(err, "memvp-trace: event trace file '" + tmp("none.events") + "': cannot open: No such file or directory\n");
  EXPECT_EQ(tool(tmp("run.trace") + " perfetto --bucket 0", &out, &err), 2);
  EXPECT_EQ(out, "");
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
}

}  // namespace
}  // namespace memvp::trace
