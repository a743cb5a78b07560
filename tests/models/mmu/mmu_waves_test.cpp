// MmuWaves on hand-made translation results: a lookup and its hit level at the issue time; for a
// TLB miss the miss event there, the walker busy from the end of the lookups to the end of the
// walk, and each step's level and PTE address where the step starts (steps run back to back up
// to the walk's end); a fault at the translation's end; flushes as events.
#include "mmu/mmu_waves.h"

#include <gtest/gtest.h>

#include "sc_test.h"
#include "vcd_reader.h"

namespace memvp::mmu {
namespace {

using Changes = std::vector<std::pair<std::uint64_t, std::uint64_t>>;
using Times = std::vector<std::uint64_t>;
constexpr std::uint64_t kPeriod = 1000;  // a 1 GHz hart at 1 ps resolution

class MmuWavesTest : public test::SystemCTest {};

TranslateResult walked(std::uint64_t va) {
  TranslateResult r;
  r.va = VirtAddr(va);
  r.access = rv::Access::Load;
  r.priv = rv::Priv::U;
  r.asid = Asid(5);
  r.outcome = r.found_in = Outcome::Walk;
  r.latency = Cycles(40);       // 10 cycles of L1 and L2 lookups, then the walk
  r.walk.cycles = Cycles(30);   // 4 cycles to start and probe the PWC, then three steps
  r.walk.add({StepKind::PwcHit, 2, PhysAddr(0x8000'1010), 0, Cycles(2)});
  r.walk.add({StepKind::PteRead, 1, PhysAddr(0x8000'2020), 0, Cycles(12)});
  r.walk.add({StepKind::PteRead, 0, PhysAddr(0x8000'3030), 0, Cycles(12)});
  return r;
}

TEST_F(MmuWavesTest, ALookupAWalkAndItsStepsAtTheirCycles) {
  const std::string path = ::testing::TempDir() + "memvp_mmu_waves.vcd";
  {
    waves::WaveRecorder rec(path, {});
    MmuWaves w(rec, "hart0.mmu", kPeriod);
    TranslateResult hit;
    hit.va = VirtAddr(0x1234'5000);
    hit.outcome = hit.found_in = Outcome::L1Hit;
    hit.access = rv::Access::Fetch;
    w.on_translation(walked(0x4000'7008), sc_core::sc_time(100, sc_core::SC_NS));  // cycle 100
    w.on_translation(hit, sc_core::sc_time(200, sc_core::SC_NS));
    TranslateResult bare;
    bare.outcome = Outcome::Bare;
    w.on_translation(bare, sc_core::sc_time(300, sc_core::SC_NS));  // M-mode: nothing looked up
    TranslateResult fault = walked(0x9000);
    fault.fault = true;
    fault.outcome = Outcome::Fault;
    w.on_translation(fault, sc_core::sc_time(400, sc_core::SC_NS));
    w.on_flush(TlbFlush::all(), FlushCause::SfenceVma, sc_core::sc_time(500, sc_core::SC_NS));
    rec.close(600 * kPeriod);
  }
  const test::Vcd v = test::read_vcd(path);
  const auto c = [](std::uint64_t cycle) { return cycle * kPeriod; };
  EXPECT_EQ(v.change_times("hart0.mmu.lookup"), (Times{c(100), c(200), c(400)}));
  EXPECT_EQ(v.change_times("hart0.mmu.miss"), (Times{c(100), c(400)}));
  EXPECT_EQ(v.signal("hart0.mmu.hit_level").changes, (Changes{{0, 0}, {c(100), 3}, {c(200), 1}, {c(400), 3}}));
  EXPECT_EQ(v.signal("hart0.mmu.va").changes, (Changes{{0, 0}, {c(100), 0x4000'7008}, {c(200), 0x1234'5000}, {c(400), 0x9000}}));
  EXPECT_EQ(v.signal("hart0.mmu.vpn").changes.at(1), (std::pair<std::uint64_t, std::uint64_t>{c(100), 0x4'0007}));
  EXPECT_EQ(v.signal("hart0.mmu.asid").changes, (Changes{{0, 0}, {c(100), 5}, {c(200), 0}, {c(400), 5}}));
  EXPECT_EQ(v.signal("hart0.mmu.access").changes, (Changes{{0, 0}, {c(100), 1}, {c(200), 0}, {c(400), 1}}));
  // Walk from 110 to 140; its steps start at 140 - 26 = 114, 116 and 128.
  EXPECT_EQ(v.signal("hart0.mmu.walk_active").changes, (Changes{{0, 0}, {c(110), 1}, {c(140), 0}, {c(410), 1}, {c(440), 0}}));
  EXPECT_EQ(v.signal("hart0.mmu.walk_level").changes,
            (Changes{{0, 0}, {c(114), 2}, {c(116), 1}, {c(128), 0}, {c(414), 2}, {c(416), 1}, {c(428), 0}}));
  EXPECT_EQ(v.signal("hart0.mmu.pte_addr").changes.at(1), (std::pair<std::uint64_t, std::uint64_t>{c(114), 0x8000'1010}));
  EXPECT_EQ(v.change_times("hart0.mmu.pwc_hit"), (Times{c(114), c(414)}));
  EXPECT_EQ(v.change_times("hart0.mmu.fault"), (Times{c(440)}));
  EXPECT_EQ(v.change_times("hart0.mmu.sfence"), (Times{c(500)}));
  EXPECT_TRUE(v.change_times("hart0.mmu.satp_flush").empty());
}

}  // namespace
}  // namespace memvp::mmu
