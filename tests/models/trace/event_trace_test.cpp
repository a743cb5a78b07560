// The event trace: written and read back with the translation trace's writer and reader (plain
// and zstd), its header, the names of its types, the companion file's name, the `events`,
// `faults` and `pids` joins on a hand-built pair of files, and that neither reader takes the
// other's file.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <vector>

#include "common/error.h"
#include "common/trace/event_record.h"
#include "common/trace/trace_writer.h"
#include "event_join.h"
#include "trace_fixture.h"
#include "trace_reader.h"

namespace memvp::trace {
namespace {

std::string tmp(const std::string& name) { return testing::temp_path("event_trace_" + name); }

EventRecord event(std::uint64_t cycle, std::uint16_t hart, std::uint32_t pid, std::uint16_t type,
                  std::uint64_t a0 = 0, std::uint64_t a1 = 0, std::uint64_t a2 = 0) {
  return EventRecord{cycle, {a0, a1, a2, 0}, pid, type, hart};
}

void write_events(const std::string& path, const std::vector<EventRecord>& events) {
  TranslationTraceWriter w(path, kEventFormat, {.clock_period_ps = 1000, .harts = 2});
  for (const EventRecord& e : events) w.append(e);
  w.close();
}

TranslationRecord translation(std::uint64_t cycle, std::uint16_t hart, std::uint64_t va, std::uint32_t walk_cycles,
                              Outcome outcome = Outcome::L1Hit) {
  TranslationRecord r{};
  r.cycle = cycle;
  r.hart = hart;
  r.va = va;
  r.walk_cycles = walk_cycles;
  r.latency_cycles = walk_cycles + 1;
  r.outcome = static_cast<std::uint8_t>(outcome);
  r.fault_cause = outcome == Outcome::Fault ? 13 : kNoCause;
  return r;
}

TEST(EventTrace, RoundTripsPlainAndCompressedWithItsOwnHeader) {
  const std::vector<EventRecord> events{event(10, 0, 1, MEMVP_EV_FORK, 2), event(12, 1, 2, MEMVP_EV_EXIT, 7)};
  for (const char* name : {"rt.events", "rt.events.zst"}) {
    write_events(tmp(name), events);
    TraceReader r(tmp(name), kEventFormat);
    EXPECT_EQ(r.header().header_size, 112u);
    EXPECT_EQ(r.header().record_size, 48u);
    EXPECT_EQ(r.header().layout_size, 60u);
    EXPECT_EQ(std::memcmp(r.header().magic, "MVPEVENT", 8), 0);
    const std::vector<EventRecord> back = read_events(tmp(name));
    ASSERT_EQ(back.size(), events.size()) << name;
    for (std::size_t i = 0; i < back.size(); ++i) EXPECT_EQ(std::memcmp(&back[i], &events[i], sizeof back[i]), 0);
  }
  EXPECT_EQ(testing::slurp(tmp("rt.events")).size(), 112u + 2 * 48u);
}

TEST(EventTrace, NeitherReaderTakesTheOthersFile) {
  write_events(tmp("kind.events"), {event(1, 0, 0, MEMVP_EV_SFENCE)});
  testing::write_trace(tmp("kind.trace"), testing::hand_built_trace());
  try {
    TraceReader r(tmp("kind.events"));
    FAIL() << "an event trace read as a translation trace";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("not a memvp translation trace (bad magic)"), std::string::npos) << e.what();
  }
  try {
    (void)read_events(tmp("kind.trace"));
    FAIL() << "a translation trace read as an event trace";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "event trace file '" + tmp("kind.trace") + "': not a memvp event trace (bad magic)");
  }
}

TEST(EventTrace, NamesAndCompanionPath) {
  EXPECT_EQ(event_name(MEMVP_EV_PAGE_FAULT), "page_fault");
  EXPECT_EQ(event_name(MEMVP_EV_CONTEXT_SWITCH), "context_switch");
  EXPECT_EQ(event_name(MEMVP_EV_EXIT), "exit");
  EXPECT_EQ(event_name(MEMVP_EV_NR), "unknown");
  EXPECT_EQ(event_trace_path("run.trace.zst"), "run.trace.events.zst");
  EXPECT_EQ(event_trace_path("run.trace"), "run.trace.events");
  EXPECT_EQ(event_trace_path(".zst"), ".zst.events");
}

// Hart 0: pid 5 faults at 0x4000 (walk 30), the handler (cycles 110-150) makes two translations
// (one walk of 20), the retry at 160 walks 25. Hart 1 switches from pid 0 to pid 6 at 100.
TEST(EventTrace, JoinsChargeFaultsAndPids) {
  write_events(tmp("join.events"), {
      event(100, 0, 5, MEMVP_EV_PAGE_FAULT, 0x4008, 13, 0x1000),
      event(100, 1, 0, MEMVP_EV_CONTEXT_SWITCH, 0, 6, 9),
      event(150, 0, 5, MEMVP_EV_PAGE_FAULT_DONE, 0x4008, 0),
  });
  TranslationTraceWriter w(tmp("join.trace"), {.clock_period_ps = 1000, .harts = 2});
  for (const TranslationRecord& r : {translation(90, 0, 0x4008, 30, Outcome::Fault), translation(50, 1, 0x9000, 0),
                                     translation(110, 0, 0xffffffc000001000, 20, Outcome::Walk),
                                     translation(120, 1, 0x9000, 0), translation(130, 0, 0xffffffc000002000, 0),
                                     translation(160, 0, 0x4010, 25, Outcome::Walk)})
    w.append(r);
  w.close();
  TraceReader reader(tmp("join.trace"));
  const JoinResult j = join_events(reader, read_events(tmp("join.events")));
  ASSERT_EQ(j.faults.size(), 1u);
  const FaultRow& f = j.faults[0];
  EXPECT_EQ(f.cycle, 100u);
  EXPECT_EQ(f.pid, 5u);
  EXPECT_EQ(f.va, 0x4008u);
  EXPECT_EQ(f.fault_walk_cycles, 30u);
  EXPECT_EQ(f.handler_cycles, 50u);
  EXPECT_EQ(f.handler_translations, 2u);
  EXPECT_EQ(f.handler_walks, 1u);
  EXPECT_EQ(f.handler_walk_cycles, 20u);
  EXPECT_EQ(f.retry_walk_cycles, 25u);
  EXPECT_EQ(f.result, 0u);
  // Hart 0's fault record precedes its first event: unknown; then pid 5 (handler and retry).
  // Hart 1: unknown at 50, pid 6 at 120.
  EXPECT_EQ(j.pids.at(-1).translations, 2u);
  EXPECT_EQ(j.pids.at(-1).faults, 1u);
  EXPECT_EQ(j.pids.at(5).translations, 3u);
  EXPECT_EQ(j.pids.at(5).walk_cycles, 45u);
  EXPECT_EQ(j.pids.at(6).translations, 1u);
}

// Hart 0 sends a shootdown to hart 1, then one to harts 1 and 2; hart 1 serves the first before
// the send's event was written (it polls the request while waiting for a lock), hart 2 never
// serves the second.
TEST(EventTrace, ShootdownsMatchEachTargetsReceiptsInOrder) {
  const std::vector<ShootdownRow> rows = join_shootdowns({
      event(100, 0, 3, MEMVP_EV_SHOOTDOWN_SEND, 0x1000, 0x2000, 0b10),
      event(98, 1, 4, MEMVP_EV_SHOOTDOWN_RECV, 0x1000, 0x2000),
      event(200, 0, 3, MEMVP_EV_SHOOTDOWN_SEND, 0x3000, 0x4000, 0b110),
      event(260, 1, 4, MEMVP_EV_SHOOTDOWN_RECV, 0x3000, 0x4000),
  });
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].target, 1u);
  EXPECT_EQ(rows[0].recv_cycle, 98u);
  EXPECT_EQ(rows[0].start, 0x1000u);
  EXPECT_EQ(rows[1].target, 1u);
  EXPECT_EQ(rows[1].recv_cycle, 260u);
  EXPECT_EQ(rows[2].target, 2u);
  EXPECT_FALSE(rows[2].recv_cycle.has_value());
}

// The tool: the join's CSV through `memvp-trace FILE faults|pids|events`, the companion found by
// name or given with --events, and a missing one as one line and status 2.
TEST(EventTrace, TheToolWritesTheJoinsAndNamesAMissingEventTrace) {
  auto tool = [](const std::string& args, std::string* out) {
    const std::string cmd = std::string(MEMVP_TRACE_EXE) + " " + args + " >" + tmp("tool.out") + " 2>" + tmp("tool.err");
    const int raw = std::system(cmd.c_str());
    *out = testing::slurp(tmp("tool.out")) + testing::slurp(tmp("tool.err"));
    return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  };
  write_events(tmp("tool.trace.events"), {event(100, 0, 5, MEMVP_EV_PAGE_FAULT, 0x4008, 13, 0x1000),
                                          event(150, 0, 5, MEMVP_EV_PAGE_FAULT_DONE, 0x4008, 0)});
  TranslationTraceWriter w(tmp("tool.trace"), {.clock_period_ps = 1000, .harts = 2});
  w.append(translation(90, 0, 0x4008, 30, Outcome::Fault));
  w.append(translation(160, 0, 0x4010, 25, Outcome::Walk));
  w.close();
  std::string out;
  EXPECT_EQ(tool(tmp("tool.trace") + " faults", &out), 0);
  EXPECT_EQ(out,
            "cycle,hart,pid,va,cause,fault_walk_cycles,handler_cycles,handler_translations,handler_walks,"
            "handler_walk_cycles,retry_walk_cycles,result\n100,0,5,0x4008,13,30,50,0,0,0,25,0x0\n");
  EXPECT_EQ(tool(tmp("tool.trace") + " pids", &out), 0);
  EXPECT_EQ(out, "pid,translations,walks,faults,translation_cycles,walk_cycles\nunknown,1,1,1,31,30\n5,1,1,0,26,25\n");
  EXPECT_EQ(tool(tmp("tool.trace") + " events --events " + tmp("tool.trace.events"), &out), 0);
  EXPECT_EQ(out, "cycle,hart,pid,type,arg0,arg1,arg2,arg3\n100,0,5,page_fault,0x4008,0xd,0x1000,0x0\n"
                 "150,0,5,page_fault_done,0x4008,0x0,0x0,0x0\n");
  EXPECT_EQ(tool(tmp("hand.trace") + " faults", &out), 2);
  EXPECT_EQ(out, "memvp-trace: event trace file '" + tmp("hand.trace") +
                     ".events': cannot open: No such file or directory\n");
}

}  // namespace
}  // namespace memvp::trace
