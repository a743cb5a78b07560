// Replacement policies against hand-computed sequences of hits, fills and victims.
#include <gtest/gtest.h>

#include "common/replacement/fifo_policy.h"
#include "common/replacement/lru_policy.h"
#include "common/replacement/random_policy.h"
#include "common/replacement/tree_plru_policy.h"

namespace memvp::mmu {
namespace {

void fill_all(ReplacementPolicy& p, unsigned ways) {
  for (unsigned w = 0; w < ways; ++w) p.on_fill(0, w);
}

TEST(LruPolicy, EvictsLeastRecentlyUsed) {
  LruPolicy p(1, 4);
  fill_all(p, 4);
  EXPECT_EQ(p.victim(0), 0u);
  p.on_hit(0, 0);
  EXPECT_EQ(p.victim(0), 1u);
  p.on_hit(0, 1);
  p.on_hit(0, 2);
  EXPECT_EQ(p.victim(0), 3u);
  p.on_fill(0, 3);
  EXPECT_EQ(p.victim(0), 0u);
}

TEST(LruPolicy, SetsAreIndependent) {
  LruPolicy p(2, 2);
  p.on_fill(0, 0);
  p.on_fill(0, 1);
  p.on_fill(1, 1);
  p.on_fill(1, 0);
  EXPECT_EQ(p.victim(0), 0u);
  EXPECT_EQ(p.victim(1), 1u);
}

TEST(TreePlruPolicy, FourWaysFollowTheTree) {
  TreePlruPolicy p(1, 4);
  fill_all(p, 4);
  // After fills 0..3: root points left, both halves point to their left way.
  EXPECT_EQ(p.tree(0), (std::vector<std::uint8_t>{0, 0, 0}));
  EXPECT_EQ(p.victim(0), 0u);
  p.on_hit(0, 0);  // root -> right, left node -> way 1
  EXPECT_EQ(p.victim(0), 2u);
  p.on_hit(0, 2);  // root -> left, right node -> way 3
  EXPECT_EQ(p.victim(0), 1u);
  p.on_hit(0, 1);  // root -> right
  EXPECT_EQ(p.victim(0), 3u);
}

TEST(TreePlruPolicy, TwelveWaysNeverPickAMissingWay) {
  TreePlruPolicy p(1, 12);
  // Touching way 8 points the 8..15 node at 12..15, which holds no way; then way 0 points the
  // root right. The victim walk must turn into 8..11 and follow 8's node to 10..11, then 10.
  p.on_hit(0, 8);
  p.on_hit(0, 0);
  EXPECT_EQ(p.victim(0), 10u);
  for (unsigned w = 0; w < 12; ++w) p.on_hit(0, w);
  EXPECT_EQ(p.victim(0), 0u);
  for (unsigned round = 0; round < 50; ++round) {
    const unsigned v = p.victim(0);
    ASSERT_LT(v, 12u);
    p.on_fill(0, v);
  }
}

TEST(FifoPolicy, EvictsOldestFillIgnoringHits) {
  FifoPolicy p(1, 4);
  fill_all(p, 4);
  p.on_hit(0, 0);
  EXPECT_EQ(p.victim(0), 0u);
  p.on_fill(0, 0);
  EXPECT_EQ(p.victim(0), 1u);
  p.on_fill(0, 1);
  EXPECT_EQ(p.victim(0), 2u);
}

TEST(RandomPolicy, SeededSequenceIsFixed) {
  // splitmix64 with seed 42, first outputs mod 4 (computed by hand from the published
  // constants).
  RandomPolicy p(4, 42);
  std::vector<unsigned> got;
  for (int i = 0; i < 8; ++i) got.push_back(p.victim(0));
  EXPECT_EQ(got, (std::vector<unsigned>{1, 3, 2, 0, 2, 2, 1, 0}));
  RandomPolicy again(4, 42);
  EXPECT_EQ(again.victim(0), 1u);
}

TEST(ReplacementFactory, BuildsEachKind) {
  EXPECT_EQ(make_replacement_policy(ReplacementKind::Lru, 1, 4, 0)->name(), "lru");
  EXPECT_EQ(make_replacement_policy(ReplacementKind::TreePlru, 1, 4, 0)->name(), "tree_plru");
  EXPECT_EQ(make_replacement_policy(ReplacementKind::Fifo, 1, 4, 0)->name(), "fifo");
  EXPECT_EQ(make_replacement_policy(ReplacementKind::Random, 1, 4, 0)->name(), "random");
}

}  // namespace
}  // namespace memvp::mmu
