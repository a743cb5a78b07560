// SiFive test finisher: each command value ends the run with its status (QEMU sifive_test.c);
// anything else leaves the run going.
#include "devices/test_finisher.h"

#include "sc_test.h"

namespace memvp {
namespace {

using test::Done;
using test::ScriptedInitiator;

class FinisherTest : public test::SystemCTest {
 protected:
  FinisherTest() { init_.socket.bind(finisher_.socket); }
  void run(std::function<void(ScriptedInitiator&)> script) {
    init_.script = std::move(script);
    sc_core::sc_start(sc_core::sc_time(1, sc_core::SC_MS));
  }
  RunControl run_control_;
  TestFinisher finisher_{"finisher", TestFinisherConfig{}, run_control_};
  ScriptedInitiator init_{"init"};
};

TEST_F(FinisherTest, PassEndsWithStatusZero) {
  run([](ScriptedInitiator& i) {
    sc_core::wait(sc_core::sc_time(7, sc_core::SC_US));
    i.write(0, 4, TestFinisher::kPass);
  });
  ASSERT_TRUE(run_control_.ended());
  EXPECT_EQ(run_control_.result()->reason, EndReason::GuestExit);
  EXPECT_EQ(run_control_.result()->exit_code, 0);
  EXPECT_EQ(run_control_.result()->message, "");
  EXPECT_EQ(sc_core::sc_time_stamp(), sc_core::sc_time(7, sc_core::SC_US));
}

TEST_F(FinisherTest, FailEndsWithTheCodeInTheUpperHalf) {
  run([](ScriptedInitiator& i) { i.write(0, 4, (42u << 16) | TestFinisher::kFail); });
  ASSERT_TRUE(run_control_.ended());
  EXPECT_EQ(run_control_.result()->exit_code, 42);
  EXPECT_NE(run_control_.result()->message.find("code 42"), std::string::npos);
}

TEST_F(FinisherTest, ResetEndsWithStatusZeroAndANote) {
  run([](ScriptedInitiator& i) { i.write(0, 4, TestFinisher::kReset); });
  ASSERT_TRUE(run_control_.ended());
  EXPECT_EQ(run_control_.result()->exit_code, 0);
  EXPECT_NE(run_control_.result()->message.find("reset"), std::string::npos);
}

TEST_F(FinisherTest, OtherValuesReadsAndOffsetsDoNotEndTheRun) {
  Done read{}, byte{};
  run([&](ScriptedInitiator& i) {
    i.write(0, 4, 0x1234);
    i.write(4, 4, TestFinisher::kPass);
    read = i.read(0, 4);
    byte = i.write(0, 1, 0x55);
  });
  EXPECT_FALSE(run_control_.ended());
  EXPECT_EQ(read.status, tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(read.value, 0u);
  EXPECT_EQ(byte.status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
}

}  // namespace
}  // namespace memvp
