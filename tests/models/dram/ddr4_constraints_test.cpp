// One JEDEC DDR4 constraint per test, each observed through scripted accesses that arrive
// together so the constraint, not the arrival, decides when the last one completes.
#include "dram_fixture.h"

namespace memvp::test {
namespace {

TEST_F(DramTest, FawDelaysTheFifthActivate) {
  // Four banks of group 0 and one of group 1. ACTs: bg0 at 0, bg1 at 4 (tRRD_S), bg0 at 8 and
  // 16 (tRRD_L); the fifth could go at 24 by tRRD_L but tFAW (from the ACT at 0) holds it to 34.
  auto r = run({{0, addr(0, 0, 1)},
                {1, addr(0, 1, 1)},
                {2, addr(0, 2, 1)},
                {3, addr(0, 3, 1)},
                {4, addr(1, 0, 1)}});
  EXPECT_EQ(r[4].done, 4 + RCD + CL + BURST);
  EXPECT_EQ(r[2].done, 16 + RCD + CL + BURST);
  EXPECT_EQ(r[3].done, 34 + RCD + CL + BURST);
}

TEST_F(DramTest, RrdLongInSameBankGroup) {
  auto r = run({{0, addr(0, 0, 1)}, {1, addr(0, 1, 1)}});
  EXPECT_EQ(r[1].done, 8 + RCD + CL + BURST);  // tRRD_L = 8
}

TEST_F(DramTest, RrdShortAcrossBankGroups) {
  auto r = run({{0, addr(0, 0, 1)}, {1, addr(1, 0, 1)}});
  EXPECT_EQ(r[1].done, 4 + RCD + CL + BURST);  // tRRD_S = 4
}

TEST_F(DramTest, CcdLongInSameBankGroup) {
  // Open rows in two banks of group 2, then two row hits arriving together at 200.
  auto r = run(
      {{0, addr(2, 0, 1)}, {0, addr(2, 1, 1)}, {200, addr(2, 0, 1, 1)}, {201, addr(2, 1, 1, 1)}});
  EXPECT_EQ(r[2].done, 200 + CL + BURST);
  EXPECT_EQ(r[3].done, 208 + CL + BURST);  // tCCD_L = 8
}

TEST_F(DramTest, CcdShortAcrossBankGroups) {
  auto r = run(
      {{0, addr(2, 0, 1)}, {0, addr(3, 0, 1)}, {200, addr(2, 0, 1, 1)}, {201, addr(3, 0, 1, 1)}});
  EXPECT_EQ(r[3].done, 204 + CL + BURST);  // tCCD_S = 4
}

TEST_F(DramTest, WriteToReadTurnaroundSameBankGroup) {
  // Rows open in bg0 ba0/ba1; WR at 100; a read to the other bank of bg0 waits
  // CWL + BL/2 + tWTR_L after the WR.
  auto r = run({{0, addr(0, 0, 1)},
                {0, addr(0, 1, 1)},
                {100, addr(0, 0, 1, 2), true},
                {101, addr(0, 1, 1, 2)}});
  EXPECT_EQ(r[3].done, 100 + CWL + BURST + 12 + CL + BURST);
}

TEST_F(DramTest, WriteToReadTurnaroundOtherBankGroup) {
  auto r = run({{0, addr(0, 0, 1)},
                {0, addr(1, 0, 1)},
                {100, addr(0, 0, 1, 2), true},
                {101, addr(1, 0, 1, 2)}});
  EXPECT_EQ(r[3].done, 100 + CWL + BURST + 4 + CL + BURST);  // tWTR_S = 4
}

TEST_F(DramTest, ReadToPrechargeWaitsRtp) {
  // Row 1 open since 0; a hit at 200 reads (RD 200), then a conflict must wait tRTP for PRE.
  auto r = run({{0, addr(0, 0, 1)}, {200, addr(0, 0, 1, 1)}, {201, addr(0, 0, 2)}});
  EXPECT_EQ(r[2].done, 200 + 12 + RP + RCD + CL + BURST);
}

TEST_F(DramTest, WriteToPrechargeWaitsWriteRecovery) {
  // WR at 200; PRE no earlier than WR + CWL + BL/2 + tWR.
  auto r = run({{0, addr(0, 0, 1)}, {200, addr(0, 0, 1, 1), true}, {201, addr(0, 0, 2)}});
  EXPECT_EQ(r[2].done, 200 + CWL + BURST + 24 + RP + RCD + CL + BURST);
}

TEST_F(DramTest, ReadToWriteTurnaround) {
  // An unposted write hit right behind a read hit: WR waits RL + BL/2 + 2 - WL after the RD.
  cfg.posted_writes = false;
  auto r = run({{0, addr(0, 0, 1)},
                {0, addr(1, 0, 1)},
                {200, addr(0, 0, 1, 1)},
                {201, addr(1, 0, 1, 1), true}});
  EXPECT_EQ(r[3].done, 200 + (CL + BURST + 2 - CWL) + CWL + BURST);
}

}  // namespace
}  // namespace memvp::test
