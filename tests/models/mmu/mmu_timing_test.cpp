// Latency of each outcome in cycles: L1 hit, L2 hit, a walk as the sum of its PTE accesses'
// annotated delays plus walker overheads, the issue time of each PTE access, PWC hits that
// skip reads, and the conversion to cycles of the MMU clock.
#include <numeric>

#include "mmu_fixture.h"

namespace memvp::mmu::test {
namespace {

constexpr std::uint64_t kVa = 0x0040'1000;
constexpr PhysAddr kPa{0x9000'0000};

class MmuTiming : public MmuTest {
 protected:
  void map4k(std::uint64_t va, std::uint64_t flags = kRwx | kAd) {
    pt().map(VirtAddr(va), kPa + (va & 0xFFFFF000), PageSize::k4K, flags);
  }
};

TEST_F(MmuTiming, SkylakeDefaultsWalkHitAndL2Hit) {
  MmuConfig cfg;
  cfg.pwc.enabled = false;
  build(cfg);
  map4k(kVa);
  // L1 (0) + L2 (9) + walk start (1) + 3 x (10 memory + 1 step) = 43 cycles at 1 GHz.
  auto r = load(kVa);
  EXPECT_EQ(r.outcome, Outcome::Walk);
  EXPECT_EQ(r.latency, Cycles(43));
  EXPECT_EQ(r.walk.cycles, Cycles(34));
  EXPECT_EQ(last_delay_, sc_time(43, SC_NS));
  for (unsigned s = 0; s < 3; ++s) EXPECT_EQ(r.walk.steps[s].cycles, Cycles(11));
  // Each PTE read was issued at the walk's local time: after L2 (9) and the start cycle (1),
  // then one step (11) later each.
  ASSERT_EQ(mem().log().size(), 3u);
  EXPECT_EQ(mem().log()[0].issued, sc_time(10, SC_NS));
  EXPECT_EQ(mem().log()[1].issued, sc_time(21, SC_NS));
  EXPECT_EQ(mem().log()[2].issued, sc_time(32, SC_NS));

  r = load(kVa + 8);
  EXPECT_EQ(r.outcome, Outcome::L1Hit);
  EXPECT_EQ(r.latency, Cycles(0));
  // A fetch of the same page misses the ITLB and hits the L2 TLB.
  r = fetch(kVa);
  EXPECT_EQ(r.outcome, Outcome::L2Hit);
  EXPECT_EQ(r.latency, Cycles(9));
  EXPECT_EQ(fetch(kVa).outcome, Outcome::L1Hit);
  EXPECT_EQ(mmu().stats().walks, 1u);
  EXPECT_EQ(mmu().stats().translation_cycles, 52u);
  // The histogram has each translation in its latency's bucket: two L1 hits (0), the L2 hit (9)
  // and the walk (43 = 52 - 9).
  const auto& h = mmu().stats().latency_histogram;
  EXPECT_EQ(h[0], 2u);
  EXPECT_EQ(h[9], 1u);
  EXPECT_EQ(h[latency_bucket(43)], 1u);
  EXPECT_EQ(std::accumulate(h.begin(), h.end(), std::uint64_t{0}), mmu().stats().translations);
}

TEST_F(MmuTiming, DelayStartsFromTheCallersOffset) {
  build(plain_config());
  map4k(kVa);
  sc_time delay(100, SC_NS);
  const auto r = mmu().translate(VirtAddr(kVa), rv::Access::Load, ctx_, delay);
  EXPECT_EQ(r.latency, Cycles(30));
  EXPECT_EQ(delay, sc_time(130, SC_NS));
  EXPECT_EQ(mem().log()[0].issued, sc_time(100, SC_NS));
}

TEST_F(MmuTiming, ConfiguredLatenciesAreCharged) {
  MmuConfig cfg = plain_config();
  cfg.l1_dtlb.arrays[0].latency_cycles = 1;
  cfg.l2_tlb.arrays[0].latency_cycles = 7;
  cfg.walk_start_cycles = 2;
  cfg.walk_step_cycles = 3;
  build(cfg);
  map4k(kVa);
  EXPECT_EQ(load(kVa).latency, Cycles(1 + 7 + 2 + 3 * 13));
  EXPECT_EQ(load(kVa).latency, Cycles(1));
}

TEST_F(MmuTiming, CyclesAreOfTheMmuClock) {
  MmuConfig cfg = plain_config();
  cfg.clock_hz = 2e9;
  build(cfg, kSv39, sc_time(10, SC_NS));
  map4k(kVa);
  const auto r = load(kVa);
  EXPECT_EQ(r.latency, Cycles(60));  // 3 reads x 10 ns = 60 cycles of 0.5 ns
  EXPECT_EQ(last_delay_, sc_time(30, SC_NS));
}

TEST_F(MmuTiming, PartialCyclesRoundUp) {
  build(plain_config(), kSv39, sc_time(2500, sc_core::SC_PS));
  map4k(kVa);
  EXPECT_EQ(load(kVa).latency, Cycles(9));  // 3 x ceil(2.5)
  EXPECT_EQ(last_delay_, sc_time(9, SC_NS));
}

TEST_F(MmuTiming, PageWalkCacheHitsSkipReads) {
  MmuConfig cfg = plain_config();
  cfg.pwc.enabled = true;
  cfg.pwc.latency_cycles = 1;
  build(cfg);
  map4k(kVa);
  map4k(kVa + 0x1000);        // same level-0 table
  map4k(kVa + 0x0020'0000);   // same level-1 table, another level-0 table
  auto r = load(kVa);
  EXPECT_EQ(r.walk.pwc_hits, 0u);
  EXPECT_EQ(r.latency, Cycles(1 + 30));
  mem().clear_log();

  r = load(kVa + 0x1000);  // level-1 PTE cached: one read
  EXPECT_EQ(r.walk.pwc_hits, 1u);
  EXPECT_EQ(r.walk.pte_reads, 1u);
  EXPECT_EQ(mem().reads(), 1u);
  EXPECT_EQ(r.latency, Cycles(1 + 10));
  EXPECT_EQ(r.walk.steps[0].kind, StepKind::PwcHit);
  EXPECT_EQ(r.walk.steps[0].level, 1u);
  EXPECT_EQ(r.walk.steps[0].pte_addr, pt().pte_addr(VirtAddr(kVa), 1));
  EXPECT_EQ(r.walk.steps[1].pte_addr, pt().pte_addr(VirtAddr(kVa + 0x1000), 0));

  r = load(kVa + 0x0020'0000);  // only the level-2 PTE is shared: two reads
  EXPECT_EQ(r.walk.pwc_hits, 1u);
  EXPECT_EQ(r.walk.steps[0].level, 2u);
  EXPECT_EQ(r.walk.pte_reads, 2u);
  EXPECT_EQ(mmu().pwc().stats().hits[1], 1u);
  EXPECT_EQ(mmu().pwc().stats().hits[2], 1u);
}

TEST_F(MmuTiming, WithoutPageWalkCacheEveryWalkReadsEveryLevel) {
  build(plain_config());
  map4k(kVa);
  map4k(kVa + 0x1000);
  load(kVa);
  EXPECT_EQ(load(kVa + 0x1000).walk.pte_reads, 3u);
  EXPECT_EQ(mem().reads(), 6u);
}

TEST_F(MmuTiming, AdUpdateCostsACompareAndAWrite) {
  build(plain_config());
  map4k(kVa, kRwx);
  const auto r = store(kVa);
  EXPECT_EQ(r.latency, Cycles(3 * 10 + 20));
  EXPECT_EQ(r.walk.steps[3].kind, StepKind::AdUpdate);
  EXPECT_EQ(r.walk.steps[3].cycles, Cycles(20));
  EXPECT_EQ(mmu().stats().pte_writes, 1u);
}

TEST_F(MmuTiming, SuperpageInAnL1WithoutThatSizeIsSplintered) {
  build(plain_config());
  pt().map(VirtAddr(0x0020'0000), PhysAddr(0xA000'0000), PageSize::k2M, kRwx | kAd);
  EXPECT_EQ(fetch(0x0020'3000).outcome, Outcome::Walk);
  const auto itlb = mmu().tlb(TlbSlot::L1I).contents();
  ASSERT_EQ(itlb.size(), 1u);
  EXPECT_EQ(itlb[0].size, PageSize::k4K);
  EXPECT_EQ(itlb[0].ppn, 0xA0003u);
  const auto hit = fetch(0x0020'3FFC);
  EXPECT_EQ(hit.outcome, Outcome::L1Hit);
  EXPECT_EQ(hit.page_size, PageSize::k2M);
  const auto r = fetch(0x0020'5000);  // another 4 KiB of the 2 MiB page: the L2 holds it whole
  EXPECT_EQ(r.outcome, Outcome::L2Hit);
  EXPECT_EQ(r.page_size, PageSize::k2M);  // the mapping's size, whatever piece a TLB keeps
  EXPECT_EQ(r.pa.value(), 0xA000'5000u);
  EXPECT_EQ(load(0x0020'5000).outcome, Outcome::L2Hit);  // the DTLB has a 2 MiB array
  EXPECT_EQ(load(0x0027'0000).outcome, Outcome::L1Hit);
}

TEST_F(MmuTiming, StatisticsCountOutcomes) {
  build(plain_config());
  map4k(kVa);
  load(kVa);
  load(kVa);
  load(0x0080'0000);  // unmapped
  ctx_.priv = rv::Priv::M;
  load(kVa);
  const auto& s = mmu().stats();
  EXPECT_EQ(s.translations, 4u);
  EXPECT_EQ(s.by_outcome[static_cast<unsigned>(Outcome::Walk)], 1u);
  EXPECT_EQ(s.by_outcome[static_cast<unsigned>(Outcome::L1Hit)], 1u);
  EXPECT_EQ(s.by_outcome[static_cast<unsigned>(Outcome::Fault)], 1u);
  EXPECT_EQ(s.by_outcome[static_cast<unsigned>(Outcome::Bare)], 1u);
  EXPECT_EQ(s.faults[static_cast<unsigned>(rv::Exception::LoadPageFault)], 1u);
  EXPECT_EQ(mmu().tlb(TlbSlot::L1D).stats().misses, 2u);
}

}  // namespace
}  // namespace memvp::mmu::test
