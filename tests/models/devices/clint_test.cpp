// CLINT: mtime as a function of SystemC time, register access widths, and the exact time of
// the mtip rise (FU540-C000 manual §9) including re-arming on mtimecmp writes.
#include "devices/clint.h"

#include "sc_test.h"

namespace memvp {
namespace {

using sc_core::SC_NS;
using sc_core::SC_US;
using sc_core::sc_time;
using test::Done;
using test::ScriptedInitiator;

constexpr std::uint64_t kTimebase = 10'000'000;  // 100 ns per tick

TEST(MtimeAt, FloorsSystemCTimeToTimebaseTicks) {
  EXPECT_EQ(mtime_at(sc_time(0, SC_NS), kTimebase), 0u);
  EXPECT_EQ(mtime_at(sc_time(99, SC_NS), kTimebase), 0u);
  EXPECT_EQ(mtime_at(sc_time(100, SC_NS), kTimebase), 1u);
  EXPECT_EQ(mtime_at(sc_time(1, sc_core::SC_SEC), kTimebase), kTimebase);
  EXPECT_EQ(mtime_at(sc_time(1, sc_core::SC_NS), 1'000'000'000), 1u);
  EXPECT_EQ(mtime_at(sc_time(1001, sc_core::SC_PS), 3), 0u);
}

TEST(MtimeAt, TimeOfMtimeIsTheEarliestTimeReachingTheValue) {
  sc_time t;
  ASSERT_TRUE(time_of_mtime(50, kTimebase, t));
  EXPECT_EQ(t, sc_time(5, SC_US));
  ASSERT_TRUE(time_of_mtime(1, 3, t));  // 1/3 s is not a whole number of picoseconds: round up
  EXPECT_EQ(mtime_at(t, 3), 1u);
  EXPECT_EQ(mtime_at(t - sc_time(1, sc_core::SC_PS), 3), 0u);
  EXPECT_FALSE(time_of_mtime(~0ULL, kTimebase, t));
}

class ClintTest : public test::SystemCTest {
 protected:
  explicit ClintTest(unsigned harts = 2) : cfg_{.harts = harts}, clint_("clint", cfg_) {
    init_.socket.bind(clint_.socket);
    for (unsigned h = 0; h < harts; ++h) {
      mtip_.emplace_back(std::make_unique<sc_core::sc_signal<bool>>());
      msip_.emplace_back(std::make_unique<sc_core::sc_signal<bool>>());
      clint_.mtip[h].bind(*mtip_[h]);
      clint_.msip[h].bind(*msip_[h]);
    }
    rec_.in.bind(*mtip_[0]);
  }
  void run(std::function<void(ScriptedInitiator&)> script, sc_time until = sc_time(1, sc_core::SC_MS)) {
    init_.script = std::move(script);
    sc_core::sc_start(until);
  }

  ClintConfig cfg_;
  Clint clint_;
  ScriptedInitiator init_{"init"};
  test::EdgeRecorder rec_{"rec"};
  std::vector<std::unique_ptr<sc_core::sc_signal<bool>>> mtip_, msip_;
};

TEST_F(ClintTest, MtimeReadsFollowSystemCTimeIncludingAnnotatedDelay) {
  Done d64{}, lo{}, hi{}, annotated{};
  run([&](ScriptedInitiator& i) {
    sc_core::wait(sc_time(1, SC_US));
    d64 = i.read(Clint::kMtimeOffset, 8);
    lo = i.read(Clint::kMtimeOffset, 4);
    hi = i.read(Clint::kMtimeOffset + 4, 4);
    annotated = i.access(tlm::TLM_READ_COMMAND, Clint::kMtimeOffset, 8, 0, sc_time(2, SC_US));
  });
  EXPECT_EQ(d64.status, tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(d64.value, 10u);
  EXPECT_EQ(lo.value, 10u);
  EXPECT_EQ(hi.value, 0u);
  EXPECT_EQ(annotated.value, 30u);  // read at 1 us + 2 us of local time
}

TEST_F(ClintTest, MtimecmpIsReadableAndWritableAsWholeOrHalves) {
  Done reset{}, whole{}, lo{}, hi{}, other{};
  run([&](ScriptedInitiator& i) {
    reset = i.read(Clint::kMtimecmpOffset, 8);
    i.write(Clint::kMtimecmpOffset, 8, 0x1122334455667788);
    whole = i.read(Clint::kMtimecmpOffset, 8);
    i.write(Clint::kMtimecmpOffset + 4, 4, 0xAABBCCDD);
    lo = i.read(Clint::kMtimecmpOffset, 4);
    hi = i.read(Clint::kMtimecmpOffset + 4, 4);
    other = i.read(Clint::kMtimecmpOffset + 8, 8);  // hart 1's register is separate
  });
  EXPECT_EQ(reset.value, ~0ULL);  // no timer interrupt before the guest programs mtimecmp
  EXPECT_EQ(whole.value, 0x1122334455667788u);
  EXPECT_EQ(lo.value, 0x55667788u);
  EXPECT_EQ(hi.value, 0xAABBCCDDu);
  EXPECT_EQ(other.value, ~0ULL);
  EXPECT_EQ(clint_.mtimecmp(0), 0xAABBCCDD55667788u);
}

TEST_F(ClintTest, MtipRisesExactlyWhenMtimeReachesMtimecmp) {
  run([&](ScriptedInitiator& i) { i.write(Clint::kMtimecmpOffset, 8, 50); });
  ASSERT_EQ(rec_.changes.size(), 1u);
  EXPECT_EQ(rec_.changes[0].first, sc_time(5, SC_US));
  EXPECT_TRUE(rec_.changes[0].second);
  EXPECT_FALSE(msip_[0]->read());
  EXPECT_FALSE(mtip_[1]->read());
}

TEST_F(ClintTest, RewritingMtimecmpReArmsTheTimer) {
  run([&](ScriptedInitiator& i) {
    i.write(Clint::kMtimecmpOffset, 8, 50);
    sc_core::wait(sc_time(1, SC_US));
    i.write(Clint::kMtimecmpOffset, 8, 100);  // postpone before the first deadline
  });
  ASSERT_EQ(rec_.changes.size(), 1u);
  EXPECT_EQ(rec_.changes[0].first, sc_time(10, SC_US));
}

TEST_F(ClintTest, WritingAFutureMtimecmpClearsAPendingInterrupt) {
  run([&](ScriptedInitiator& i) {
    i.write(Clint::kMtimecmpOffset, 8, 10);
    sc_core::wait(sc_time(2, SC_US));
    i.write(Clint::kMtimecmpOffset, 8, 40);
  });
  ASSERT_EQ(rec_.changes.size(), 3u);
  EXPECT_EQ(rec_.changes[0], std::make_pair(sc_time(1, SC_US), true));
  EXPECT_EQ(rec_.changes[1], std::make_pair(sc_time(2, SC_US), false));
  EXPECT_EQ(rec_.changes[2], std::make_pair(sc_time(4, SC_US), true));
}

TEST_F(ClintTest, AlreadyReachedMtimecmpRaisesMtipAtOnce) {
  run([&](ScriptedInitiator& i) {
    sc_core::wait(sc_time(3, SC_US));
    i.write(Clint::kMtimecmpOffset + 8, 8, 0);  // hart 1
  });
  EXPECT_TRUE(mtip_[1]->read());
  EXPECT_FALSE(mtip_[0]->read());
}

TEST_F(ClintTest, MsipBitZeroDrivesTheSoftwareInterrupt) {
  Done v{};
  bool after_set = false;
  run([&](ScriptedInitiator& i) {
    i.write(Clint::kMsipOffset + 4, 4, 0xFFFFFFFF);  // hart 1: only bit 0 sticks
    sc_core::wait(sc_core::SC_ZERO_TIME);
    sc_core::wait(sc_core::SC_ZERO_TIME);
    after_set = msip_[1]->read();
    v = i.read(Clint::kMsipOffset + 4, 4);
    i.write(Clint::kMsipOffset + 4, 4, 0);
  });
  EXPECT_TRUE(after_set);
  EXPECT_EQ(v.value, 1u);
  EXPECT_FALSE(msip_[1]->read());
  EXPECT_FALSE(msip_[0]->read());
}

TEST_F(ClintTest, BadSizesAndHolesAreAddressErrors) {
  Done half{}, msip64{}, hole{}, beyond{}, misaligned{};
  run([&](ScriptedInitiator& i) {
    half = i.read(Clint::kMtimeOffset, 2);
    msip64 = i.read(Clint::kMsipOffset, 8);
    hole = i.read(0x1000, 4);
    beyond = i.read(Clint::kMtimecmpOffset + 16, 8);  // only two harts
    misaligned = i.read(Clint::kMtimecmpOffset + 4, 8);
  });
  EXPECT_EQ(half.status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(msip64.status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(hole.status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(beyond.status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(misaligned.status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
}

}  // namespace
}  // namespace memvp
