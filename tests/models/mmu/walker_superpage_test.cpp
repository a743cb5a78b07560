// Every level and page size: 4 KiB, 2 MiB and 1 GiB in Sv39, plus 512 GiB in Sv48, with the
// PTE addresses the walker read at each step and the TLB arrays the result was cached in.
#include "mmu_fixture.h"

namespace memvp::mmu::test {
namespace {

struct Case {
  const VmInfo* info;
  PageSize size;
  std::uint64_t va;
  std::uint64_t pa;
};

class WalkerPageSizes : public MmuTest, public ::testing::WithParamInterface<Case> {};

TEST_P(WalkerPageSizes, TranslatesAndRecordsEachStep) {
  const Case c = GetParam();
  build(MmuConfig{}, *c.info);
  pt().map(VirtAddr(c.va), PhysAddr(c.pa), c.size, kRwx | kAd);
  const std::uint64_t offset = page_bytes(c.size) - 8;  // last bytes of the page
  const auto r = load(c.va + offset);
  ASSERT_FALSE(r.fault);
  EXPECT_EQ(r.pa.value(), c.pa + offset);
  EXPECT_EQ(r.page_size, c.size);
  EXPECT_EQ(r.outcome, Outcome::Walk);
  const unsigned reads = c.info->levels - level_of(c.size);
  EXPECT_EQ(r.walk.pte_reads, reads);
  ASSERT_EQ(r.walk.count, reads);
  for (unsigned s = 0; s < reads; ++s) {
    const unsigned level = c.info->levels - 1 - s;
    EXPECT_EQ(r.walk.steps[s].kind, StepKind::PteRead);
    EXPECT_EQ(r.walk.steps[s].level, level);
    EXPECT_EQ(r.walk.steps[s].pte_addr, pt().pte_addr(VirtAddr(c.va), level));
    EXPECT_EQ(r.walk.steps[s].pte, pt().pte(VirtAddr(c.va), level));
  }
  // The first byte of the page now hits (a terapage is cached as 1 GiB pieces, so its first
  // gigabyte is another piece); the next page is not mapped.
  EXPECT_EQ(load(c.va).outcome, c.size == PageSize::k512G ? Outcome::Walk : Outcome::L1Hit);
  EXPECT_EQ(load(c.va).pa.value(), c.pa);
  EXPECT_TRUE(load(c.va + page_bytes(c.size)).fault);
}

INSTANTIATE_TEST_SUITE_P(
    Sv39AndSv48, WalkerPageSizes,
    ::testing::Values(Case{&kSv39, PageSize::k4K, 0x0000'1000, 0x9000'5000},
                      Case{&kSv39, PageSize::k2M, 0x0060'0000, 0xA040'0000},
                      Case{&kSv39, PageSize::k1G, 0x40'0000'0000 - 0x4000'0000, 0x1'4000'0000},
                      Case{&kSv39, PageSize::k4K, 0xFFFF'FFFF'FFFF'F000, 0x9000'7000},
                      Case{&kSv48, PageSize::k4K, 0x7FFF'FFFF'F000, 0x9000'1000},
                      Case{&kSv48, PageSize::k2M, 0x1234'5660'0000, 0xA000'0000},
                      Case{&kSv48, PageSize::k1G, 0x0000'8000'0000, 0x2'0000'0000},
                      Case{&kSv48, PageSize::k512G, 0x0100'0000'0000, 0x80'0000'0000},
                      Case{&kSv48, PageSize::k4K, 0xFFFF'8000'0000'0000, 0x8100'0000}),
    [](const ::testing::TestParamInfo<Case>& p) {
      return std::string(satp_mode_name(static_cast<std::uint8_t>(p.param.info->mode))) + "_" +
             std::string(page_size_name(p.param.size)) + "_" + std::to_string(p.index);
    });

class Sv48Walker : public MmuTest {
 protected:
  void SetUp() override { build(MmuConfig{}, kSv48); }
};

TEST_F(Sv48Walker, NonCanonicalAboveBit47Faults) {  // §12.5
  pt().map(VirtAddr(0x1000), PhysAddr(0x9000'0000), PageSize::k4K, kRwx | kAd);
  EXPECT_EQ(load(0x0001'0000'0000'1000).cause, rv::Exception::LoadPageFault);
  EXPECT_EQ(fetch(0x8000'0000'0000'1000).cause, rv::Exception::InstrPageFault);
  EXPECT_EQ(mem().reads(), 0u);
  // A Sv39-non-canonical address is fine in Sv48.
  pt().map(VirtAddr(0x80'0000'0000), PhysAddr(0x9000'0000), PageSize::k4K, kRwx | kAd);
  EXPECT_FALSE(load(0x80'0000'0000).fault);
}

TEST_F(Sv48Walker, MisalignedTerapageFaults) {  // step 5 at level 3
  pt().map(VirtAddr(0x0100'0000'0000), PhysAddr(0x80'4000'0000), PageSize::k512G, kRwx | kAd);
  EXPECT_EQ(load(0x0100'0000'0000).cause, rv::Exception::LoadPageFault);
}

TEST_F(Sv48Walker, TerapageIsSplinteredIntoTheOneGigabyteArrays) {
  pt().map(VirtAddr(0x0100'0000'0000), PhysAddr(0x80'0000'0000), PageSize::k512G, kRwx | kAd);
  const std::uint64_t va = 0x0100'0000'0000 + 0x45'6789'0000;
  ASSERT_FALSE(load(va).fault);
  const auto l1 = mmu().tlb(TlbSlot::L1D).contents();
  ASSERT_EQ(l1.size(), 1u);
  EXPECT_EQ(l1[0].size, PageSize::k1G);
  EXPECT_EQ(l1[0].translate(VirtAddr(va)).value(), 0x80'0000'0000 + 0x45'6789'0000);
  EXPECT_EQ(load(va + 0x100).outcome, Outcome::L1Hit);
  // Another gigabyte of the same terapage misses both levels (both keep 1 GiB pieces).
  EXPECT_EQ(load(va + 0x4000'0000).outcome, Outcome::Walk);
}

}  // namespace
}  // namespace memvp::mmu::test
