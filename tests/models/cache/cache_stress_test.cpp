// Random accesses of two initiators through two small L1s over a small shared L2, checking after
// every access the invariants the coherence approximation keeps: a dirty L1 line is held by no
// other L1 (single writer), every L1 line is in the L2 (inclusion), and data is always right.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <tuple>

#include "cache_fixture.h"

namespace memvp::test {
namespace {

constexpr unsigned kLines = 24;  // more than the L2 holds: evictions at both levels

class CacheStressTest : public TwoLevelTest,
                        public ::testing::WithParamInterface<std::tuple<bool, unsigned>> {
 protected:
  void check_invariants() {
    for (unsigned i = 0; i < kLines; ++i) {
      const PhysAddr a(i * 64);
      for (int k = 0; k < 2; ++k) {
        if (l1[k]->dirty(a)) {
          EXPECT_FALSE(l1[1 - k]->holds(a)) << "line " << i << " dirty in L1 " << k;
        }
        if (l1[k]->holds(a)) {
          EXPECT_TRUE(l2->holds(a)) << "line " << i << " in L1 " << k << " but not in the L2";
        }
      }
    }
  }
};

// Parameters: whether the memory waits inside b_transport, so that misses of the two initiators
// overlap inside the caches (the states they leave before waiting must be consistent); seed.
TEST_P(CacheStressTest, SingleWriterInclusionAndDataUnderRandomTraffic) {
  build(small_cache(256, 2, 2), small_cache(1024, 4, 8));  // L1: 4 lines, L2: 16 lines
  mem->synchronise = std::get<0>(GetParam());
  const unsigned seed = std::get<1>(GetParam());
  std::uint64_t expected[kLines] = {};  // the last value written to each line's first word
  unsigned wrong = 0, invariant_checks = 0;
  for (int k = 0; k < 2; ++k) {
    cpu[k]->script = [&, k, seed](ScriptedInitiator& c) {
      std::mt19937 rng(seed * 2 + k);
      for (int n = 0; n < 3000; ++n) {
        const unsigned line = rng() % kLines;
        if (rng() % 3 == 0) {
          // The cache does the functional part before anything that may wait, so the shadow
          // copy is updated (and read) at the same point in simulation order.
          const std::uint64_t v = (std::uint64_t{rng()} << 8) | k;
          expected[line] = v;
          c.write(line * 64, 8, v);
        } else {
          const std::uint64_t want = expected[line];
          if (c.read(line * 64, 8).value != want) ++wrong;
        }
        check_invariants();
        ++invariant_checks;
      }
    };
  }
  sc_core::sc_start();
  EXPECT_EQ(wrong, 0u);
  EXPECT_EQ(invariant_checks, 6000u);
  EXPECT_GT(l1[0]->stats().invalidations_received + l1[1]->stats().invalidations_received, 0u);
  EXPECT_GT(l2->stats().back_invalidations, 0u);
  EXPECT_GT(l2->stats().writebacks, 0u);
}

INSTANTIATE_TEST_SUITE_P(Memory, CacheStressTest,
                         ::testing::Combine(::testing::Bool(), ::testing::Values(1u, 2u, 3u)),
                         [](const auto& info) {
                           return std::string(std::get<0>(info.param) ? "Waiting" : "Immediate") +
                                  std::to_string(std::get<1>(info.param));
                         });

}  // namespace
}  // namespace memvp::test
