// TLB arrays and levels: set indexing, hits and misses, victims per policy, mixed page sizes,
// the four sfence.vma flush kinds with global entries, and config validation.
#include <gtest/gtest.h>

#include "common/error.h"
#include "mmu/mmu_schema.h"
#include "mmu/set_assoc_tlb.h"
#include "mmu/tlb_level.h"
#include "read_keys.h"

namespace memvp::mmu {
namespace {

TlbEntry page4k(std::uint64_t vpn, std::uint16_t asid = 1, bool global = false) {
  return TlbEntry{vpn, vpn + 0x80000, PageSize::k4K, Asid(asid), global, 0xCF};
}
VirtAddr va_of(std::uint64_t vpn) { return VirtAddr(vpn << 12); }

TEST(SetAssocTlb, GeometryAndSetIndex) {
  SetAssocTlb t("t", TlbConfig{64, 4, ReplacementKind::Lru, 1, {PageSize::k4K}, 0});
  EXPECT_EQ(t.sets(), 16u);
  EXPECT_EQ(t.set_of(va_of(0x13), PageSize::k4K), 3u);
  EXPECT_EQ(t.set_of(VirtAddr(5ULL << 21), PageSize::k2M), 5u);
}

TEST(SetAssocTlb, HitMissAndTranslate) {
  SetAssocTlb t("t", TlbConfig{4, 2, ReplacementKind::Lru, 1, {PageSize::k4K}, 0});
  EXPECT_FALSE(t.lookup(va_of(7), Asid(1)));
  t.fill(page4k(7));
  auto e = t.lookup(VirtAddr((7ULL << 12) + 0x123), Asid(1));
  ASSERT_TRUE(e);
  EXPECT_EQ(e->translate(VirtAddr((7ULL << 12) + 0x123)).value(), ((7ULL + 0x80000) << 12) + 0x123);
  EXPECT_FALSE(t.lookup(va_of(7), Asid(2)));  // another address space
  EXPECT_EQ(t.stats().hits, 1u);
  EXPECT_EQ(t.stats().misses, 2u);
}

TEST(SetAssocTlb, LruVictimInATwoWaySet) {
  SetAssocTlb t("t", TlbConfig{4, 2, ReplacementKind::Lru, 1, {PageSize::k4K}, 0});
  t.fill(page4k(0));  // set 0
  t.fill(page4k(2));  // set 0
  ASSERT_TRUE(t.lookup(va_of(0), Asid(1)));
  t.fill(page4k(4));  // set 0 is full: evicts vpn 2, the least recently used
  EXPECT_TRUE(t.lookup(va_of(0), Asid(1)));
  EXPECT_FALSE(t.lookup(va_of(2), Asid(1)));
  EXPECT_TRUE(t.lookup(va_of(4), Asid(1)));
  EXPECT_EQ(t.stats().evictions, 1u);
}

TEST(SetAssocTlb, FifoVictimIgnoresHits) {
  SetAssocTlb t("t", TlbConfig{2, 2, ReplacementKind::Fifo, 1, {PageSize::k4K}, 0});
  t.fill(page4k(1));
  t.fill(page4k(2));
  ASSERT_TRUE(t.lookup(va_of(1), Asid(1)));
  t.fill(page4k(3));  // evicts vpn 1, the first filled
  EXPECT_FALSE(t.lookup(va_of(1), Asid(1)));
  EXPECT_TRUE(t.lookup(va_of(2), Asid(1)));
}

TEST(SetAssocTlb, RandomVictimFollowsSeed) {
  SetAssocTlb t("t", TlbConfig{4, 4, ReplacementKind::Random, 42, {PageSize::k4K}, 0});
  for (std::uint64_t v = 0; v < 4; ++v) t.fill(page4k(v));
  t.fill(page4k(9));  // splitmix64(42) first output mod 4 = 1: way 1 (vpn 1) goes
  EXPECT_FALSE(t.lookup(va_of(1), Asid(1)));
  EXPECT_EQ(t.at(0, 1)->vpn, 9u);
}

TEST(SetAssocTlb, TreePlruVictim) {
  SetAssocTlb t("t", TlbConfig{4, 4, ReplacementKind::TreePlru, 1, {PageSize::k4K}, 0});
  for (std::uint64_t v = 0; v < 4; ++v) t.fill(page4k(v));
  ASSERT_TRUE(t.lookup(va_of(0), Asid(1)));
  // The hit on way 0 turned the root right; way 3's fill left the right node on way 2.
  t.fill(page4k(8));
  EXPECT_EQ(t.at(0, 2)->vpn, 8u);
}

TEST(SetAssocTlb, RefillOverwritesTheSameTranslation) {
  SetAssocTlb t("t", TlbConfig{4, 4, ReplacementKind::Lru, 1, {PageSize::k4K}, 0});
  t.fill(page4k(5));
  TlbEntry dirty = page4k(5);
  dirty.flags |= 0x80;
  t.fill(dirty);
  EXPECT_EQ(t.contents().size(), 1u);
  EXPECT_EQ(t.contents()[0].flags, dirty.flags);
  EXPECT_EQ(t.stats().evictions, 0u);
}

TEST(SetAssocTlb, MixedPageSizesShareTheArray) {
  SetAssocTlb t("t", TlbConfig{8, 2, ReplacementKind::Lru, 1, {PageSize::k4K, PageSize::k2M}, 0});
  const TlbEntry huge{0x200, 0x80200, PageSize::k2M, Asid(1), false, 0xCF};  // VA 2 MiB
  t.fill(huge);
  t.fill(page4k(0x7));
  const VirtAddr inside((0x200ULL << 12) + 0x12345);
  auto e = t.lookup(inside, Asid(1));
  ASSERT_TRUE(e);
  EXPECT_EQ(e->size, PageSize::k2M);
  EXPECT_EQ(e->translate(inside).value(), (0x80200ULL << 12) + 0x12345);
  EXPECT_TRUE(t.lookup(va_of(7), Asid(1)));
}

TEST(SetAssocTlb, FlushKindsPerSfenceVma) {
  auto fresh = [] {
    auto t = std::make_unique<SetAssocTlb>("t", TlbConfig{16, 16, ReplacementKind::Lru, 1, {PageSize::k4K}, 0});
    t->fill(page4k(1, 1));
    t->fill(page4k(1, 2));
    t->fill(page4k(2, 1));
    t->fill(page4k(3, 1, true));  // global
    return t;
  };
  auto t = fresh();
  t->flush(TlbFlush::all());
  EXPECT_TRUE(t->contents().empty());

  t = fresh();
  t->flush(TlbFlush::by_asid(Asid(1)));  // ASID 1's non-global entries
  EXPECT_EQ(t->contents().size(), 2u);
  EXPECT_TRUE(t->lookup(va_of(1), Asid(2)));
  EXPECT_TRUE(t->lookup(va_of(3), Asid(1)));

  t = fresh();
  t->flush(TlbFlush::by_va(va_of(1) + 0x800));  // every ASID's entry for the page
  EXPECT_EQ(t->contents().size(), 2u);
  EXPECT_FALSE(t->lookup(va_of(1), Asid(2)));

  t = fresh();
  t->flush(TlbFlush::by_va(va_of(3)));  // rs2 = x0 removes global entries too
  EXPECT_FALSE(t->lookup(va_of(3), Asid(1)));

  t = fresh();
  t->flush(TlbFlush::by_va_asid(va_of(1), Asid(1)));
  EXPECT_FALSE(t->lookup(va_of(1), Asid(1)));
  EXPECT_TRUE(t->lookup(va_of(1), Asid(2)));
  t->flush(TlbFlush::by_va_asid(va_of(3), Asid(1)));  // global survives
  EXPECT_TRUE(t->lookup(va_of(3), Asid(1)));
  EXPECT_EQ(t->stats().invalidations, 1u);
}

TEST(TlbEntry, SplinterKeepsTheUsedPiece) {
  const TlbEntry huge{0x200, 0x80200, PageSize::k2M, Asid(1), false, 0xCF};
  const VirtAddr va((0x200ULL << 12) + 0x5123);
  const TlbEntry piece = huge.splinter(PageSize::k4K, va);
  EXPECT_EQ(piece.size, PageSize::k4K);
  EXPECT_EQ(piece.vpn, 0x205u);
  EXPECT_EQ(piece.ppn, 0x80205u);
  EXPECT_EQ(piece.translate(va), huge.translate(va));
}

TEST(SetAssocTlb, FlushByVaRemovesEveryPieceOfASplinteredSuperpage) {
  SetAssocTlb t("t", TlbConfig{16, 16, ReplacementKind::Lru, 1, {PageSize::k4K}, 0});
  TlbEntry huge{0x200, 0x80200, PageSize::k2M, Asid(1), false, 0xCF};
  huge.leaf_size = PageSize::k2M;
  t.fill(huge.splinter(PageSize::k4K, VirtAddr((0x200ULL << 12) + 0x5000)));
  t.fill(huge.splinter(PageSize::k4K, VirtAddr((0x200ULL << 12) + 0x9000)));
  t.fill(page4k(0x400));
  // An address of the 2 MiB page that neither piece covers still orders the whole leaf.
  t.flush(TlbFlush::by_va(VirtAddr((0x200ULL << 12) + 0x1000)));
  ASSERT_EQ(t.contents().size(), 1u);
  EXPECT_EQ(t.contents()[0].vpn, 0x400u);
  t.fill(huge.splinter(PageSize::k4K, VirtAddr((0x200ULL << 12) + 0x5000)));
  t.flush(TlbFlush::by_va_asid(VirtAddr((0x200ULL << 12) + 0x1FF000), Asid(1)));
  EXPECT_EQ(t.contents().size(), 1u);
}

TEST(TlbLevel, SkylakeL1DtlbRoutesBySize) {
  const MmuConfig cfg;
  TlbLevel g("l1d", cfg.l1_dtlb);
  EXPECT_TRUE(g.holds(PageSize::k1G));
  EXPECT_FALSE(g.holds(PageSize::k512G));
  g.fill(TlbEntry{0x400, 0x80400, PageSize::k2M, Asid(1), false, 0xCF});
  EXPECT_EQ(g.arrays()[1]->contents().size(), 1u);
  EXPECT_TRUE(g.lookup(VirtAddr(0x400ULL << 12), Asid(1)));
  EXPECT_FALSE(g.lookup(VirtAddr(0x800ULL << 12), Asid(1)));
  EXPECT_EQ(g.stats().hits, 1u);
  EXPECT_EQ(g.stats().misses, 1u);
  EXPECT_EQ(dynamic_cast<const SetAssocTlb&>(*g.arrays()[0]).sets(), 16u);
}

TEST(MmuConfig, RejectsImpossibleGeometry) {
  MmuConfig cfg;
  EXPECT_NO_THROW(validate_mmu_config(cfg, ConfigScope(kMmuTable)));
  cfg.l2_tlb.arrays[0].ways = 7;
  EXPECT_THROW(validate_mmu_config(cfg, ConfigScope(kMmuTable)), InputError);
  cfg = MmuConfig{};
  cfg.l1_itlb.arrays[0].ways = 0;
  EXPECT_THROW(validate_mmu_config(cfg, ConfigScope(kMmuTable)), InputError);
  cfg = MmuConfig{};
  cfg.l1_dtlb.arrays.clear();
  EXPECT_THROW(validate_mmu_config(cfg, ConfigScope(kMmuTable)), InputError);
}

TEST(MmuConfig, NamesRoundTrip) {
  const MmuConfig c = read_keys(
      mmu_keys(), "mmu", "[[mmu.l2_tlb]]\nreplacement = \"tree_plru\"\npage_sizes = [\"2M\", \"512G\"]\n");
  EXPECT_EQ(c.l2_tlb.arrays.at(0).replacement, ReplacementKind::TreePlru);
  EXPECT_EQ(c.l2_tlb.arrays.at(0).page_sizes, (PageSizeSet{PageSize::k2M, PageSize::k512G}));
  EXPECT_EQ(read_keys_error(mmu_keys(), "mmu", "[[mmu.l2_tlb]]\nreplacement = \"mru\"\n"),
            "test.toml:2: mmu.l2_tlb[0].replacement: \"mru\" is not one of \"lru\", \"tree_plru\", \"fifo\", \"random\"");
  EXPECT_EQ(read_keys_error(mmu_keys(), "mmu", "[[mmu.l2_tlb]]\npage_sizes = [\"4M\"]\n"),
            "test.toml:2: mmu.l2_tlb[0].page_sizes: \"4M\" is not one of \"4K\", \"2M\", \"1G\", \"512G\"");
  // The names the schema writes read back as the same configuration.
  EXPECT_EQ(mmu_keys().write(read_keys(mmu_keys(), "mmu", "")), mmu_keys().write(MmuConfig{}));
}

}  // namespace
}  // namespace memvp::mmu
