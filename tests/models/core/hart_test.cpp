// Hart behaviour on small programs: cycle-exact timing rules, traps with the causes and tval the
// privileged spec requires, delegation, interrupts, WFI, CSR access rules, counters, and how a
// run ends (finisher, cycle limit, trap loop).
#include <gtest/gtest.h>

#include <tlm_utils/simple_target_socket.h>

#include <cstring>

#include "core/csr_numbers.h"
#include "hart_fixture.h"

namespace memvp::test {
namespace {

using namespace rv;

constexpr std::int32_t kHandler = 0x200, kUserCode = 0x300;

// A trap handler at kHandler that copies mcause/mtval/mepc to a0/a1/a2 and exits with 0.
void add_recording_handler(Program& p) {
  p.at(kHandler) << csrr(10, csrn::mcause) << csrr(11, csrn::mtval) << csrr(12, csrn::mepc);
  p.exit(0);
}

// Drops to U-mode at kUserCode: PMP entry 0 over all memory (S and U have no access without a
// matching entry, priv spec §3.7.1), MPP = 0, mepc = kUserCode, mret.
void enter_user(Program& p) {
  p << li(5, -1) << csrrw(0, csrn::pmpaddr0, 5) << li(5, 0x1F) << csrrw(0, csrn::pmpcfg0, 5);
  p.la(5, kUserCode) << csrrw(0, csrn::mepc, 5);
  p << lui(6, 0x2) << addi(6, 6, -0x800) << csrrc(0, csrn::mstatus, 6);  // clear MPP (bits 12:11)
  p << mret();
}

class HartTest : public HartFixture {};

TEST_F(HartTest, StraightLineCodeRetiresOneInstructionPerCycle) {
  Program p;
  for (int i = 1; i <= 10; ++i) p << addi(5, 5, i);
  p.exit(0);
  const RunEnd end = run(p);
  EXPECT_EQ(end.reason, EndReason::GuestExit);
  EXPECT_EQ(end.exit_code, 0);
  EXPECT_EQ(x(5), 55u);
  const HartStats& s = hart_.stats();
  EXPECT_EQ(s.instret, 14u);  // 10 + the 4-instruction exit sequence
  EXPECT_EQ(s.cycles, 14u);   // ideal memory, no dependencies on loads or multiplies
}

TEST_F(HartTest, FailingExitCodeComesFromTheFinisher) {
  Program p;
  p.exit(7);
  EXPECT_EQ(run(p).exit_code, 7);
}

TEST_F(HartTest, LoadUseCostsThePenalty) {
  Program p;
  p.la(5, 0x400) << ld(6, 5, 0) << add(7, 6, 6);  // dependent on the load
  p.exit(0);
  run(p);
  const HartStats& s = hart_.stats();
  EXPECT_EQ(s.cycles, s.instret + HartConfig{}.load_use_penalty);
  EXPECT_EQ(s.stall_cycles[static_cast<int>(StallReason::LoadUse)], HartConfig{}.load_use_penalty);
}

TEST_F(HartTest, MultiplyResultLatencyAndBlockingDivide) {
  Program p;
  p << li(5, 6) << li(6, 7) << mul(7, 5, 6) << add(8, 7, 7) << div(9, 8, 5) << add(10, 9, 0);
  p.exit(0);
  run(p);
  EXPECT_EQ(x(8), 84u);
  EXPECT_EQ(x(9), 14u);
  const HartConfig cfg;
  const HartStats& s = hart_.stats();
  EXPECT_EQ(s.stall_cycles[static_cast<int>(StallReason::MulDiv)], (cfg.mul_latency - 1) + (cfg.div_latency - 1));
  EXPECT_EQ(s.cycles, s.instret + (cfg.mul_latency - 1) + (cfg.div_latency - 1));
}

// F/D encodings (unprivileged spec §21-22): funct7 = funct5 << 2 | fmt (1 = D), rm 7 = dynamic.
constexpr u32 fmv_d_x(u32 rd, u32 rs1) { return r_type(0x53, 0, 0x79, rd, rs1, 0); }
constexpr u32 fmv_x_d(u32 rd, u32 rs1) { return r_type(0x53, 0, 0x71, rd, rs1, 0); }
constexpr u32 fadd_d(u32 rd, u32 rs1, u32 rs2) { return r_type(0x53, 7, 0x01, rd, rs1, rs2); }
constexpr u32 fdiv_d(u32 rd, u32 rs1, u32 rs2) { return r_type(0x53, 7, 0x0D, rd, rs1, rs2); }

// The scoreboard keeps f registers apart from x registers: f1 being in flight does not delay a
// reader of x1; FP results are ready fp_latency cycles after issue; FDIV blocks.
TEST_F(HartTest, FloatingPointLatenciesUseTheirOwnScoreboard) {
  Program p;
  p << lui(6, 0x2) << csrrs(0, csrn::mstatus, 6) << li(5, 1);  // mstatus.FS = Initial
  p << fmv_d_x(1, 5) << add(8, 1, 1) << fadd_d(2, 1, 1) << fmv_x_d(7, 2) << fdiv_d(3, 1, 1);
  p.exit(0);
  run(p);
  EXPECT_EQ(x(7), 2u);  // smallest subnormal doubled
  const HartConfig cfg;
  const HartStats& s = hart_.stats();
  const std::uint64_t fp_stalls = (cfg.fp_latency - 2) + (cfg.fp_latency - 1) + (cfg.fp_div_latency - 1);
  EXPECT_EQ(s.stall_cycles[static_cast<int>(StallReason::MulDiv)], fp_stalls);
  EXPECT_EQ(s.cycles, s.instret + fp_stalls);
}

// With mstatus.FS = Off (its reset value) every F/D instruction is illegal (priv spec §3.1.6.6).
TEST_F(HartTest, FloatingPointWithFsOffIsIllegal) {
  Program p;
  p.la(5, kHandler) << csrrw(0, csrn::mtvec, 5) << fadd_d(1, 1, 1);
  add_recording_handler(p);
  run(p);
  EXPECT_EQ(x(10), 2u);  // illegal instruction
  EXPECT_EQ(x(11), fadd_d(1, 1, 1));
}

TEST_F(HartTest, IllegalInstructionReportsItsEncodingInMtval) {
  Program p;
  p.la(5, kHandler) << csrrw(0, csrn::mtvec, 5) << 0xFFFFFFFFu;
  add_recording_handler(p);
  run(p);
  EXPECT_EQ(x(10), 2u);                 // illegal instruction
  EXPECT_EQ(x(11), 0xFFFFFFFFu);        // tval = the instruction bits (priv spec §3.1.16)
  EXPECT_EQ(x(12), kRamBase + 12);      // mepc = the faulting instruction
}

TEST_F(HartTest, WritingAReadOnlyCsrIsIllegal) {
  Program p;
  p.la(5, kHandler) << csrrw(0, csrn::mtvec, 5) << csrrw(0, csrn::mhartid, 5);
  add_recording_handler(p);
  run(p);
  EXPECT_EQ(x(10), 2u);
  EXPECT_EQ(x(11), csrrw(0, csrn::mhartid, 5));
}

TEST_F(HartTest, EcallFromUserModeIsCause8) {
  Program p;
  p.la(5, kHandler) << csrrw(0, csrn::mtvec, 5);
  enter_user(p);
  add_recording_handler(p);
  p.at(kUserCode) << ecall();
  run(p);
  EXPECT_EQ(x(10), 8u);
  EXPECT_EQ(x(12), kRamBase + kUserCode);
}

TEST_F(HartTest, DelegatedEcallGoesToSupervisorMode) {
  Program p;
  p.la(5, kHandler) << csrrw(0, csrn::mtvec, 5);
  p.la(5, 0x280) << csrrw(0, csrn::stvec, 5);
  p << li(5, 1 << 8) << csrrw(0, csrn::medeleg, 5);  // delegate ECALL from U
  enter_user(p);
  add_recording_handler(p);
  p.at(0x280) << csrr(13, csrn::scause);
  p.exit(0);
  p.at(kUserCode) << ecall();
  run(p);
  EXPECT_EQ(x(13), 8u);  // taken in S-mode
  EXPECT_EQ(x(10), 0u);  // the M-mode handler never ran
}

TEST_F(HartTest, UserCounterReadNeedsMcounteren) {
  Program p;
  p.la(5, kHandler) << csrrw(0, csrn::mtvec, 5);
  enter_user(p);
  add_recording_handler(p);
  p.at(kUserCode) << csrr(7, csrn::cycle);
  run(p);
  EXPECT_EQ(x(10), 2u);
}

TEST_F(HartTest, MinstretCountsRetiredInstructionsExactly) {
  Program p;
  p << csrr(5, csrn::minstret) << nop() << nop() << nop() << nop() << nop() << csrr(6, csrn::minstret);
  p.exit(0);
  run(p);
  EXPECT_EQ(x(6) - x(5), 6u);
}

TEST_F(HartTest, TimerInterruptIsTakenWithItsCause) {
  Program p;
  p.la(5, kHandler) << csrrw(0, csrn::mtvec, 5);
  p << li(5, 1 << 7) << csrrs(0, csrn::mie, 5) << csrrwi(0, csrn::mstatus, 8);  // MTIE, then MIE
  p << jal(0, 0);  // spin until the interrupt
  add_recording_handler(p);
  sc_core::sc_spawn([this] {
    sc_core::wait(sc_core::sc_time(20, sc_core::SC_US));
    mtip_.write(true);
  });
  const RunEnd end = run(p);
  EXPECT_EQ(end.reason, EndReason::GuestExit);
  EXPECT_EQ(x(10), (1ULL << 63) | 7);
  EXPECT_GE(hart_.stats().cycles, 20'000u);
  EXPECT_EQ(hart_.stats().interrupts[7], 1u);
}

TEST_F(HartTest, WfiSleepsUntilAnInterruptIsPending) {
  Program p;
  p << li(5, 1 << 7) << csrrs(0, csrn::mie, 5) << wfi();  // MTIE set, MIE clear: WFI resumes, no trap
  p.exit(0);
  sc_core::sc_spawn([this] {
    sc_core::wait(sc_core::sc_time(50, sc_core::SC_US));
    mtip_.write(true);
  });
  const RunEnd end = run(p);
  EXPECT_EQ(end.reason, EndReason::GuestExit);
  EXPECT_GE(hart_.stats().cycles, 50'000u);
  EXPECT_GT(hart_.stats().wfi_cycles, 49'000u);
}

// §3.1.9: mip reads SEIP as the software bit OR the external line, but a CSRRS/CSRRC of mip
// (as M-mode code setting STIP does) must not latch the line into the software bit, or SEIP
// would stay pending after the interrupt controller lowered it.
TEST_F(HartTest, ReadModifyWriteOfMipDoesNotLatchTheExternalSeipLine) {
  Program p;
  p << li(5, 1 << 9) << csrrs(0, csrn::mie, 5) << wfi();  // SEIE, MIE clear: resumes on the line
  p << li(6, 1 << 5) << csrrs(0, csrn::mip, 6);           // set STIP while SEIP's line is high
  p << li(5, 1 << 7) << csrrw(0, csrn::mie, 5) << wfi();  // MTIE only: wait past the line's fall
  p << csrr(10, csrn::mip);
  p.exit(0);
  sc_core::sc_spawn([this] {
    sc_core::wait(sc_core::sc_time(10, sc_core::SC_US));
    seip_.write(true);
    sc_core::wait(sc_core::sc_time(40, sc_core::SC_US));
    seip_.write(false);
    sc_core::wait(sc_core::sc_time(50, sc_core::SC_US));
    mtip_.write(true);
  });
  const RunEnd end = run(p);
  EXPECT_EQ(end.reason, EndReason::GuestExit);
  EXPECT_EQ(x(10) & (1ULL << 9), 0u) << "SEIP latched by the csrrs";
  EXPECT_NE(x(10) & (1ULL << 5), 0u);  // STIP, set by software, stays
}

TEST_F(HartTest, CycleLimitStopsARunawayGuest) {
  Program p;
  p << jal(0, 0);
  const RunEnd end = run(p, 5000);
  EXPECT_EQ(end.reason, EndReason::MaxCycles);
  EXPECT_EQ(end.exit_code, 3);
  EXPECT_EQ(hart_.stats().cycles, 5000u);
}

TEST_F(HartTest, TrapWithNoHandlerIsReportedAsAGuestCrash) {
  Program p;
  p << nop() << 0u;  // 0x0000 is an illegal (reserved) compressed instruction; mtvec = 0
  const RunEnd end = run(p);
  EXPECT_EQ(end.reason, EndReason::GuestCrash);
  EXPECT_EQ(end.exit_code, 4);
  EXPECT_NE(end.message.find("illegal instruction at pc 0x80000004"), std::string::npos) << end.message;
  EXPECT_NE(end.message.find("hart 0"), std::string::npos);
}

}  // namespace
}  // namespace memvp::test

namespace memvp::test {
namespace {

// A memory that grants no DMI and costs 10 cycles per access: every fetch goes through the
// hart's fetch buffer, which asks for a whole 64-byte line once.
class HartNoDmiTest : public HartFixture {
 protected:
  HartNoDmiTest() : HartFixture(HartConfig{}, 10, false) {}
};

TEST_F(HartNoDmiTest, FetchesOneLinePerSixteenInstructions) {
  Program p;
  for (int i = 0; i < 16 - 4; ++i) p << rv::nop();
  p.exit(0);  // 4 instructions: the 16 fill exactly one 64-byte line
  const RunEnd end = run(p);
  EXPECT_EQ(end.reason, EndReason::GuestExit);
  const HartStats& s = hart_.stats();
  EXPECT_EQ(s.instret, 16u);
  EXPECT_EQ(s.stall_cycles[static_cast<int>(StallReason::Fetch)], 10u);  // one line fetch
  EXPECT_EQ(s.cycles, 16u + 10u);  // the finisher store goes to a device with no latency
}

// The fetch line follows the L1 I-cache line (HartConfig::fetch_line_bytes): with 32-byte
// lines the same 16 instructions take two line fetches.
class HartNoDmi32ByteLineTest : public HartFixture {
 protected:
  HartNoDmi32ByteLineTest() : HartFixture(HartConfig{.fetch_line_bytes = 32}, 10, false) {}
};

TEST_F(HartNoDmi32ByteLineTest, FetchesOneLinePerEightInstructions) {
  Program p;
  for (int i = 0; i < 16 - 4; ++i) p << rv::nop();
  p.exit(0);
  EXPECT_EQ(run(p).reason, EndReason::GuestExit);
  const HartStats& s = hart_.stats();
  EXPECT_EQ(s.instret, 16u);
  EXPECT_EQ(s.stall_cycles[static_cast<int>(StallReason::Fetch)], 20u);  // two line fetches
  EXPECT_EQ(mem_.accesses(), 2u);
}

TEST_F(HartNoDmiTest, FenceIMakesAStoredInstructionVisible) {
  // Overwrite the instruction at `patch` with "addi x7, x0, 42", FENCE.I, then run it.
  Program p;
  const std::int32_t patch = 0x100;
  const std::uint32_t insn = rv::li(7, 42);
  p.la(5, patch) << rv::lui(6, (insn + 0x800) >> 12)
                 << rv::addi(6, 6, static_cast<std::int32_t>(insn << 20) >> 20) << rv::sw(6, 5, 0)
                 << 0x0000100Fu;  // fence.i
  const std::int32_t jump_at = p.here();
  p << rv::jal(0, patch - jump_at);
  p.at(patch) << rv::li(7, 1);
  p.exit(0);
  run(p);
  EXPECT_EQ(x(7), 42u);
}

}  // namespace
}  // namespace memvp::test

namespace memvp::test {
namespace {

// RAM that behaves as a target in a synchronised mode (the DDR4 controller with sync_to_arrival):
// b_transport first waits until the access's arrival time, then returns delay = its 10 ns
// latency from that moment. No DMI, so fetches and loads all come here.
class WaitingRam : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<WaitingRam> socket;
  std::vector<std::uint8_t> mem = std::vector<std::uint8_t>(1 << 20, 0);
  unsigned waits = 0;  // calls that moved SystemC time

  explicit WaitingRam(sc_core::sc_module_name name) : sc_module(name), socket("socket") {
    socket.register_b_transport(this, &WaitingRam::b_transport);
    socket.register_transport_dbg(this, &WaitingRam::transport_dbg);
  }

 private:
  void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
    if (delay != sc_core::SC_ZERO_TIME) ++waits;
    sc_core::wait(delay);
    delay = sc_core::sc_time(10, sc_core::SC_NS);
    transport_dbg(gp);
  }
  unsigned transport_dbg(tlm::tlm_generic_payload& gp) {
    std::uint8_t* m = mem.data() + gp.get_address();
    if (gp.is_write()) std::memcpy(m, gp.get_data_ptr(), gp.get_data_length());
    if (gp.is_read()) std::memcpy(gp.get_data_ptr(), m, gp.get_data_length());
    gp.set_response_status(tlm::TLM_OK_RESPONSE);
    return gp.get_data_length();
  }
};

class HartWaitingTargetTest : public SystemCTest {
 protected:
  HartWaitingTargetTest() : bus_("bus", BusConfig{}), ram_("ram"), finisher_("finisher", TestFinisherConfig{}, run_),
                            hart_("hart", HartConfig{}, run_) {
    wire_test_machine(hart_, bus_, ram_, finisher_, mtip_, msip_, meip_, seip_);
  }

  RunControl run_;
  Bus bus_;
  WaitingRam ram_;
  TestFinisher finisher_;
  Hart hart_;
  sc_core::sc_signal<bool> mtip_{"mtip_sig"}, msip_{"msip_sig"}, meip_{"meip_sig"}, seip_{"seip_sig"};
};

// After a call in which the target waited, the hart's time is SystemC time + the returned delay
// (TLM-2.0 LT): the same cycles as a 10-cycle memory that never waits (HartNoDmiTest), and
// mcycle agrees with SystemC time at the end.
TEST_F(HartWaitingTargetTest, RebasesItsTimeAfterATargetWaits) {
  Program p;
  p.la(5, 0x100) << rv::ld(6, 5, 0) << rv::addi(7, 6, 1);  // the load's data: another line
  for (int i = 0; i < 16 - 4 - 4; ++i) p << rv::nop();
  p.exit(0);  // 16 instructions: one 64-byte line
  const std::uint64_t value = 41;
  std::memcpy(ram_.mem.data() + 0x100, &value, sizeof value);
  std::memcpy(ram_.mem.data(), p.words.data(), p.words.size() * 4);
  hart_.reset(kRamBase, 0);
  hart_.set_max_cycles(1'000'000);
  sc_core::sc_start();
  ASSERT_EQ(run_.result().value_or(RunEnd{EndReason::Deadlock, -1, "no end"}).reason, EndReason::GuestExit);
  EXPECT_EQ(hart_.reg(7), 42u);
  const HartStats& s = hart_.stats();
  EXPECT_EQ(s.instret, 16u);
  EXPECT_EQ(s.stall_cycles[static_cast<int>(StallReason::Fetch)], 10u);  // one line fetch
  EXPECT_EQ(s.stall_cycles[static_cast<int>(StallReason::Load)], 10u);
  EXPECT_EQ(s.cycles, 16u + 10u + 10u + 1u);  // + the load-use penalty
  EXPECT_EQ(ram_.waits, 1u);  // the load, issued 12 cycles ahead of SystemC time
}

}  // namespace
}  // namespace memvp::test
