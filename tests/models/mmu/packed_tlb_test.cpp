// PackedTlbLevel (mmu/packed_tlb.h) against TlbLevel of SetAssocTlb arrays: on the same random
// stream of lookups, fills of 4 KiB, 2 MiB and 1 GiB leaves (global or not, with and without A
// and D) and sfence.vma of every kind, in both halves of the address space, every lookup answers
// the same and every statistic is equal, for each replacement policy and for power-of-two,
// other and single set counts.
#include "mmu/packed_tlb.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "mmu/tlb_level.h"

namespace memvp::mmu::test {
namespace {

constexpr ReplacementKind kPolicies[] = {ReplacementKind::Lru, ReplacementKind::TreePlru, ReplacementKind::Fifo,
                                         ReplacementKind::Random};

TlbLevelConfig level(std::uint32_t entries, std::uint32_t ways, ReplacementKind policy) {
  return {{{entries, ways, policy, 7, {PageSize::k4K, PageSize::k2M}, 0}, {4, 4, policy, 9, {PageSize::k1G}, 0}}};
}

// A leaf of `size` mapping va, as TlbReference::of builds it.
TlbEntry leaf(VirtAddr va, PageSize size, Asid asid, bool global, std::uint8_t flags) {
  const std::uint64_t low = (std::uint64_t{1} << (page_shift(size) - 12)) - 1;
  return {(va.value() >> 12) & ~low, 0x80000 + ((va.value() >> 12) & ~low & 0xFFFF), size, asid, global, flags, size};
}

void expect_same_stats(const TlbStats& a, const TlbStats& b) {
  EXPECT_EQ(a.lookups, b.lookups);
  EXPECT_EQ(a.hits, b.hits);
  EXPECT_EQ(a.misses, b.misses);
  EXPECT_EQ(a.fills, b.fills);
  EXPECT_EQ(a.evictions, b.evictions);
  EXPECT_EQ(a.flushes, b.flushes);
  EXPECT_EQ(a.invalidations, b.invalidations);
}

void run_random_stream(const TlbLevelConfig& cfg, std::uint32_t seed) {
  TlbLevel reference("ref", cfg);
  PackedTlbLevel packed(cfg);
  std::mt19937_64 rng(seed);
  std::vector<VirtAddr> pages;
  for (unsigned i = 0; i < 96; ++i) {
    const std::uint64_t base = i % 3 == 0 ? 0xFFFF'FFC0'0000'0000ULL : 0x10'0000'0000ULL;  // Sv39 high and low half
    pages.emplace_back(base + (rng() % (3ULL << 30) & ~0xFFFULL) + (rng() & 0xFFF));
  }
  constexpr PageSize kSizes[] = {PageSize::k4K, PageSize::k4K, PageSize::k4K, PageSize::k2M, PageSize::k1G};
  for (unsigned step = 0; step < 20000; ++step) {
    const VirtAddr va = pages[rng() % pages.size()];
    const Asid asid(static_cast<std::uint16_t>(1 + rng() % 3));
    if (rng() % 64 == 0) {
      const TlbFlush kinds[] = {TlbFlush::all(), TlbFlush::by_asid(asid), TlbFlush::by_va(va),
                                TlbFlush::by_va_asid(va, asid)};
      const TlbFlush f = kinds[rng() % 4];
      reference.flush(f);
      packed.flush(f);
      continue;
    }
    const std::optional<TlbEntry> hit = reference.lookup(va, asid);
    const int ad = packed.lookup(va, asid);
    ASSERT_EQ(hit.has_value(), ad >= 0) << "step " << step;
    if (hit) {
      ASSERT_EQ(hit->flags & 0xC0, ad) << "step " << step;
    }
    if (hit && rng() % 4 != 0) continue;  // a hit is sometimes refilled, as an A/D update would
    const std::uint8_t flags = static_cast<std::uint8_t>(0x1F | (rng() % 4) << 6);
    const TlbEntry e = leaf(va, kSizes[rng() % 5], asid, rng() % 8 == 0, flags);
    fill_largest_held(reference, e, va);
    packed.fill_largest_held(e, va);
  }
  expect_same_stats(packed.stats(), reference.stats());
  EXPECT_GT(reference.stats().evictions, 0u);
  EXPECT_GT(reference.stats().invalidations, 0u);
  EXPECT_GT(reference.stats().hits, 0u);
}

TEST(PackedTlbTest, CountsAsTlbLevelForEveryPolicyAndSetCount) {
  for (const ReplacementKind policy : kPolicies) {
    SCOPED_TRACE(std::string(replacement_name(policy)));
    run_random_stream(level(48, 12, policy), 1);  // 4 sets
    run_random_stream(level(36, 12, policy), 2);  // 3 sets: the set is the page number mod 3
    run_random_stream(level(16, 16, policy), 3);  // one set of 16 ways
    run_random_stream(level(8, 1, policy), 4);    // direct mapped
    run_random_stream(level(30, 5, policy), 5);   // 5 ways: a tree of 8 leaves with 3 missing
  }
}

TEST(PackedTlbTest, FitsArraysOfAtMostSixteenWays) {
  EXPECT_TRUE(PackedTlbLevel::fits(level(1536, 12, ReplacementKind::Lru)));
  EXPECT_TRUE(PackedTlbLevel::fits(level(16, 16, ReplacementKind::Lru)));
  EXPECT_FALSE(PackedTlbLevel::fits(level(32, 32, ReplacementKind::Lru)));
}

}  // namespace
}  // namespace memvp::mmu::test
