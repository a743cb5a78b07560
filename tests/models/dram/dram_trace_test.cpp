// Trace-driven mode: parsing errors name the line and problem; a short trace gives the latencies
// of the timing tests; the same trace twice gives the same output.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "common/error.h"
#include "dram/dram_trace.h"

namespace memvp {
namespace {

std::string error_of(const std::string& trace) {
  std::istringstream in(trace);
  std::ostringstream out;
  try {
    run_dram_trace(Ddr4Config{}, in, out, false);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(DramTrace, ParseErrorsNameLineAndProblem) {
  EXPECT_EQ(error_of("0x40 READ 0\n0x80 FETCH 3\n"),
            "dram trace line 2: unknown operation \"FETCH\" (READ or WRITE)");
  EXPECT_EQ(error_of("0xZZ READ 0\n"), "dram trace line 1: bad address \"0xZZ\"");
  EXPECT_EQ(error_of("# header\n\n0x40 READ\n"), "dram trace line 3: missing cycle");
  EXPECT_EQ(error_of("0x40 READ 12x\n"), "dram trace line 1: bad cycle \"12x\"");
  EXPECT_EQ(error_of("0x40 READ 10\n0x80 READ 5\n"),
            "dram trace line 2: cycle 5 before the previous request's cycle 10");
  EXPECT_EQ(error_of("0x40 READ 1 extra\n"),
            "dram trace line 1: unexpected \"extra\" after the cycle");
  EXPECT_EQ(error_of("0x400000000 READ 1\n"),
            "dram trace line 1: address 0x400000000 beyond the DRAM capacity 0x200000000");
  EXPECT_EQ(error_of("0x40\n"), "dram trace line 1: expected \"0xADDR READ|WRITE CYCLE\"");
  EXPECT_EQ(error_of("0x40 READ 68719476737\n"),
            "dram trace line 1: cycle 68719476737 beyond the last cycle a trace may reach, 68719476736 (2^36 DRAM "
            "clocks)");
}

TEST(DramTrace, PrintsLatenciesAndSummary) {
  Ddr4Config cfg;
  cfg.refresh = false;
  // Miss at 0; hit at 100 (other column); conflict (row 1 = bit 17) at 200.
  std::istringstream in("0x0 READ 0\n0x40 READ 100\n0x20000 READ 200\n0x20040 WRITE 300\n");
  std::ostringstream out;
  EXPECT_EQ(run_dram_trace(cfg, in, out, true), 0);
  const std::string s = out.str();
  EXPECT_NE(s.find("id,address,op,arrival,done,latency\n"), std::string::npos);
  EXPECT_NE(s.find("0,0x0,READ,0,48,48\n"), std::string::npos);
  EXPECT_NE(s.find("1,0x40,READ,100,126,26\n"), std::string::npos);
  EXPECT_NE(s.find("2,0x20000,READ,200,270,70\n"), std::string::npos);
  EXPECT_NE(s.find("3,0x20040,WRITE,300,320,20\n"), std::string::npos);  // hit: CWL + burst
  EXPECT_NE(s.find("# row_hits 2\n"), std::string::npos);
  EXPECT_NE(s.find("# row_conflicts 1\n"), std::string::npos);
}

TEST(DramTrace, RankSwitchAddsTrtrs) {
  Ddr4Config cfg;
  cfg.refresh = false;
  cfg.org.ranks = 2;  // RoBgBaRaCoCh: the rank is address bit 13
  // Both ACT (cycles 0 and 1); rank 0 reads at 22 (burst 44..48); rank 1's burst must start
  // tRTRS after that, at 50, so its RD goes at 28 rather than 23.
  std::istringstream in("0x0 READ 0\n0x2000 READ 0\n");
  std::ostringstream out;
  run_dram_trace(cfg, in, out, true);
  EXPECT_NE(out.str().find("0,0x0,READ,0,48,48\n"), std::string::npos);
  EXPECT_NE(out.str().find("1,0x2000,READ,0,54,54\n"), std::string::npos);
}

TEST(DramTrace, ChannelsWorkInParallel) {
  Ddr4Config cfg;
  cfg.refresh = false;
  std::istringstream one("0x0 READ 0\n0x40 READ 0\n");
  std::ostringstream out1;
  run_dram_trace(cfg, one, out1, true);  // same row: the second RD waits tCCD_L
  EXPECT_NE(out1.str().find("1,0x40,READ,0,56,56\n"), std::string::npos);

  cfg.org.channels = 2;  // RoBgBaRaCoCh: the channel is address bit 6
  std::istringstream two("0x0 READ 0\n0x40 READ 0\n");
  std::ostringstream out2;
  run_dram_trace(cfg, two, out2, true);
  EXPECT_NE(out2.str().find("0,0x0,READ,0,48,48\n"), std::string::npos);
  EXPECT_NE(out2.str().find("1,0x40,READ,0,48,48\n"), std::string::npos);
}

TEST(DramTrace, SameTraceSameOutput) {
  std::string trace;
  for (int i = 0; i < 2000; ++i)
    trace += "0x" + std::to_string((i * 7919 % 4096) * 64 * 33) + (i % 3 ? " READ " : " WRITE ") +
             std::to_string(i * 3) + "\n";
  auto run = [&] {
    std::istringstream in(trace);
    std::ostringstream out;
    run_dram_trace(Ddr4Config{}, in, out, false);
    return out.str();
  };
  const std::string a = run();
  EXPECT_EQ(a, run());
  EXPECT_NE(a.find("reads 1333"), std::string::npos);
}

}  // namespace
}  // namespace memvp
