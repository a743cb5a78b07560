// HTIF tohost/fromhost: exit and console commands as riscv-tests and Spike's fesvr use them, and
// memory behaviour for every other access to the window.
#include "devices/htif.h"

#include <sstream>

#include "sc_test.h"

namespace memvp {
namespace {

using test::Done;
using test::ScriptedInitiator;

TEST(HtifWindow, CoversBothSymbolsWhateverTheirOrder) {
  const HtifConfig a = htif_window(PhysAddr(0x80001000), PhysAddr(0x80001040));  // riscv-tests: .align 6 apart
  EXPECT_EQ(a.base, PhysAddr(0x80001000));
  EXPECT_EQ(a.size, 0x48u);
  EXPECT_EQ(a.tohost_offset, 0u);
  EXPECT_EQ(a.fromhost_offset, 0x40u);
  const HtifConfig b = htif_window(PhysAddr(0x80002008), PhysAddr(0x80002000));
  EXPECT_EQ(b.base, PhysAddr(0x80002000));
  EXPECT_EQ(b.size, 16u);
  EXPECT_EQ(b.tohost_offset, 8u);
  const HtifConfig c = htif_window(PhysAddr(0x80003000), std::nullopt);
  EXPECT_EQ(c.size, 8u);
  EXPECT_FALSE(c.fromhost_offset.has_value());
}

class HtifTest : public test::SystemCTest {
 protected:
  HtifTest() { init_.socket.bind(htif_.socket); }
  void run(std::function<void(ScriptedInitiator&)> script) {
    init_.script = std::move(script);
    sc_core::sc_start(sc_core::sc_time(1, sc_core::SC_MS));
  }
  std::ostringstream out_;
  RunControl run_control_;
  Htif htif_{"htif", htif_window(PhysAddr(0x1000), PhysAddr(0x1040)), out_, run_control_};
  ScriptedInitiator init_{"init"};
};

TEST_F(HtifTest, ExitWithStatusZeroPasses) {
  run([](ScriptedInitiator& i) { i.write(0, 8, 1); });
  ASSERT_TRUE(run_control_.ended());
  EXPECT_EQ(run_control_.result()->reason, EndReason::GuestExit);
  EXPECT_EQ(run_control_.result()->exit_code, 0);
  EXPECT_EQ(run_control_.result()->message, "");
}

TEST_F(HtifTest, RiscvTestsFailureAsTwoWordStoresGivesTheTestNumber) {
  run([](ScriptedInitiator& i) {
    i.write(0, 4, (5 << 1) | 1);  // sw TESTNUM, tohost
    i.write(4, 4, 0);             // sw zero, tohost + 4
  });
  ASSERT_TRUE(run_control_.ended());
  EXPECT_EQ(run_control_.result()->exit_code, 5);
  EXPECT_NE(run_control_.result()->message.find("status 5"), std::string::npos);
}

TEST_F(HtifTest, LargeStatusesStillFail) {
  run([](ScriptedInitiator& i) { i.write(0, 8, (256u << 1) | 1); });
  ASSERT_TRUE(run_control_.ended());
  EXPECT_EQ(run_control_.result()->exit_code, 255);  // not 256 % 256 = 0, which would pass
}

TEST_F(HtifTest, ConsolePutcharPrintsClearsTohostAndAnswersInFromhost) {
  Done tohost{}, fromhost{};
  run([&](ScriptedInitiator& i) {
    const std::uint64_t putchar = (1ULL << 56) | (1ULL << 48);
    i.write(0, 8, putchar | 'o');
    i.write(0, 8, putchar | 'k');
    tohost = i.read(0, 8);
    fromhost = i.read(0x40, 8);
  });
  EXPECT_FALSE(run_control_.ended());
  EXPECT_EQ(out_.str(), "ok");
  EXPECT_EQ(tohost.value, 0u);
  EXPECT_EQ(fromhost.value, (1ULL << 56) | (1ULL << 48) | 0x100 | 'k');
  EXPECT_EQ(htif_.fromhost(), fromhost.value);
}

TEST_F(HtifTest, BehavesAsMemoryOutsideTohostAndForDebugAccesses) {
  Done other{}, cleared{}, loaded{};
  run([&](ScriptedInitiator& i) {
    i.write(0x10, 8, 0xDEADBEEFCAFEF00D);
    other = i.read(0x10, 8);
    i.write(0x40, 8, 0);  // the guest acknowledges fromhost
    cleared = i.read(0x40, 8);
    std::uint8_t bytes[8] = {3, 0, 0, 0, 0, 0, 0, 0};  // an exit command, but from the loader
    EXPECT_EQ(i.debug(tlm::TLM_WRITE_COMMAND, 0, bytes, 8), 8u);
    loaded = i.read(0, 8);
  });
  EXPECT_FALSE(run_control_.ended());
  EXPECT_EQ(other.value, 0xDEADBEEFCAFEF00Du);
  EXPECT_EQ(cleared.value, 0u);
  EXPECT_EQ(loaded.value, 3u);
}

TEST_F(HtifTest, UnsupportedCommandsEndTheRunAsACrash) {
  Done past{};
  run([&](ScriptedInitiator& i) {
    past = i.read(0x48, 8);
    i.write(0, 8, 0x80000000);  // device 0, bit 0 clear: syscall proxy
  });
  EXPECT_EQ(past.status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
  ASSERT_TRUE(run_control_.ended());
  EXPECT_EQ(run_control_.result()->reason, EndReason::GuestCrash);
  EXPECT_NE(run_control_.result()->message.find("0x0000000080000000"), std::string::npos);
}

}  // namespace
}  // namespace memvp
