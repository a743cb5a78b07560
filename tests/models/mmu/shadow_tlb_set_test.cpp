// Shadow TLBs (mmu/shadow_tlb_set.h): the geometry syntax, and shadows inside a running MMU that
// see its L1 or L2 lookups, fill on their own misses, follow sfence.vma and change nothing the
// MMU answers.
#include "mmu/shadow_tlb_set.h"

#include "common/error.h"
#include "mmu_fixture.h"

namespace memvp::mmu::test {
namespace {

TEST(TlbGeometryTest, ParsesLevelArraySizeAndPolicy) {
  const TlbGeometry g = parse_tlb_geometry("l1d[1]:32x4:fifo");
  EXPECT_EQ(g.level, TlbSlot::L1D);
  EXPECT_EQ(g.array, 1u);
  EXPECT_EQ(g.entries, 32u);
  EXPECT_EQ(g.ways, 4u);
  EXPECT_EQ(g.replacement, ReplacementKind::Fifo);
  const TlbGeometry l2 = parse_tlb_geometry("l2:512x4");
  EXPECT_EQ(l2.level, TlbSlot::L2);
  EXPECT_EQ(l2.array, 0u);
  EXPECT_FALSE(l2.replacement.has_value());
  // The replacement, when left out, is the replaced array's.
  EXPECT_EQ(tlb_geometry_name(MmuConfig{}, l2), "l2:512x4:lru");
  EXPECT_EQ(tlb_geometry_name(MmuConfig{}, g), "l1d[1]:32x4:fifo");
}

TEST(TlbGeometryTest, RejectsMalformedText) {
  for (const char* bad : {"l2", "l3:64x4", "l2:64", "l2:64x", "l2:x4", "l2:64x4:mru", "l2[1:64x4", "l2:64x4x2"}) {
    EXPECT_THROW(parse_tlb_geometry(bad), InputError) << bad;
  }
  try {
    parse_tlb_geometry("l3:64x4");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(),
                 "TLB geometry 'l3:64x4': no TLB level 'l3' (expected LEVEL[[ARRAY]]:ENTRIESxWAYS[:REPLACEMENT], "
                 "LEVEL l1i, l1d or l2, e.g. l2:1536x12:lru)");
  }
}

TEST(TlbGeometryTest, RejectsGeometriesTheLevelCannotHave) {
  try {
    shadow_level_config(MmuConfig{}, parse_tlb_geometry("l2:1000x12"));
    FAIL();
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "TLB geometry l2:1000x12:lru: mmu.l2_tlb[0].ways: 12 does not divide entries (1000)");
  }
  EXPECT_THROW(shadow_level_config(MmuConfig{}, parse_tlb_geometry("l2[2]:16x4")), InputError);
  // The other arrays of the level stay the platform's.
  const TlbLevelConfig l2 = shadow_level_config(MmuConfig{}, parse_tlb_geometry("l2:512x4:fifo"));
  ASSERT_EQ(l2.arrays.size(), 2u);
  EXPECT_EQ(l2.arrays[0].entries, 512u);
  EXPECT_EQ(l2.arrays[0].replacement, ReplacementKind::Fifo);
  EXPECT_EQ(l2.arrays[1].entries, 16u);
}

class ShadowTlbSetTest : public MmuTest {
 protected:
  // A one-entry L1D, so that every load of another page probes the L2; a 2-entry L2.
  static MmuConfig small_config() {
    MmuConfig cfg = plain_config();
    cfg.l1_dtlb = {{{1, 1, ReplacementKind::Lru, 1, {PageSize::k4K}, 0}}};
    cfg.l2_tlb.arrays[0].entries = 2;
    cfg.l2_tlb.arrays[0].ways = 2;
    return cfg;
  }
  void map_pages(unsigned n) {
    for (unsigned i = 0; i < n; ++i)
      pt().map(VirtAddr(0x1000ULL * (i + 1)), PhysAddr(0x9000'0000 + 0x1000ULL * i), PageSize::k4K, kRwx | kAd);
  }
  const ShadowTlbSet& shadows() { return *mmu().shadow_tlbs(); }
};

TEST_F(ShadowTlbSetTest, ShadowsSeeTheirLevelsLookupsAndFillOnTheirOwnMisses) {
  build(small_config());
  mmu().attach_shadow_tlbs({parse_tlb_geometry("l2:4x4"), parse_tlb_geometry("l2:1x1"),
                            parse_tlb_geometry("l1d:2x2"), parse_tlb_geometry("l1i:8x8")});
  map_pages(3);
  for (std::uint64_t va : {0x1000, 0x2000, 0x3000, 0x1000, 0x2000, 0x3000}) load(va);
  // The real L2 (2 entries, LRU) misses all six lookups of three pages in turn.
  EXPECT_EQ(mmu().tlb(TlbSlot::L2).stats().misses, 6u);
  EXPECT_EQ(shadows().geometry(0), "l2:4x4:lru");
  EXPECT_EQ(shadows().stats(0).lookups, 6u);
  EXPECT_EQ(shadows().stats(0).misses, 3u);
  EXPECT_EQ(shadows().stats(0).fills, 3u);
  EXPECT_EQ(shadows().stats(1).misses, 6u);
  // The L1D shadow sees every load; two entries still miss three pages in turn.
  EXPECT_EQ(shadows().stats(2).lookups, 6u);
  EXPECT_EQ(shadows().stats(2).misses, 6u);
  EXPECT_EQ(shadows().stats(3).lookups, 0u);
}

TEST_F(ShadowTlbSetTest, ShadowsAreFlushedBySfenceVma) {
  build(small_config());
  mmu().attach_shadow_tlbs({parse_tlb_geometry("l2:4x4")});
  map_pages(2);
  for (std::uint64_t va : {0x1000, 0x2000, 0x1000}) load(va);
  EXPECT_EQ(shadows().stats(0).misses, 2u);
  mmu().sfence_vma(VirtAddr(0x1000), std::nullopt);
  load(0x2000);  // the fence emptied the L1D: an L2 hit
  load(0x1000);
  EXPECT_EQ(shadows().stats(0).flushes, 1u);
  EXPECT_EQ(shadows().stats(0).invalidations, 1u);
  EXPECT_EQ(shadows().stats(0).misses, 3u);
}

TEST_F(ShadowTlbSetTest, AStoreToACleanCachedPageRefillsTheShadow) {
  build(small_config());
  mmu().attach_shadow_tlbs({parse_tlb_geometry("l2:4x4")});
  pt().map(VirtAddr(0x1000), PhysAddr(0x9000'0000), PageSize::k4K, kRwx | pte_bits::A);
  load(0x1000);
  pt().map(VirtAddr(0x2000), PhysAddr(0x9000'1000), PageSize::k4K, kRwx | kAd);
  load(0x2000);
  store(0x1000);  // D = 0 in the L2 and the shadow: walked and refilled in both
  EXPECT_EQ(shadows().stats(0).hits, 1u);
  EXPECT_EQ(shadows().stats(0).fills, 3u);
  EXPECT_EQ(mmu().tlb(TlbSlot::L2).stats().fills, 3u);
}

TEST_F(ShadowTlbSetTest, ShadowsChangeNoResultNorLatency) {
  build(small_config());
  map_pages(3);
  std::vector<std::pair<std::uint64_t, std::uint64_t>> plain;
  for (std::uint64_t va : {0x1000, 0x2000, 0x3000, 0x1000}) {
    const TranslateResult r = load(va);
    plain.emplace_back(r.pa.value(), r.latency.value());
  }
  mmu().sfence_vma(std::nullopt, std::nullopt);
  mmu().attach_shadow_tlbs({parse_tlb_geometry("l2:4x4"), parse_tlb_geometry("l1d:2x2")});
  std::size_t i = 0;
  for (std::uint64_t va : {0x1000, 0x2000, 0x3000, 0x1000}) {
    const TranslateResult r = load(va);
    EXPECT_EQ(r.pa.value(), plain[i].first);
    EXPECT_EQ(r.latency.value(), plain[i].second);
    ++i;
  }
}

}  // namespace
}  // namespace memvp::mmu::test
