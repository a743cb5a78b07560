// Mmu::set_mode (docs/fast-forward.md): the functional mode translates as the detailed one does,
// A/D bits included, without time, timed PTE accesses, TLB fills or statistics, and forgets its
// translations at SFENCE.VMA; the warming mode fills the modelled TLBs without time, so that the
// detailed part starts with hits; reset_stats zeroes the counters and keeps the entries.
#include "mmu_fixture.h"

namespace memvp::mmu::test {
namespace {

class MmuModeTest : public MmuTest {
 protected:
  [[nodiscard]] std::size_t tlb_entries() {
    return mmu().tlb(TlbSlot::L1D).contents().size() + mmu().tlb(TlbSlot::L2).contents().size();
  }
};

TEST_F(MmuModeTest, FunctionalTranslatesAndSetsAdWithoutTimeTlbsOrStatistics) {
  build();
  const PhysAddr leaf = pt().map(VirtAddr(0x4000'1000), PhysAddr(0x8003'0000), PageSize::k4K, kRwx);
  mmu().set_mode(SimMode::Functional);
  const TranslateResult r = store(0x4000'1234);
  EXPECT_FALSE(r.fault);
  EXPECT_EQ(r.pa, PhysAddr(0x8003'0234));
  EXPECT_EQ(r.latency.value(), 0u);
  EXPECT_EQ(last_delay_, sc_core::SC_ZERO_TIME);
  EXPECT_TRUE(Pte(mem().peek(leaf)).a());  // §12.3.2 step 9, as in detail
  EXPECT_TRUE(Pte(mem().peek(leaf)).d());
  EXPECT_EQ(mem().reads(), 0u);  // no timed access
  EXPECT_EQ(tlb_entries(), 0u);
  EXPECT_EQ(mmu().stats().translations, 0u);
  EXPECT_EQ(mmu().stats().walks, 0u);
  EXPECT_TRUE(load(0x5000'0000).fault);  // unmapped: the page fault of a detailed walk
}

TEST_F(MmuModeTest, FunctionalForgetsItsTranslationsAtSfenceVma) {
  build();
  pt().map(VirtAddr(0x4000'1000), PhysAddr(0x8003'0000), PageSize::k4K, kRwx | kAd);
  mmu().set_mode(SimMode::Functional);
  EXPECT_EQ(load(0x4000'1000).pa, PhysAddr(0x8003'0000));
  pt().map(VirtAddr(0x4000'1000), PhysAddr(0x8004'0000), PageSize::k4K, kRwx | kAd);
  mmu().sfence_vma(VirtAddr(0x4000'1000), std::nullopt);
  EXPECT_EQ(load(0x4000'1000).pa, PhysAddr(0x8004'0000));
}

TEST_F(MmuModeTest, WarmingFillsTheTlbsAndTheDetailedPartStartsWithHitsAndZeroCounts) {
  build();
  pt().map(VirtAddr(0x4000'1000), PhysAddr(0x8003'0000), PageSize::k4K, kRwx | kAd);
  mmu().set_mode(SimMode::Warming);
  const TranslateResult w = load(0x4000'1000);
  EXPECT_EQ(w.pa, PhysAddr(0x8003'0000));
  EXPECT_EQ(w.latency.value(), 0u);
  EXPECT_EQ(mem().reads(), 0u);
  EXPECT_GT(tlb_entries(), 0u);
  mmu().reset_stats();
  mmu().set_mode(SimMode::Detailed);
  EXPECT_EQ(mmu().tlb(TlbSlot::L1D).stats().lookups, 0u);
  EXPECT_EQ(load(0x4000'1000).outcome, Outcome::L1Hit);
  EXPECT_EQ(mmu().stats().translations, 1u);
  EXPECT_EQ(mmu().stats().walks, 0u);
}

}  // namespace
}  // namespace memvp::mmu::test
