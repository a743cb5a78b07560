// The lockstep TLB wrapper inside a running MMU: two identical models never disagree; a
// shadow with another replacement policy is caught at the first lookup where they diverge.
#include "mmu/shadow_tlb.h"
#include "mmu/tlb_level.h"
#include "mmu_fixture.h"

namespace memvp::mmu::test {
namespace {

class ShadowedMmu : public MmuTest {
 protected:
  // Installs a ShadowTlb at L1D with a one-set, two-way array on both sides.
  ShadowTlb& shadow_l1d(ReplacementKind ref, ReplacementKind other) {
    auto level = [](ReplacementKind k) {
      return std::make_unique<TlbLevel>(
          "l1d", TlbLevelConfig{{{2, 2, k, 1, {PageSize::k4K}, 0}}});
    };
    auto s = std::make_unique<ShadowTlb>(level(ref), level(other));
    ShadowTlb& handle = *s;
    mmu().replace_tlb(TlbSlot::L1D, std::move(s));
    return handle;
  }
  void map_pages(unsigned n) {
    for (unsigned i = 0; i < n; ++i)
      pt().map(VirtAddr(0x1000ULL * (i + 1)), PhysAddr(0x9000'0000 + 0x1000ULL * i), PageSize::k4K,
               kRwx | kAd);
  }
};

TEST_F(ShadowedMmu, IdenticalModelsAgree) {
  build(plain_config());
  ShadowTlb& s = shadow_l1d(ReplacementKind::Lru, ReplacementKind::Lru);
  map_pages(3);
  for (std::uint64_t va : {0x1000, 0x2000, 0x1000, 0x3000, 0x2000, 0x1000}) load(va);
  EXPECT_EQ(s.mismatches(), 0u);
  EXPECT_EQ(s.stats().lookups, 6u);
  EXPECT_EQ(s.shadow().stats().hits, s.reference().stats().hits);
}

TEST_F(ShadowedMmu, DivergingPolicyIsReported) {
  build(plain_config());
  ShadowTlb& s = shadow_l1d(ReplacementKind::Lru, ReplacementKind::Fifo);
  map_pages(3);
  // Fill 1, 2; hit 1; fill 3 evicts 2 under LRU but 1 under FIFO; then look up 1.
  for (std::uint64_t va : {0x1000, 0x2000, 0x1000, 0x3000, 0x1000}) load(va);
  ASSERT_EQ(s.mismatches(), 1u);
  const TlbMismatch& m = s.first_mismatches()[0];
  EXPECT_EQ(m.lookup, 4u);
  EXPECT_EQ(m.va.value(), 0x1000u);
  EXPECT_TRUE(m.reference.has_value());
  EXPECT_FALSE(m.shadow.has_value());
}

}  // namespace
}  // namespace memvp::mmu::test
