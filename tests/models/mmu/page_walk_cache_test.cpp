// The page-walk cache on its own: deepest-hit probes, ASID and global tags, LRU per level,
// and which sfence.vma kinds remove non-leaf entries (§12.2.1).
#include <gtest/gtest.h>

#include "mmu/page_walk_cache.h"

namespace memvp::mmu {
namespace {

PageWalkCache::Hit nonleaf(unsigned level, std::uint64_t addr, bool global = false) {
  return {level, PhysAddr(addr), (addr >> 12) << 10 | 1, global};
}

TEST(PageWalkCache, ReturnsTheDeepestHit) {
  PageWalkCache pwc(PwcConfig{});
  const VirtAddr va(0x4020'3000);
  EXPECT_FALSE(pwc.probe(va, Asid(1), kSv39));
  pwc.fill(va, Asid(1), kSv39, nonleaf(2, 0x8000'0008));
  pwc.fill(va, Asid(1), kSv39, nonleaf(1, 0x8000'1008));
  auto hit = pwc.probe(va, Asid(1), kSv39);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->level, 1u);
  // Another 2 MiB region under the same 1 GiB entry only hits at level 2.
  hit = pwc.probe(VirtAddr(0x4060'0000), Asid(1), kSv39);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->level, 2u);
  EXPECT_FALSE(pwc.probe(va, Asid(2), kSv39));  // another address space
  EXPECT_FALSE(pwc.probe(va, Asid(1), kSv48));  // another mode's tables
  EXPECT_EQ(pwc.stats().hits[1], 1u);
  EXPECT_EQ(pwc.stats().hits[2], 1u);
  EXPECT_EQ(pwc.stats().misses, 3u);
}

TEST(PageWalkCache, LevelsEvictLeastRecentlyUsed) {
  PwcConfig cfg;
  cfg.entries = {0, 2, 0, 0};
  PageWalkCache pwc(cfg);
  const VirtAddr a(0x0000'0000), b(0x0020'0000), c(0x0040'0000);
  pwc.fill(a, Asid(1), kSv39, nonleaf(1, 0x8000'0000));
  pwc.fill(b, Asid(1), kSv39, nonleaf(1, 0x8000'0008));
  ASSERT_TRUE(pwc.probe(a, Asid(1), kSv39));
  pwc.fill(c, Asid(1), kSv39, nonleaf(1, 0x8000'0010));  // evicts b
  EXPECT_TRUE(pwc.probe(a, Asid(1), kSv39));
  EXPECT_FALSE(pwc.probe(b, Asid(1), kSv39));
  EXPECT_TRUE(pwc.probe(c, Asid(1), kSv39));
  EXPECT_EQ(pwc.stats().evictions, 1u);
}

TEST(PageWalkCache, FencesWithAVaKeepNonLeafEntries) {
  PageWalkCache pwc(PwcConfig{});
  const VirtAddr va(0x4020'3000);
  pwc.fill(va, Asid(1), kSv39, nonleaf(1, 0x8000'1008));
  pwc.fill(va, Asid(2), kSv39, nonleaf(1, 0x8000'2008));
  pwc.fill(VirtAddr(0x8000'0000), Asid(1), kSv39, nonleaf(1, 0x8000'3008, true));
  pwc.flush(TlbFlush::by_va(va));
  pwc.flush(TlbFlush::by_va_asid(va, Asid(1)));
  EXPECT_EQ(pwc.valid_entries(), 3u);
  pwc.flush(TlbFlush::by_asid(Asid(1)));  // ASID 1's non-global entry only
  EXPECT_EQ(pwc.valid_entries(), 2u);
  EXPECT_TRUE(pwc.probe(VirtAddr(0x8000'0000), Asid(7), kSv39));  // global: any ASID
  pwc.flush(TlbFlush::all());
  EXPECT_EQ(pwc.valid_entries(), 0u);
}

}  // namespace
}  // namespace memvp::mmu
