// `memvp sweep --one-pass` (tools/memvp/sweep_one_pass.h): which keys it takes, the shadows a grid
// needs (shared when points change a level alike, none for a level a point leaves alone), and a
// point's statistics with its shadows in place of the real levels.
#include "tools/memvp/sweep_one_pass.h"

#include <gtest/gtest.h>

#include "common/error.h"

namespace memvp::sweep {
namespace {

using nlohmann::json;

TEST(OnePassTest, TakesTlbGeometryKeysOnly) {
  EXPECT_NO_THROW(check_one_pass_keys({"mmu.l2_tlb[0].entries", "mmu.l1_dtlb[1].ways", "mmu.l1_itlb[0].replacement"}));
  for (const char* key : {"boot.thp", "cache.l2.size", "mmu.pwc.enabled", "mmu.l2_tlb[0].page_sizes",
                          "mmu.l2_tlb[0].latency_cycles", "mmu.l2_tlb.entries"}) {
    EXPECT_THROW(check_one_pass_keys({"mmu.l2_tlb[0].entries", key}), InputError) << key;
  }
}

TEST(OnePassTest, OneShadowPerChangedLevelSharedByPoints) {
  const mmu::MmuConfig base;
  mmu::MmuConfig small = base, small_fifo = base, l1d = base, both = base;
  small.l2_tlb.arrays[0].entries = 768;
  small_fifo.l2_tlb.arrays[0].entries = 768;
  small_fifo.l2_tlb.arrays[0].replacement = ReplacementKind::Fifo;
  l1d.l1_dtlb.arrays[0].entries = 32;
  both = l1d;
  both.l2_tlb.arrays[0].entries = 768;
  const OnePassPlan plan = plan_one_pass(base, {base, small, small_fifo, l1d, both}, {"0", "1", "2", "3", "4"});
  EXPECT_EQ(plan.geometries, (std::vector<std::string>{"l2:768x12:lru", "l2:768x12:fifo", "l1d:32x4:lru"}));
  ASSERT_EQ(plan.points.size(), 5u);
  EXPECT_EQ(plan.points[0], (ShadowIndices{}));
  EXPECT_EQ(plan.points[1], (ShadowIndices{std::nullopt, std::nullopt, 0}));
  EXPECT_EQ(plan.points[2], (ShadowIndices{std::nullopt, std::nullopt, 1}));
  EXPECT_EQ(plan.points[3], (ShadowIndices{std::nullopt, 2, std::nullopt}));
  EXPECT_EQ(plan.points[4], (ShadowIndices{std::nullopt, 2, 0}));
}

TEST(OnePassTest, APointChangingTwoArraysOfALevelIsRejected) {
  mmu::MmuConfig two;
  two.l2_tlb.arrays[0].entries = 768;
  two.l2_tlb.arrays[1].entries = 32;
  try {
    plan_one_pass(mmu::MmuConfig{}, {two}, {"3 (mmu.l2_tlb[0].entries=768 mmu.l2_tlb[1].entries=32)"});
    FAIL();
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "sweep --one-pass: point 3 (mmu.l2_tlb[0].entries=768 mmu.l2_tlb[1].entries=32) changes two "
                           "arrays of mmu.l2_tlb, and a shadow TLB replaces one: run it without --one-pass");
  }
}

json level(std::uint64_t misses) { return {{"lookups", 100}, {"hits", 100 - misses}, {"misses", misses}}; }

TEST(OnePassTest, APointsRowHasItsShadowsInPlaceOfTheLevelsItChanges) {
  json stats;
  stats["harts"] = json::array({{{"mmu",
                                  {{"l1_itlb", level(1)},
                                   {"l1_dtlb", level(2)},
                                   {"l2_tlb", level(3)},
                                   {"shadow_tlbs", json::array({level(7), level(9)})}}}}});
  stats["harts"][0]["mmu"]["shadow_tlbs"][1]["geometry"] = "l1d:32x4:lru";
  const PointResult run{0, stats, ""};
  const PointResult l2 = one_pass_result({std::nullopt, std::nullopt, 0}, run);
  EXPECT_EQ(l2.stats->at("harts")[0]["mmu"]["l2_tlb"]["misses"], 7);
  EXPECT_EQ(l2.stats->at("harts")[0]["mmu"]["l1_dtlb"]["misses"], 2);
  EXPECT_EQ(std::count(l2.unknown.begin(), l2.unknown.end(), "ipc"), 1);
  EXPECT_EQ(std::count(l2.unknown.begin(), l2.unknown.end(), "l2_tlb_misses"), 0);
  const PointResult l1d = one_pass_result({std::nullopt, 1, std::nullopt}, run);
  EXPECT_EQ(l1d.stats->at("harts")[0]["mmu"]["l1_dtlb"], level(9));
  EXPECT_EQ(std::count(l1d.unknown.begin(), l1d.unknown.end(), "l2_tlb_misses"), 1);
}

}  // namespace
}  // namespace memvp::sweep
