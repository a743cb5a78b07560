// Mmu::debug_translate, the debugger's view of a virtual address (docs/gdb.md): the same
// physical address a translation gives, for 4 KiB pages and superpages, nullopt where a walk
// would fault, and nothing else changes: no timed PTE read, no A/D bit, no TLB fill, no count.
#include "mmu_fixture.h"

namespace memvp::mmu::test {
namespace {

class DebugTranslateTest : public MmuTest {};

TEST_F(DebugTranslateTest, FindsWhatTheWalkFindsForPagesAndSuperpages) {
  build(plain_config());
  pt().map(VirtAddr(0x4000'1000), PhysAddr(0x8003'0000), PageSize::k4K, kRwx);
  pt().map(VirtAddr(0x4020'0000), PhysAddr(0x8060'0000), PageSize::k2M, kRwx | kAd);
  EXPECT_EQ(mmu().debug_translate(VirtAddr(0x4000'1234), ctx_.satp), PhysAddr(0x8003'0234));
  EXPECT_EQ(mmu().debug_translate(VirtAddr(0x4021'2345), ctx_.satp), PhysAddr(0x8061'2345));
  EXPECT_EQ(load(0x4021'2345).pa, PhysAddr(0x8061'2345));
}

TEST_F(DebugTranslateTest, UnmappedInvalidAndNonCanonicalAddressesHaveNone) {
  build(plain_config());
  pt().map(VirtAddr(0x4000'1000), PhysAddr(0x8003'0000), PageSize::k4K, pte_bits::V | pte_bits::W);  // W without R
  EXPECT_EQ(mmu().debug_translate(VirtAddr(0x4000'1000), ctx_.satp), std::nullopt);
  EXPECT_EQ(mmu().debug_translate(VirtAddr(0x5000'0000), ctx_.satp), std::nullopt);
  pt().map(VirtAddr(0x6000'0000), PhysAddr(0x8000'1000), PageSize::k2M, kRwx | kAd);  // misaligned superpage
  EXPECT_EQ(mmu().debug_translate(VirtAddr(0x6000'0000), ctx_.satp), std::nullopt);
  EXPECT_EQ(mmu().debug_translate(VirtAddr(0x0000'0080'0000'0000), ctx_.satp), std::nullopt);  // bit 39 set, 63:40 clear
  EXPECT_EQ(mmu().debug_translate(VirtAddr(0x1234), 0), PhysAddr(0x1234));  // satp Bare
}

TEST_F(DebugTranslateTest, LooksWithoutTouchingTlbsPtesStatisticsOrTime) {
  build(plain_config());
  const PhysAddr leaf = pt().map(VirtAddr(0x4000'1000), PhysAddr(0x8003'0000), PageSize::k4K, kRwx);
  ASSERT_TRUE(mmu().debug_translate(VirtAddr(0x4000'1000), ctx_.satp));
  EXPECT_EQ(mem().reads(), 0u);  // timed accesses only: the debug walk made none
  EXPECT_EQ(Pte(mem().peek(leaf)).a(), false);
  EXPECT_EQ(mmu().stats().translations, 0u);
  EXPECT_EQ(mmu().stats().walks, 0u);
  // The first real translation still misses and walks.
  EXPECT_EQ(load(0x4000'1000).outcome, Outcome::Walk);
}

}  // namespace
}  // namespace memvp::mmu::test
