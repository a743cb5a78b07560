// Victim choice in one set of four ways: after filling A, B, C, D and touching A again, LRU
// evicts B, FIFO evicts A and tree-PLRU evicts C (the tree points away from A and from D).
#include <gtest/gtest.h>

#include "cache_fixture.h"

namespace memvp::test {
namespace {

constexpr std::uint64_t kA = 0x000, kB = 0x040, kC = 0x080, kD = 0x0C0, kE = 0x100;

class ReplacementTest : public OneCacheTest {
 protected:
  void run(ReplacementKind kind) {
    build(small_cache(256, 4, 1, kind));
    cpu->script = [](ScriptedInitiator& c) {
      for (std::uint64_t a : {kA, kB, kC, kD, kA, kE}) c.read(a, 8);
    };
    sc_core::sc_start();
  }
  [[nodiscard]] std::uint64_t evicted() const {
    std::uint64_t gone = ~0ULL;
    for (std::uint64_t a : {kA, kB, kC, kD}) {
      if (!l1->holds(PhysAddr(a))) {
        EXPECT_EQ(gone, ~0ULL) << "more than one line evicted";
        gone = a;
      }
    }
    EXPECT_TRUE(l1->holds(PhysAddr(kE)));
    EXPECT_EQ(l1->stats().evictions, 1u);
    return gone;
  }
};

TEST_F(ReplacementTest, LruEvictsLeastRecentlyUsed) {
  run(ReplacementKind::Lru);
  EXPECT_EQ(evicted(), kB);
}

TEST_F(ReplacementTest, FifoEvictsFirstFilled) {
  run(ReplacementKind::Fifo);
  EXPECT_EQ(evicted(), kA);
}

TEST_F(ReplacementTest, TreePlruFollowsTheTree) {
  run(ReplacementKind::TreePlru);
  EXPECT_EQ(evicted(), kC);
}

TEST_F(ReplacementTest, RandomIsReproducible) {
  run(ReplacementKind::Random);
  const std::uint64_t first = evicted();
  EXPECT_NE(first, ~0ULL);
}

}  // namespace
}  // namespace memvp::test
