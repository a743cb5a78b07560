// Single-request latencies of the DDR4 controller (closed bank, row hit, row conflict with and
// without waiting for tRAS), posted writes, functional data, debug transport, and DMI: denied,
// except to a cache's functional path.
#include <cstring>

#include "common/functional_dmi.h"
#include "common/waves/wave_recorder.h"
#include "dram_fixture.h"
#include "vcd_reader.h"

namespace memvp::test {
namespace {

TEST_F(DramTest, ClosedBankCostsRcdPlusClPlusBurst) {
  auto r = run({{0, addr(0, 0, 5)}});
  EXPECT_EQ(r[0].latency(), RCD + CL + BURST);  // 48 clocks = 30 ns
  EXPECT_EQ(dram->stats().row_misses(), 1u);
}

TEST_F(DramTest, RowHitCostsClPlusBurst) {
  auto r = run({{0, addr(1, 2, 7, 0)}, {100, addr(1, 2, 7, 3)}});
  EXPECT_EQ(r[1].latency(), CL + BURST);
  EXPECT_EQ(dram->stats().row_hits(), 1u);
  EXPECT_EQ(dram->stats().bank(ChannelId(0), 1 * 4 + 2).row_hits, 1u);
}

TEST_F(DramTest, RowConflictCostsRpPlusRcdPlusClPlusBurst) {
  // The second access comes long after tRAS, so PRE issues on arrival.
  auto r = run({{0, addr(0, 0, 1)}, {200, addr(0, 0, 2)}});
  EXPECT_EQ(r[1].latency(), RP + RCD + CL + BURST);
  EXPECT_EQ(dram->stats().row_conflicts(), 1u);
}

TEST_F(DramTest, RowConflictWaitsForRas) {
  // ACT at 0; the conflicting read arrives at 48, PRE waits for tRAS (52).
  auto r = run({{0, addr(0, 0, 1)}, {48, addr(0, 0, 2)}});
  EXPECT_EQ(r[1].done, RAS + RP + RCD + CL + BURST);
}

TEST_F(DramTest, FrontendAndBackendLatencyAddToEveryRead) {
  cfg.frontend_latency = 5;
  cfg.backend_latency = 7;
  auto r = run({{0, addr(0, 0, 5)}, {100, addr(0, 0, 5, 1)}, {200, addr(0, 0, 6), true}});
  EXPECT_EQ(r[0].latency(), 5 + RCD + CL + BURST + 7);
  EXPECT_EQ(r[1].latency(), 5 + CL + BURST + 7);
  EXPECT_EQ(r[2].latency(), 5u);  // a posted write is acknowledged once queued
}

TEST_F(DramTest, FrontendAndBackendLatencyInImmediateMode) {
  cfg.sync_to_arrival = false;
  cfg.frontend_latency = 5;
  cfg.backend_latency = 7;
  auto r = run({{0, addr(0, 0, 5)}, {100, addr(0, 0, 5, 1)}});
  EXPECT_EQ(r[0].latency(), 5 + RCD + CL + BURST + 7);
  EXPECT_EQ(r[1].latency(), 5 + CL + BURST + 7);
}

// The built-in controller pipeline and PHY (gem5's 10 ns each, 16 clocks) on top of the DRAM:
// a closed bank costs 80 clocks (50 ns) and a conflict 102 (63.75 ns).
TEST_F(DramTest, DefaultFrontendAndBackendAreTenNanosecondsEach) {
  cfg.frontend_latency = Ddr4Config{}.frontend_latency;
  cfg.backend_latency = Ddr4Config{}.backend_latency;
  EXPECT_EQ(cfg.frontend_latency, 16u);
  EXPECT_EQ(cfg.backend_latency, 16u);
  auto r = run({{0, addr(0, 0, 1)}, {200, addr(0, 0, 2)}});
  EXPECT_EQ(r[0].latency(), 16 + RCD + CL + BURST + 16);
  EXPECT_EQ(r[1].latency(), 16 + RP + RCD + CL + BURST + 16);
}

TEST_F(DramTest, PostedWriteReturnsWhenQueued) {
  auto r = run({{10, addr(0, 0, 1), true}});
  EXPECT_EQ(r[0].done, 10u);
  EXPECT_EQ(dram->stats().writes(), 1u);
}

TEST_F(DramTest, UnpostedWriteCostsRcdPlusCwlPlusBurst) {
  cfg.posted_writes = false;
  auto r = run({{10, addr(0, 0, 1), true}});
  EXPECT_EQ(r[0].latency(), RCD + CWL + BURST);
}

// Data, error responses, debug transport and DMI, checked in both timing modes.
void check_functional(Driver& d, const Ddr4Config& cfg, Ddr4Controller& dram) {
  std::uint64_t out = 0x1122334455667788, in = 0;
  sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
  EXPECT_EQ(d.access(tlm::TLM_WRITE_COMMAND, 0x1000, &out, 8, delay), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(d.access(tlm::TLM_READ_COMMAND, 0x1000, &in, 8, delay), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(in, out);
  EXPECT_EQ(d.access(tlm::TLM_READ_COMMAND, cfg.size_bytes - 4, &in, 8, delay),
            tlm::TLM_ADDRESS_ERROR_RESPONSE);

  tlm::tlm_generic_payload gp;  // debug reads see the same data, untimed
  std::uint64_t dbg = 0;
  gp.set_command(tlm::TLM_READ_COMMAND);
  gp.set_address(0x1000);
  gp.set_data_ptr(reinterpret_cast<unsigned char*>(&dbg));
  gp.set_data_length(8);
  EXPECT_EQ(d.socket->transport_dbg(gp), 8u);
  EXPECT_EQ(dbg, out);
  tlm::tlm_dmi dmi;
  EXPECT_FALSE(d.socket->get_direct_mem_ptr(gp, dmi));  // an initiator that times nothing
  // A cache's functional path gets the backing store: it times its own accesses.
  FunctionalDmi marker;
  gp.set_extension(&marker);
  ASSERT_TRUE(d.socket->get_direct_mem_ptr(gp, dmi));
  gp.clear_extension(&marker);
  EXPECT_TRUE(dmi.is_read_write_allowed());
  EXPECT_EQ(dmi.get_end_address(), cfg.size_bytes - 1);
  std::uint64_t direct = 0;
  std::memcpy(&direct, dmi.get_dmi_ptr() + 0x1000, 8);
  EXPECT_EQ(direct, out);
  EXPECT_EQ(dram.stats().reads(), 1u);  // neither debug nor direct accesses are timed reads
}

TEST_F(DramTest, ReadsReturnWhatWasWritten) {
  run_driver([this](Driver& d) { check_functional(d, cfg, *dram); });
  dram->flush();
  EXPECT_EQ(dram->stats().writes(), 1u);
}

TEST_F(DramTest, ReadsReturnWhatWasWrittenInImmediateMode) {
  cfg.sync_to_arrival = false;
  run_driver([this](Driver& d) { check_functional(d, cfg, *dram); });
  dram->flush();
  EXPECT_EQ(dram->stats().writes(), 1u);
}

TEST_F(DramTest, AccessSpanningTwoBurstsWaitsForBoth) {
  // 128 bytes at a burst boundary: two columns of the same row, the second tCCD_L later.
  run_driver([this](Driver& d) {
    std::vector<unsigned char> buf(128);
    sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
    d.access(tlm::TLM_READ_COMMAND, addr(0, 0, 3, 4), buf.data(), 128, delay);
    EXPECT_EQ(sc_core::sc_time_stamp() + delay,
              dram->clock_period() * static_cast<double>(RCD + 8 + CL + BURST));
    EXPECT_EQ(dram->stats().reads(), 2u);
  });
}

TEST_F(DramTest, ImmediateModeChargesTheSameIdleLatencies) {
  cfg.sync_to_arrival = false;
  run_driver([this](Driver& d) {
    std::uint64_t x = 0;
    sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
    d.access(tlm::TLM_READ_COMMAND, addr(0, 0, 1), &x, 8, delay);
    EXPECT_EQ(delay, dram->clock_period() * static_cast<double>(RCD + CL + BURST));
    delay = dram->clock_period() * 200.0;  // local time ahead: a conflict at 200
    d.access(tlm::TLM_READ_COMMAND, addr(0, 0, 2), &x, 8, delay);
    EXPECT_EQ(delay, dram->clock_period() * static_cast<double>(200 + RP + RCD + CL + BURST));
  });
}

TEST_F(DramTest, ObserverSeesEveryCommandOfAConflict) {
  std::vector<DramCommandRecord> cmds;
  dram = std::make_unique<Ddr4Controller>("dram", cfg);
  dram->add_command_observer([&](const DramCommandRecord& c) { cmds.push_back(c); });
  init = std::make_unique<ScriptedInitiator>(
      "init", dram->clock_period(),
      std::vector<ScriptedAccess>{{0, addr(3, 1, 1)}, {200, addr(3, 1, 2)}});
  init->socket.bind(dram->socket);
  sc_core::sc_start();
  ASSERT_EQ(cmds.size(), 5u);
  const DramCommand expect[] = {DramCommand::Act, DramCommand::Rd, DramCommand::Pre,
                                DramCommand::Act, DramCommand::Rd};
  const std::uint64_t at[] = {0, RCD, 200, 200 + RP, 200 + RP + RCD};
  for (std::size_t i = 0; i < cmds.size(); ++i) {
    EXPECT_EQ(cmds[i].cmd, expect[i]) << i;
    EXPECT_EQ(cmds[i].at, Cycles(at[i])) << i;
    EXPECT_EQ(cmds[i].coord.bank_group, BankGroup(3));
  }
}

TEST_F(DramTest, WavesShowTheBanksCommandsAndOpenRowsInDramClocks) {
  const std::string path = ::testing::TempDir() + "memvp_dram_waves_" +
                           ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".vcd";
  dram = std::make_unique<Ddr4Controller>("dram", cfg);
  {
    waves::WaveRecorder rec(path, {});
    dram->attach_waves(rec, "node0.dram");
    init = std::make_unique<ScriptedInitiator>(
        "init", dram->clock_period(),
        std::vector<ScriptedAccess>{{0, addr(3, 1, 1)}, {200, addr(3, 1, 2)}});
    init->socket.bind(dram->socket);
    sc_core::sc_start();
    rec.close(sc_core::sc_time_stamp().value());
  }
  const std::uint64_t t = dram->clock_period().value();
  using Changes = std::vector<std::pair<std::uint64_t, std::uint64_t>>;
  const test::Vcd v = test::read_vcd(path);
  const std::string bank = "node0.dram.ch0.bank13.";  // bank group 3, bank 1: 3 x 4 + 1
  // ACT, RD, then the conflict: PRE, ACT, RD, each for one clock (codes of docs/waves.md).
  EXPECT_EQ(v.signal(bank + "cmd").changes,
            (Changes{{0, 0}, {0, 1}, {t, 0}, {RCD * t, 3}, {(RCD + 1) * t, 0}, {200 * t, 2}, {201 * t, 0},
                     {(200 + RP) * t, 1}, {(201 + RP) * t, 0}, {(200 + RP + RCD) * t, 3}, {(201 + RP + RCD) * t, 0}}));
  EXPECT_EQ(v.signal(bank + "open").changes, (Changes{{0, 0}, {0, 1}, {200 * t, 0}, {(200 + RP) * t, 1}}));
  EXPECT_EQ(v.signal(bank + "row").changes, (Changes{{0, 0}, {0, 1}, {(200 + RP) * t, 2}}));
  EXPECT_EQ(v.signal("node0.dram.ch0.bank0.cmd").changes, (Changes{{0, 0}}));
}

TEST_F(DramTest, BadConfigurationIsAnInputError) {
  cfg.address_mapping = "RoBgBaRaCo";
  EXPECT_THROW(Ddr4Controller("dram", cfg), InputError);
}

}  // namespace
}  // namespace memvp::test
