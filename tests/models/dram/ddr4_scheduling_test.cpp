// Scheduling behaviour: FR-FCFS reordering and its starvation cap, FCFS, closed-page policy,
// write draining, queue depth, refresh blocking, and time-ordered arrival under temporal
// decoupling.
#include <sstream>

#include <fmt/format.h>

#include "dram/dram_trace.h"
#include "dram_fixture.h"

namespace memvp::test {
namespace {

TEST_F(DramTest, FrFcfsServesYoungerRowHitBeforeOlderMiss) {
  auto r = run({{0, addr(0, 0, 1)}, {10, addr(0, 0, 2)}, {20, addr(0, 0, 1, 1)}});
  EXPECT_EQ(r[2].done, 30 + CL + BURST);              // RD at 30 (tCCD_L after 22): before X
  EXPECT_EQ(r[1].done, RAS + RP + RCD + CL + BURST);  // X: PRE at 52 (tRAS), ACT 74, RD 96
}

TEST_F(DramTest, FcfsServesInArrivalOrder) {
  cfg.scheduler = SchedulerKind::Fcfs;
  auto r = run({{0, addr(0, 0, 1)}, {10, addr(0, 0, 2)}, {20, addr(0, 0, 1, 1)}});
  EXPECT_EQ(r[1].done, RAS + RP + RCD + CL + BURST);  // 122
  // Y now conflicts with X's row: PRE at ACT(74) + tRAS = 126, ACT 148, RD 170.
  EXPECT_EQ(r[2].done, 74 + RAS + RP + RCD + CL + BURST);
}

TEST_F(DramTest, StarvationCapLimitsReordering) {
  cfg.starvation_cap = 2;
  auto r = run({{0, addr(0, 0, 1)},
                {10, addr(0, 0, 2)},
                {20, addr(0, 0, 1, 1)},
                {21, addr(0, 0, 1, 2)},
                {22, addr(0, 0, 1, 3)}});
  EXPECT_EQ(r[2].done, 30 + CL + BURST);
  EXPECT_EQ(r[3].done, 38 + CL + BURST);
  // X has been passed twice: its PRE (52), ACT (74), RD (96) go before the third hit.
  EXPECT_EQ(r[1].done, 96 + CL + BURST);
  EXPECT_EQ(r[4].done, 74 + RAS + RP + RCD + CL + BURST);
}

TEST_F(DramTest, WithoutCapAllHitsPass) {
  auto r = run({{0, addr(0, 0, 1)},
                {10, addr(0, 0, 2)},
                {20, addr(0, 0, 1, 1)},
                {21, addr(0, 0, 1, 2)},
                {22, addr(0, 0, 1, 3)}});
  EXPECT_EQ(r[4].done, 46 + CL + BURST);
  EXPECT_EQ(r[1].done, 46 + 12 + RP + RCD + CL + BURST);  // PRE after tRTP of the last hit
}

TEST_F(DramTest, ClosedPagePolicyPrechargesAfterEveryAccess) {
  cfg.page_policy = PagePolicyKind::Closed;
  auto r = run({{0, addr(0, 0, 1)}, {50, addr(0, 0, 1, 1)}, {300, addr(0, 0, 1, 2)}});
  EXPECT_EQ(r[0].latency(), RCD + CL + BURST);
  // Auto-precharge at tRAS (52), so the next ACT waits for tRP: ACT 74.
  EXPECT_EQ(r[1].done, RAS + RP + RCD + CL + BURST);
  EXPECT_EQ(r[2].latency(), RCD + CL + BURST);
  EXPECT_EQ(dram->stats().row_hits(), 0u);
  EXPECT_EQ(dram->stats().row_misses(), 3u);
}

TEST_F(DramTest, ReadsGoBeforeQueuedWrites) {
  cfg.posted_writes = false;
  // The write's ACT waits until the read leaves the read queue (RD at 22).
  auto r = run({{0, addr(0, 0, 1)}, {1, addr(1, 0, 1), true}});
  EXPECT_EQ(r[1].done, 23 + RCD + CWL + BURST);
  EXPECT_EQ(r[0].done, RCD + CL + BURST);
}

TEST_F(DramTest, WritesDrainAtHighWatermark) {
  cfg.posted_writes = false;
  cfg.write_high_watermark = 1;
  cfg.write_low_watermark = 0;
  auto r = run({{0, addr(0, 0, 1)}, {1, addr(1, 0, 1), true}});
  EXPECT_EQ(r[1].done, 4 + RCD + CWL + BURST);              // ACT at 4 (tRRD_S), WR at 26
  EXPECT_EQ(r[0].done, 26 + CWL + BURST + 4 + CL + BURST);  // RD waits tWTR_S after the WR
}

TEST_F(DramTest, FullReadQueueDelaysAdmission) {
  cfg.read_queue_depth = 1;
  auto r = run({{0, addr(0, 0, 1)}, {1, addr(1, 0, 1)}});
  EXPECT_EQ(r[1].done, 23 + RCD + CL + BURST);  // admitted after the first RD at 22
}

TEST_F(DramTest, RequestDuringRefreshWaitsForRfc) {
  cfg.refresh = true;
  auto r = run({{12490, addr(0, 0, 1)}});
  EXPECT_EQ(r[0].done, 12480 + 560 + RCD + CL + BURST);  // REF at tREFI, blocked for tRFC
  EXPECT_EQ(dram->stats().refreshes(), 1u);
}

TEST_F(DramTest, RefreshPrechargesOpenBanksFirst) {
  cfg.refresh = true;
  // Row open at 12400; at 12480 the bank is precharged, REF follows tRP later.
  auto r = run({{12400, addr(0, 0, 1)}, {12490, addr(0, 0, 1, 1)}});
  EXPECT_EQ(r[1].done, 12480 + RP + 560 + RCD + CL + BURST);
  EXPECT_EQ(dram->stats().row_misses(), 2u);
}

TEST_F(DramTest, ArrivalsAreServedInTimeOrderNotCallOrder) {
  // Both initiators call at time 0; A's local time is 100 cycles ahead, B's 50. B goes first.
  auto r = run({{0, addr(0, 0, 2), false, 100}, {0, addr(0, 0, 1), false, 50}});
  EXPECT_EQ(r[1].done, 50 + RCD + CL + BURST);
  EXPECT_EQ(r[0].done, 50 + RAS + RP + RCD + CL + BURST);  // PRE at B's ACT + tRAS = 102
}

TEST_F(DramTest, ImmediateModeServesALateArrivalWithoutChargingTheLead) {
  // A (arrival 100, row 2) is called first, at time 0, and scheduled at once: ACT 100, RD 122.
  // B (arrival 50, row 1, same bank) is called at cycle 1: 73 cycles behind the channel, it is
  // served from cycle 123 (PRE at 152 by tRAS, ACT 174, RD 196, done 222), reported 73 earlier.
  cfg.sync_to_arrival = false;
  auto r = run({{0, addr(0, 0, 2), false, 100}, {1, addr(0, 0, 1), false, 49}});
  EXPECT_EQ(r[0].done, 100 + RCD + CL + BURST);
  EXPECT_EQ(r[1].done, 222u - 73u);
  EXPECT_EQ(dram->stats().row_conflicts(), 1u);
}

TEST_F(DramTest, ImmediateModeChargesALateArrivalForEarlierRequests) {
  // A1 (arrival 40) and A2 (arrival 60) are called before B (arrival 50), all to different
  // bank groups. A1: ACT 40, RD 62, done 88. A2 is 3 behind: ACT 63, RD 85, done 111. B is 36
  // behind (channel at 86): ACT 86, RD 108 (data bus after A2), done 134. Of those 36 it is
  // charged A1's burst (4), which arrived before it and ended after: reported at 134 - 32.
  cfg.sync_to_arrival = false;
  auto r = run({{0, addr(0, 0, 1), false, 40}, {1, addr(1, 0, 1), false, 59},
                {2, addr(2, 0, 1), false, 48}});
  EXPECT_EQ(r[0].done, 88u);
  EXPECT_EQ(r[1].done, 111u);
  EXPECT_EQ(r[2].done, 102u);
  EXPECT_EQ(r[2].latency(), RCD + CL + BURST + BURST);
}

// N overlapping requests (one initiator thread each, distinct arrival cycles, refresh on)
// complete exactly when the trace-driven run of the same requests says.
class SyncVsTrace : public DramTest {
 protected:
  void check(int n, unsigned spacing_shift) {
    cfg.refresh = true;
    cfg.posted_writes = false;
    std::vector<ScriptedAccess> script;
    std::string trace;
    std::uint64_t x = 12345, cycle = 12000;
    for (int i = 0; i < n; ++i) {
      x = x * 6364136223846793005ULL + 1442695040888963407ULL;
      cycle += 1 + (x >> spacing_shift);
      const std::uint64_t a = addr((x >> 20) & 3, (x >> 22) & 3, (x >> 24) & 7, (x >> 27) & 127);
      const bool write = ((x >> 40) & 3) == 0;
      script.push_back({cycle, a, write});
      trace += fmt::format("{:#x} {} {}\n", a, write ? "WRITE" : "READ", cycle);
    }
    auto r = run(script);
    std::istringstream in(trace);
    std::ostringstream out;
    run_dram_trace(cfg, in, out, true);
    std::istringstream lines(out.str());
    std::string line;
    std::getline(lines, line);  // header
    for (std::size_t i = 0; i < r.size(); ++i) {
      ASSERT_TRUE(std::getline(lines, line));
      ASSERT_EQ(line, fmt::format("{},{:#x},{},{},{},{}", i, script[i].addr,
                                  script[i].write ? "WRITE" : "READ", script[i].cycle, r[i].done,
                                  r[i].latency()));
    }
    EXPECT_GT(dram->stats().refreshes(), 0u);
  }
};

TEST_F(SyncVsTrace, ModerateLoad) { check(400, 59); }  // 1..32 cycles apart

TEST_F(SyncVsTrace, SaturatedQueues) { check(1500, 61); }  // 1..8 apart: queues full

TEST_F(DramTest, ImmediateModeIsExactForOneInitiator) {
  // One blocking initiator with posted writes, its local time running ahead (no syncs): the
  // same requests through the trace-driven run give the same read completions.
  cfg.refresh = true;
  cfg.sync_to_arrival = false;
  struct Done {
    std::uint64_t addr, arrival, done;
    bool write;
  };
  std::vector<Done> log;
  run_driver([&](Driver& d) {
    const sc_core::sc_time tck = dram->clock_period();
    sc_core::sc_time local = tck * 12300.0;
    std::uint64_t x = 777, data = 0;
    for (int i = 0; i < 600; ++i) {
      x = x * 6364136223846793005ULL + 1442695040888963407ULL;
      local += tck * static_cast<double>(x >> 60);  // 0..15 cycles of work between accesses
      const std::uint64_t a = addr((x >> 20) & 3, (x >> 22) & 3, (x >> 24) & 3, (x >> 27) & 127);
      const bool write = ((x >> 40) & 3) == 0;
      const std::uint64_t arrival = local.value() / tck.value();
      d.access(write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND, a, &data, 8, local);
      log.push_back({a, arrival, local.value() / tck.value(), write});
    }
  });
  std::string trace;
  for (const Done& l : log)
    trace += fmt::format("{:#x} {} {}\n", l.addr, l.write ? "WRITE" : "READ", l.arrival);
  std::istringstream in(trace);
  std::ostringstream out;
  run_dram_trace(cfg, in, out, true);
  std::istringstream lines(out.str());
  std::string line;
  std::getline(lines, line);
  for (std::size_t i = 0; i < log.size(); ++i) {
    ASSERT_TRUE(std::getline(lines, line));
    if (log[i].write) continue;  // posted: the initiator saw only the acceptance
    ASSERT_EQ(line, fmt::format("{},{:#x},READ,{},{},{}", i, log[i].addr, log[i].arrival,
                                log[i].done, log[i].done - log[i].arrival));
  }
  EXPECT_GT(dram->stats().refreshes(), 0u);
}

}  // namespace
}  // namespace memvp::test
