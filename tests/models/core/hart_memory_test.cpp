// The hart's memory rules beyond translation: misaligned loads and stores performed in two parts
// or trapping (core.misaligned), PMP checks on fetches, loads and stores with their access
// faults (priv spec §3.7), and Sdtrig address triggers raising breakpoints with tval = address.
#include <gtest/gtest.h>

#include "core/csr_numbers.h"
#include "core/triggers.h"
#include "hart_fixture.h"

namespace memvp::test {
namespace {

using namespace rv;

constexpr std::int32_t kHandler = 0x200, kUserCode = 0x300, kData = 0x1800;  // kData: page 1
constexpr std::uint32_t kNapotRwx = 0x1F, kNapotR = 0x19, kLocked = 0x80;

// mtvec = kHandler, whose code copies mcause/mtval/mepc to a0/a1/a2 and exits with 0.
void with_recording_handler(Program& p) { p.la(5, kHandler) << csrrw(0, csrn::mtvec, 5); }
void add_recording_handler(Program& p) {
  p.at(kHandler) << csrr(10, csrn::mcause) << csrr(11, csrn::mtval) << csrr(12, csrn::mepc);
  p.exit(0);
}
// rd = kRamBase + offset for any offset in the 1 MiB RAM (auipc with its upper part, addi).
void la_far(Program& p, std::uint32_t rd, std::int32_t offset) {
  const std::int32_t delta = offset - p.here();
  const std::uint32_t hi = static_cast<std::uint32_t>(delta + 0x800) >> 12;
  p << (hi << 12 | rd << 7 | 0x17) << addi(rd, rd, delta - static_cast<std::int32_t>(hi << 12));
}
// pmpaddr<i> = the NAPOT encoding of the 4 KiB page at kRamBase + page_offset, (base >> 2) |
// 0x1FF (§3.7.1, Table 19); pmp<i>cfg |= cfg (entries 0-7, bytes of pmpcfg0). Clobbers x5, x6.
void napot_page(Program& p, unsigned i, std::int32_t page_offset, std::uint32_t cfg) {
  la_far(p, 5, page_offset);
  p << i_type(0x13, 5, 5, 5, 2) << i_type(0x13, 6, 5, 5, 0x1FF);  // srli 2, ori 0x1FF
  p << csrrw(0, csrn::pmpaddr0 + i, 5) << li(6, static_cast<std::int32_t>(cfg)) << i_type(0x13, 1, 6, 6, 8 * i)
    << csrrs(0, csrn::pmpcfg0, 6);
}
// Entry 15 over all memory with R/W/X, the way the kernel and crt0 open memory to S and U.
void open_all(Program& p) {
  p << li(5, -1) << csrrw(0, csrn::pmpaddr0 + 15, 5) << li(5, kNapotRwx) << i_type(0x13, 1, 5, 5, 56)
    << csrrs(0, csrn::pmpcfg0 + 2, 5);
}
void enter_user(Program& p) {
  p.la(5, kUserCode) << csrrw(0, csrn::mepc, 5);
  p << lui(6, 0x2) << addi(6, 6, -0x800) << csrrc(0, csrn::mstatus, 6);  // MPP = U
  p << mret();
}

class HartMemoryTest : public HartFixture {};

HartConfig trapping_misaligned() {
  HartConfig c;
  c.misaligned = MisalignedAccess::Trap;
  return c;
}

class HartTrapMisalignedTest : public HartFixture {
 protected:
  HartTrapMisalignedTest() : HartFixture(trapping_misaligned()) {}
};

TEST_F(HartTrapMisalignedTest, MisalignedLoadTrapsWithTheAddress) {
  Program p;
  with_recording_handler(p);
  p.la(6, 0x401) << lw(7, 6, 0);
  add_recording_handler(p);
  run(p);
  EXPECT_EQ(x(10), 4u);
  EXPECT_EQ(x(11), kRamBase + 0x401);
}

TEST_F(HartMemoryTest, MisalignedLoadsAndStoresArePerformed) {
  Program p;
  la_far(p, 6, kData + 5);
  p << lui(7, 0x12345) << addi(7, 7, 0x678) << sw(7, 6, 0) << lw(8, 6, 0) << ld(9, 6, -2);
  p.exit(0);
  EXPECT_EQ(run(p).reason, EndReason::GuestExit);
  EXPECT_EQ(x(8), 0x12345678u);
  EXPECT_EQ(x(9), 0x12345678ULL << 16);  // bytes 3..10: two zero bytes, the word, two zero bytes
}

// A misaligned access that crosses an 8-byte boundary is two memory accesses, each charged the
// memory's latency; one inside an aligned doubleword is one.
class HartSlowMemoryTest : public HartFixture {
 protected:
  HartSlowMemoryTest() : HartFixture(HartConfig{}, 10) {}
};

TEST_F(HartSlowMemoryTest, ACrossingMisalignedLoadCostsTwoAccesses) {
  Program p;
  la_far(p, 6, kData);
  p << lw(7, 6, 2);  // inside the doubleword: one access
  p.exit(0);
  run(p);
  const std::uint64_t inside = hart_.stats().stall_cycles[static_cast<int>(StallReason::Load)];
  EXPECT_EQ(inside, 10u);
  EXPECT_EQ(hart_.stats().loads, 1u);
}

TEST_F(HartSlowMemoryTest, ALoadAcrossADoublewordIsTwoAccesses) {
  Program p;
  la_far(p, 6, kData);
  p << lw(7, 6, 6);
  p.exit(0);
  run(p);
  EXPECT_EQ(hart_.stats().stall_cycles[static_cast<int>(StallReason::Load)], 20u);
  EXPECT_EQ(hart_.stats().loads, 2u);
}

TEST_F(HartMemoryTest, UserModeWithoutAMatchingEntryFaultsOnFetch) {
  Program p;
  with_recording_handler(p);
  enter_user(p);  // no PMP entry is set
  add_recording_handler(p);
  p.at(kUserCode) << nop();
  run(p);
  EXPECT_EQ(x(10), 1u);  // instruction access fault
  EXPECT_EQ(x(11), kRamBase + kUserCode);
}

TEST_F(HartMemoryTest, ReadOnlyEntryMakesUserStoresFault) {
  Program p;
  with_recording_handler(p);
  napot_page(p, 0, kData & ~0xFFF, kNapotR);
  open_all(p);
  enter_user(p);
  add_recording_handler(p);
  p.at(kUserCode);
  la_far(p, 6, kData);
  p << ld(7, 6, 8) << sd(7, 6, 16);
  run(p);
  EXPECT_EQ(x(10), 7u);  // store access fault
  EXPECT_EQ(x(11), kRamBase + kData + 16);
}

TEST_F(HartMemoryTest, MachineModeIgnoresUnlockedEntriesButNotLockedOnes) {
  Program p;
  with_recording_handler(p);
  napot_page(p, 0, kData & ~0xFFF, kNapotR);
  la_far(p, 9, kData);
  p << sd(0, 9, 0);  // unlocked: M-mode may write
  napot_page(p, 1, kData & ~0xFFF, kNapotR | kLocked);
  p << sd(0, 9, 8);  // entry 0 still decides: unlocked, so allowed
  p << li(5, 0xFF) << csrrc(0, csrn::pmpcfg0, 5);  // entry 0 OFF: the locked entry 1 decides
  p << sd(0, 9, 24);
  add_recording_handler(p);
  run(p);
  EXPECT_EQ(x(10), 7u);
  EXPECT_EQ(x(11), kRamBase + kData + 24);
}

TEST_F(HartMemoryTest, ExecuteTriggerRaisesABreakpointWithThePc) {
  Program p;
  with_recording_handler(p);
  p << li(5, 8) << csrrs(0, csrn::mstatus, 5);  // MIE = 1 (mie = 0: no interrupt), so M triggers fire
  p.la(5, 0x100) << csrrw(0, csrn::tdata2, 5);
  p << li(5, 6) << i_type(0x13, 1, 5, 5, 60) << addi(5, 5, (1 << 6) | (1 << 2))  // mcontrol6, m, execute
    << csrrw(0, csrn::tdata1, 5);
  p.at(0x100) << nop();
  p.exit(3);
  add_recording_handler(p);
  run(p);
  EXPECT_EQ(x(10), 3u);
  EXPECT_EQ(x(11), kRamBase + 0x100);
  EXPECT_EQ(x(12), kRamBase + 0x100);
}

TEST_F(HartMemoryTest, StoreTriggerMatchesAnyByteOfTheAccess) {
  Program p;
  with_recording_handler(p);
  p << li(5, 8) << csrrs(0, csrn::mstatus, 5);
  la_far(p, 5, kData + 4);
  p << csrrw(0, csrn::tdata2, 5);
  p << li(5, 6) << i_type(0x13, 1, 5, 5, 60) << addi(5, 5, (1 << 6) | (1 << 1))  // mcontrol6, m, store
    << csrrw(0, csrn::tdata1, 5);
  la_far(p, 6, kData);
  p << ld(7, 6, 0) << sd(7, 6, 0);  // the load does not match a store trigger
  p.exit(3);
  add_recording_handler(p);
  run(p);
  EXPECT_EQ(x(10), 3u);
  EXPECT_EQ(x(11), kRamBase + kData);
}

}  // namespace
}  // namespace memvp::test
