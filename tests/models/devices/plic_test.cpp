// PLIC: every register kind, the claim order (priority, then lowest id, above the threshold),
// per-context enables, the level-triggered gateway and the MEIP/SEIP outputs (riscv-plic.adoc).
#include "devices/plic.h"

#include <map>

#include "common/stats/named_values.h"
#include "common/waves/wave_recorder.h"
#include "sc_test.h"
#include "vcd_reader.h"

namespace memvp {
namespace {

using sc_core::SC_NS;
using sc_core::sc_time;
using test::Done;
using test::ScriptedInitiator;

constexpr std::uint64_t prio(std::uint32_t id) { return Plic::kPriorityOffset + 4 * id; }
constexpr std::uint64_t pending(std::uint32_t word) { return Plic::kPendingOffset + 4 * word; }
constexpr std::uint64_t enable(std::uint32_t ctx, std::uint32_t word) {
  return Plic::kEnableOffset + Plic::kEnableStride * ctx + 4 * word;
}
constexpr std::uint64_t threshold(std::uint32_t ctx) { return Plic::kContextOffset + Plic::kContextStride * ctx; }
constexpr std::uint64_t claim(std::uint32_t ctx) { return threshold(ctx) + 4; }

class PlicTest : public test::SystemCTest {
 protected:
  // Two harts: contexts 0 (hart 0 M), 1 (hart 0 S), 2 (hart 1 M), 3 (hart 1 S); ids 1..39.
  PlicTest() : cfg_{.sources = 40, .priority_bits = 3, .harts = 2}, plic_("plic", cfg_), lines_("line", 40), out_("out", 4) {
    init_.socket.bind(plic_.socket);
    for (unsigned id = 0; id < cfg_.sources; ++id) plic_.source[id].bind(lines_[id]);
    for (unsigned c = 0; c < 4; ++c) plic_.context[c].bind(out_[c]);
  }
  void run(std::function<void(ScriptedInitiator&)> script) {
    init_.script = std::move(script);
    sc_core::sc_start(sc_time(1, sc_core::SC_US));
  }
  // Lets line changes pass the gateway and the outputs follow (a few delta cycles).
  static void settle() { sc_core::wait(sc_time(1, SC_NS)); }
  void raise(std::uint32_t id, bool level = true) {
    lines_[id].write(level);
    settle();
  }
  // Priority p for id, enabled for context ctx.
  void arm(ScriptedInitiator& i, std::uint32_t ctx, std::uint32_t id, std::uint32_t p) {
    i.write(prio(id), 4, p);
    const std::uint32_t bits = i.read(enable(ctx, id / 32), 4).value;
    i.write(enable(ctx, id / 32), 4, bits | 1U << (id % 32));
  }
  [[nodiscard]] bool out(unsigned ctx) const { return out_[ctx].read(); }
  [[nodiscard]] std::map<std::string, double> stats() const {
    std::map<std::string, double> m;
    for (const auto& [k, v] : stats::named_values(plic_)) m[k] = v;
    return m;
  }

  PlicConfig cfg_;
  Plic plic_;
  ScriptedInitiator init_{"init"};
  sc_core::sc_vector<sc_core::sc_signal<bool>> lines_, out_;
};

TEST_F(PlicTest, PrioritiesKeepTheImplementedBitsAndIdZeroIsReserved) {
  Done p5{}, p0{}, beyond{}, wide{};
  run([&](ScriptedInitiator& i) {
    i.write(prio(5), 4, 0xFF);
    i.write(prio(0), 4, 3);
    i.write(prio(100), 4, 3);  // inside the layout, beyond the 40 implemented sources
    p5 = i.read(prio(5), 4);
    p0 = i.read(prio(0), 4);
    beyond = i.read(prio(100), 4);
    wide = i.read(prio(4), 8);  // registers are 32-bit
  });
  EXPECT_EQ(p5.value, 7u);
  EXPECT_EQ(p0.value, 0u);
  EXPECT_EQ(beyond.status, tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(beyond.value, 0u);
  EXPECT_EQ(wide.status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
}

TEST_F(PlicTest, PendingBitsFollowTheGatewaysAndAreReadOnly) {
  Done w0{}, w1{}, after_write{};
  run([&](ScriptedInitiator& i) {
    raise(3);
    raise(33);
    w0 = i.read(pending(0), 4);
    w1 = i.read(pending(1), 4);
    i.write(pending(0), 4, 0);
    after_write = i.read(pending(0), 4);
  });
  EXPECT_EQ(w0.value, 1u << 3);
  EXPECT_EQ(w1.value, 1u << 1);
  EXPECT_EQ(after_write.value, 1u << 3);
}

TEST_F(PlicTest, EnablesArePerContextWithIdZeroAndMissingIdsHardwiredToZero) {
  Done c1w0{}, c1w1{}, c0w0{}, c3w0{}, c4{};
  run([&](ScriptedInitiator& i) {
    i.write(enable(1, 0), 4, 0xFFFF'FFFF);
    i.write(enable(1, 1), 4, 0xFFFF'FFFF);
    i.write(enable(3, 0), 4, 0x10);
    c1w0 = i.read(enable(1, 0), 4);
    c1w1 = i.read(enable(1, 1), 4);
    c0w0 = i.read(enable(0, 0), 4);
    c3w0 = i.read(enable(3, 0), 4);
    c4 = i.read(enable(4, 0), 4);  // two harts have four contexts
  });
  EXPECT_EQ(c1w0.value, 0xFFFF'FFFEu);
  EXPECT_EQ(c1w1.value, 0xFFu);  // ids 32..39
  EXPECT_EQ(c0w0.value, 0u);
  EXPECT_EQ(c3w0.value, 0x10u);
  EXPECT_EQ(c4.status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
}

TEST_F(PlicTest, ClaimTakesTheHighestPriorityThenTheLowestId) {
  std::vector<std::uint64_t> claims;
  run([&](ScriptedInitiator& i) {
    arm(i, 0, 5, 2);
    arm(i, 0, 9, 3);
    arm(i, 0, 7, 3);
    for (std::uint32_t id : {5, 9, 7}) raise(id);
    for (int n = 0; n < 4; ++n) claims.push_back(i.read(claim(0), 4).value);
  });
  EXPECT_EQ(claims, (std::vector<std::uint64_t>{7, 9, 5, 0}));
}

TEST_F(PlicTest, ThresholdHidesPrioritiesAtOrBelowItAndPriorityZeroNeverInterrupts) {
  Done thr{}, first{}, second{};
  bool before = true, with_high = false, after_claim = true;
  run([&](ScriptedInitiator& i) {
    i.write(threshold(0), 4, 0xA);  // WARL: three bits
    thr = i.read(threshold(0), 4);
    arm(i, 0, 4, 2);
    arm(i, 0, 6, 0);
    raise(4);
    raise(6);
    before = out(0);  // priority 2 is not above threshold 2; priority 0 never interrupts
    arm(i, 0, 8, 3);
    raise(8);
    with_high = out(0);
    first = i.read(claim(0), 4);
    settle();
    after_claim = out(0);
    second = i.read(claim(0), 4);
  });
  EXPECT_EQ(thr.value, 2u);
  EXPECT_FALSE(before);
  EXPECT_TRUE(with_high);
  EXPECT_EQ(first.value, 8u);
  EXPECT_FALSE(after_claim);
  EXPECT_EQ(second.value, 0u);
}

TEST_F(PlicTest, HeldLevelIsNotPendingAgainUntilCompleted) {
  Done claimed{}, pend_claimed{}, pend_completed{}, again{}, pend_dropped{};
  bool out_claimed = true, out_completed = false, out_dropped = true;
  run([&](ScriptedInitiator& i) {
    arm(i, 0, 3, 1);
    raise(3);
    claimed = i.read(claim(0), 4);
    settle();
    pend_claimed = i.read(pending(0), 4);  // the line is still high
    out_claimed = out(0);
    i.write(claim(0), 4, 3);  // complete
    settle();
    pend_completed = i.read(pending(0), 4);
    out_completed = out(0);
    again = i.read(claim(0), 4);
    raise(3, false);  // dropped while claimed: the completion forwards nothing
    i.write(claim(0), 4, 3);
    settle();
    pend_dropped = i.read(pending(0), 4);
    out_dropped = out(0);
  });
  EXPECT_EQ(claimed.value, 3u);
  EXPECT_EQ(pend_claimed.value, 0u);
  EXPECT_FALSE(out_claimed);
  EXPECT_EQ(pend_completed.value, 1u << 3);
  EXPECT_TRUE(out_completed);
  EXPECT_EQ(again.value, 3u);
  EXPECT_EQ(pend_dropped.value, 0u);
  EXPECT_FALSE(out_dropped);
}

TEST_F(PlicTest, RequestStaysPendingWhenTheLineDropsBeforeTheClaim) {
  Done pend{}, claimed{};
  run([&](ScriptedInitiator& i) {
    arm(i, 1, 2, 1);
    raise(2);
    raise(2, false);
    pend = i.read(pending(0), 4);
    claimed = i.read(claim(1), 4);
  });
  EXPECT_EQ(pend.value, 1u << 2);
  EXPECT_EQ(claimed.value, 2u);
}

TEST_F(PlicTest, CompletionForAContextWithoutTheSourceEnabledIsIgnored) {
  Done pend_ignored{}, pend_done{};
  run([&](ScriptedInitiator& i) {
    arm(i, 0, 3, 1);
    raise(3);
    i.read(claim(0), 4);
    i.write(claim(1), 4, 3);  // context 1 does not enable id 3
    settle();
    pend_ignored = i.read(pending(0), 4);
    i.write(claim(0), 4, 3);
    settle();
    pend_done = i.read(pending(0), 4);
  });
  EXPECT_EQ(pend_ignored.value, 0u);
  EXPECT_EQ(pend_done.value, 1u << 3);
}

TEST_F(PlicTest, EachContextDrivesItsOwnLine) {
  std::vector<bool> levels;
  run([&](ScriptedInitiator& i) {
    arm(i, 3, 12, 1);  // hart 1's S-mode context: its SEIP
    raise(12);
    for (unsigned c = 0; c < 4; ++c) levels.push_back(out(c));
    arm(i, 0, 12, 1);  // hart 0's M-mode context too: both see the same source
    settle();
    levels.push_back(out(0));
    i.read(claim(3), 4);  // claimed by one context: pending no more for either
    settle();
    levels.push_back(out(0));
    levels.push_back(out(3));
  });
  EXPECT_EQ(levels, (std::vector<bool>{false, false, false, true, true, false, false}));
}

TEST_F(PlicTest, CountsClaimsPerContextCompletesAndRaisedLines) {
  run([&](ScriptedInitiator& i) {
    arm(i, 1, 3, 1);
    raise(3);
    i.read(claim(1), 4);
    i.read(claim(1), 4);  // nothing pending: not a claim
    i.write(claim(1), 4, 3);
    settle();
    i.read(claim(1), 4);  // the held line was forwarded again
  });
  const auto s = stats();
  EXPECT_EQ(s.at("claims.0"), 0);
  EXPECT_EQ(s.at("claims.1"), 2);
  EXPECT_EQ(s.at("completes"), 1);
  EXPECT_EQ(s.at("interrupts_raised"), 2);
}

TEST_F(PlicTest, DebugReadsOfClaimDoNotClaim) {
  unsigned n = 0;
  Done claimed{};
  std::uint8_t data[4] = {};
  run([&](ScriptedInitiator& i) {
    arm(i, 0, 3, 1);
    raise(3);
    n = i.debug(tlm::TLM_READ_COMMAND, claim(0), data, 4);
    claimed = i.read(claim(0), 4);
  });
  EXPECT_EQ(n, 4u);
  EXPECT_EQ(data[0], 3u);
  EXPECT_EQ(claimed.value, 3u);
}

TEST_F(PlicTest, WavesShowPendingAndClaimedAsTheyChange) {
  const std::string path = ::testing::TempDir() + "memvp_plic_waves.vcd";
  std::uint64_t raised = 0, claimed = 0, completed = 0;
  {
    waves::WaveRecorder rec(path, {});
    plic_.attach_waves(rec, "dev.plic");
    run([&](ScriptedInitiator& i) {
      arm(i, 0, 3, 1);
      settle();
      raised = sc_core::sc_time_stamp().value();
      raise(3);  // held high: pending again once completed
      claimed = sc_core::sc_time_stamp().value();
      i.read(claim(0), 4);
      settle();
      completed = sc_core::sc_time_stamp().value();
      i.write(claim(0), 4, 3);
      settle();
    });
    rec.close(sc_core::sc_time_stamp().value());
  }
  using Changes = std::vector<std::pair<std::uint64_t, std::uint64_t>>;
  const test::Vcd v = test::read_vcd(path);
  EXPECT_EQ(v.signal("dev.plic.source3.pending").changes, (Changes{{0, 0}, {raised, 1}, {claimed, 0}, {completed, 1}}));
  EXPECT_EQ(v.signal("dev.plic.source3.claimed").changes, (Changes{{0, 0}, {claimed, 1}, {completed, 0}}));
  EXPECT_EQ(v.signal("dev.plic.source4.pending").changes, (Changes{{0, 0}}));
}

}  // namespace
}  // namespace memvp
