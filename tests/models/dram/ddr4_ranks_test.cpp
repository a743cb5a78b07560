// DDR4 constraints that the default timings and one rank leave unseen: tRC binding when it
// exceeds tRAS + tRP, and with ranks = 2 which limits hold only within a rank (tRRD_S/L, tFAW,
// tCCD_S/L, tWTR_S/L: JESD79-4 §13.3, all per rank) and which one appears only across ranks
// (tRTRS, the data-bus turnaround between ranks). ACT limits are read off the timeline itself
// (a burst's completion would hide them behind the shared data bus); column limits are seen
// through scripted accesses' completion times.
#include "dram/ddr4_timeline.h"
#include "dram_fixture.h"

namespace memvp::test {
namespace {

TEST_F(DramTest, RcAboveRasPlusRpHoldsTheNextActivate) {
  // A row conflict right behind a miss: PRE at tRAS (52; tRTP after the RD at 22 ends at 34),
  // so tRP alone would allow the ACT at 74; tRC = 100 holds it to 100 after the first ACT.
  cfg.timing.tRC = 100;
  ASSERT_GT(cfg.timing.tRC, cfg.timing.tRAS + cfg.timing.tRP);
  auto r = run({{0, addr(0, 0, 1)}, {1, addr(0, 0, 2)}});
  EXPECT_EQ(r[0].done, RCD + CL + BURST);
  EXPECT_EQ(r[1].done, 100 + RCD + CL + BURST);
}

TEST_F(DramTest, RcEqualToRasPlusRpLeavesTrpBinding) {
  // The same pair with the default tRC (74 = tRAS + tRP): the ACT goes at PRE + tRP.
  auto r = run({{0, addr(0, 0, 1)}, {1, addr(0, 0, 2)}});
  EXPECT_EQ(r[1].done, RAS + RP + RCD + CL + BURST);
}

class TwoRankTest : public DramTest {
 protected:
  TwoRankTest() { cfg.org.ranks = 2; }
};

TEST_F(TwoRankTest, RrdHoldsWithinARankOnly) {
  Ddr4Timeline t(cfg);
  t.issue(DramCommand::Act, coord(0, 0, 0, 1), Cycles(0));
  EXPECT_EQ(t.earliest(DramCommand::Act, coord(0, 0, 1, 1), Cycles(1)), Cycles(8));  // tRRD_L
  EXPECT_EQ(t.earliest(DramCommand::Act, coord(0, 1, 0, 1), Cycles(1)), Cycles(4));  // tRRD_S
  // The other rank's banks, in the same and another group: only the command bus (one per clock).
  EXPECT_EQ(t.earliest(DramCommand::Act, coord(1, 0, 1, 1), Cycles(1)), Cycles(1));
  EXPECT_EQ(t.earliest(DramCommand::Act, coord(1, 1, 0, 1), Cycles(1)), Cycles(1));
}

TEST_F(TwoRankTest, FawCountsOnlyTheRanksOwnActivates) {
  // Four ACTs of rank 0, one per bank group, tRRD_S apart: 0, 4, 8, 12.
  Ddr4Timeline t(cfg);
  for (std::uint32_t g = 0; g < 4; ++g)
    t.issue(DramCommand::Act, coord(0, g, 0, 1), Cycles(4 * g));
  // A fifth in rank 0 waits for tFAW (34) after the first; rank 1's first ACT does not.
  EXPECT_EQ(t.earliest(DramCommand::Act, coord(0, 0, 1, 1), Cycles(16)), Cycles(34));
  EXPECT_EQ(t.earliest(DramCommand::Act, coord(1, 0, 1, 1), Cycles(16)), Cycles(16));
  // Four ACTs of rank 1 then fill rank 1's own window: its fifth waits tFAW after its first.
  for (std::uint32_t g = 0; g < 4; ++g)
    t.issue(DramCommand::Act, coord(1, g, 0, 1), Cycles(16 + 4 * g));
  EXPECT_EQ(t.earliest(DramCommand::Act, coord(1, 0, 1, 1), Cycles(32)), Cycles(16 + 34));
}

TEST_F(TwoRankTest, ReadsInOneBankGroupNumberOfTwoRanksWaitTrtrsNotTccdL) {
  // Rows open in bank group 2 of both ranks; two row hits arrive together at 200. In one rank
  // the second RD would wait tCCD_L (208); across ranks it waits only for the first burst
  // (data 222-226) plus tRTRS = 2 on the data bus: RD at 228 - CL = 206.
  auto r = run({{0, ranked_addr(0, 2, 0, 1)},
                {0, ranked_addr(1, 2, 0, 1)},
                {200, ranked_addr(0, 2, 0, 1, 1)},
                {201, ranked_addr(1, 2, 0, 1, 1)}});
  EXPECT_EQ(r[2].done, 200 + CL + BURST);
  EXPECT_EQ(r[3].done, 200 + BURST + 2 + CL + BURST);
}

TEST_F(TwoRankTest, ReadsInTwoBankGroupsOfTwoRanksWaitTrtrsBeyondTccdS) {
  // The same in different bank groups: tCCD_S (204) would be shorter than the rank switch.
  auto r = run({{0, ranked_addr(0, 2, 0, 1)},
                {0, ranked_addr(1, 3, 0, 1)},
                {200, ranked_addr(0, 2, 0, 1, 1)},
                {201, ranked_addr(1, 3, 0, 1, 1)}});
  EXPECT_EQ(r[3].done, 200 + BURST + 2 + CL + BURST);
}

TEST_F(TwoRankTest, CcdLHoldsWithinARank) {
  // Two row hits in bank group 2 of rank 0 (rank 1 idle): the second RD waits tCCD_L = 8.
  auto r = run({{0, ranked_addr(0, 2, 0, 1)},
                {0, ranked_addr(0, 2, 1, 1)},
                {200, ranked_addr(0, 2, 0, 1, 1)},
                {201, ranked_addr(0, 2, 1, 1, 1)}});
  EXPECT_EQ(r[3].done, 208 + CL + BURST);
}

TEST_F(TwoRankTest, CcdSHoldsWithinARank) {
  // Two row hits in bank groups 2 and 3 of rank 0: the second RD waits tCCD_S = 4.
  auto r = run({{0, ranked_addr(0, 2, 0, 1)},
                {0, ranked_addr(0, 3, 0, 1)},
                {200, ranked_addr(0, 2, 0, 1, 1)},
                {201, ranked_addr(0, 3, 0, 1, 1)}});
  EXPECT_EQ(r[3].done, 204 + CL + BURST);
}

TEST_F(TwoRankTest, WriteToReadTurnaroundHoldsWithinARank) {
  // WR to rank 0 at 100 (data 116-120); a read of the same group of rank 0 waits tWTR_L = 12
  // after the write data (RD at 132), a read of another group of rank 0 tWTR_S = 4 (RD at 124).
  auto r = run({{0, ranked_addr(0, 0, 0, 1)},
                {0, ranked_addr(0, 0, 1, 1)},
                {100, ranked_addr(0, 0, 0, 1, 2), true},
                {101, ranked_addr(0, 0, 1, 1, 2)}});
  EXPECT_EQ(r[3].done, 100 + CWL + BURST + 12 + CL + BURST);
}

TEST_F(TwoRankTest, WriteToReadShortTurnaroundHoldsWithinARank) {
  auto r = run({{0, ranked_addr(0, 0, 0, 1)},
                {0, ranked_addr(0, 1, 0, 1)},
                {100, ranked_addr(0, 0, 0, 1, 2), true},
                {101, ranked_addr(0, 1, 0, 1, 2)}});
  EXPECT_EQ(r[3].done, 100 + CWL + BURST + 4 + CL + BURST);
}

TEST_F(TwoRankTest, WriteToReadAcrossRanksWaitsOnlyForTheDataBus) {
  // The same WR, then a read of rank 1's bank group 0: no tWTR across ranks, only the data bus
  // (write burst 116-120, then tRTRS: read data from 122, so RD from 100); the command bus
  // puts it at 101.
  auto r = run({{0, ranked_addr(0, 0, 0, 1)},
                {0, ranked_addr(1, 0, 0, 1)},
                {100, ranked_addr(0, 0, 0, 1, 2), true},
                {101, ranked_addr(1, 0, 0, 1, 2)}});
  EXPECT_EQ(r[3].done, 101 + CL + BURST);
}

}  // namespace
}  // namespace memvp::test
