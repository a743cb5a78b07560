// Two L1s (2 cycles) sharing an L2 (10 cycles) over a 100 ns memory: data is right whatever the
// coherence state; a write in one L1 invalidates the other's copy (its next read misses); a
// second reader downgrades an owner, whose dirty line is written back into the L2; an L2
// eviction back-invalidates the L1 copies.
#include <gtest/gtest.h>

#include "cache_fixture.h"
#include "common/stats/named_values.h"

namespace memvp::test {
namespace {

using cache::AccessKind;
constexpr std::uint64_t kX = 0x5000;

TEST_F(TwoLevelTest, ReadAfterWriteThroughTwoL1s) {
  build();
  Done seen{};
  cpu[0]->script = [&](ScriptedInitiator& c) { c.write(kX, 8, 0xC0FFEE); };
  cpu[1]->script = [&](ScriptedInitiator& c) {
    c.read(kX, 8);  // an old copy in L1 1
    sc_core::wait(ns(1000));
    seen = c.read(kX, 8);
  };
  sc_core::sc_start();
  EXPECT_EQ(seen.value, 0xC0FFEEu);
  EXPECT_EQ(mem->mem[kX], 0xEE);
}

TEST_F(TwoLevelTest, WriteInvalidatesTheOtherCopy) {
  build();
  Done d[4];
  cpu[0]->script = [&](ScriptedInitiator& c) {
    d[0] = c.read(kX, 8);  // L1 miss, L2 miss: 2 + 10 + 100; granted exclusive
    sc_core::wait(ns(2000) - sc_core::sc_time_stamp());
    d[2] = c.write(kX, 8, 1);  // shared now: upgrade, 2 + 10 + snoop 2
  };
  cpu[1]->script = [&](ScriptedInitiator& c) {
    sc_core::wait(ns(1000));
    d[1] = c.read(kX, 8);  // L1 miss, L2 hit, L1 0 downgraded: 2 + 10 + 2
    sc_core::wait(ns(3000) - sc_core::sc_time_stamp());
    d[3] = c.read(kX, 8);  // invalidated: miss; L1 0 writes back into L2: 2 + 10 + 2 + 10
  };
  sc_core::sc_start();
  EXPECT_EQ(d[0].at, ns(112));
  EXPECT_EQ(d[1].at, ns(1014));
  EXPECT_EQ(d[2].at, ns(2014));
  EXPECT_EQ(d[3].at, ns(3024));
  EXPECT_EQ(d[3].value, 1u);
  EXPECT_EQ(l1[1]->stats().invalidations_received, 1u);
  EXPECT_EQ(l1[1]->stats().misses_of(AccessKind::Read), 2u);
  EXPECT_EQ(l1[0]->stats().upgrades, 1u);
  EXPECT_EQ(l1[0]->stats().downgrades_received, 2u);
  EXPECT_EQ(l1[0]->stats().writebacks, 1u);
  EXPECT_FALSE(l1[0]->dirty(PhysAddr(kX)));
  EXPECT_TRUE(l2->dirty(PhysAddr(kX)));
  EXPECT_EQ(l2->stats().snoops_sent, 3u);
  EXPECT_EQ(mem->log.size(), 1u);  // the one fill from memory
}

TEST_F(TwoLevelTest, ExclusiveLineIsWrittenWithoutAskingTheL2) {
  build();
  Done w{};
  cpu[0]->script = [&](ScriptedInitiator& c) {
    c.read(kX, 8);
    w = c.write(kX, 8, 3);
  };
  sc_core::sc_start();
  EXPECT_EQ(w.at, ns(114));
  EXPECT_EQ(l1[0]->stats().upgrades, 0u);
  EXPECT_EQ(l2->stats().hits_total() + l2->stats().misses_total(), 1u);
}

TEST_F(TwoLevelTest, WriteAllocateFillInvalidatesTheOtherCopy) {
  build();
  cpu[0]->script = [&](ScriptedInitiator& c) { c.read(kX, 8); };
  cpu[1]->script = [&](ScriptedInitiator& c) {
    sc_core::wait(ns(500));
    c.write(kX, 8, 4);  // L1 miss: the fill asks for ownership
  };
  sc_core::sc_start();
  EXPECT_FALSE(l1[0]->holds(PhysAddr(kX)));
  EXPECT_EQ(l1[0]->stats().invalidations_received, 1u);
  EXPECT_EQ(l2->stats().hits_of(AccessKind::Write), 1u);  // the ReadOwn fill, counted as a write
}

TEST_F(TwoLevelTest, L2EvictionBackInvalidatesDirtyL1Copy) {
  build(small_cache(1024, 2, 2), small_cache(128, 2, 10));  // L2: one set of two lines
  cpu[0]->script = [&](ScriptedInitiator& c) {
    c.write(0x000, 8, 1);  // dirty in L1 0
    c.read(0x040, 8);
    c.read(0x080, 8);  // L2 evicts 0x000: L1 0 loses it, its dirty data goes to memory
  };
  sc_core::sc_start();
  EXPECT_FALSE(l1[0]->holds(PhysAddr(0x000)));
  EXPECT_EQ(l2->stats().back_invalidations, 1u);
  EXPECT_EQ(l1[0]->stats().invalidations_received, 1u);
  EXPECT_EQ(l2->stats().writebacks, 1u);
  ASSERT_EQ(mem->count(tlm::TLM_WRITE_COMMAND), 1u);
  EXPECT_EQ(mem->mem[0], 1);
}

// The walker's PTE reads and A/D updates entering at the L2 on a port after the L1s' ports: a
// read is tracked for nobody; a write invalidates the L1 copies.
TEST_F(TwoLevelTest, UntrackedInitiatorAtTheL2) {
  build();
  ScriptedInitiator walker("walker");
  walker.socket.bind(l2->cpu_side);  // port 2: no snoop channel
  Done pte{};
  cpu[0]->script = [&](ScriptedInitiator& c) { c.read(kX, 8); };
  walker.script = [&](ScriptedInitiator& c) {
    sc_core::wait(ns(500));
    pte = c.read(kX + 8, 8);  // L2 hit: 10
    c.write(kX + 8, 8, 0xCF);  // the A/D update
  };
  sc_core::sc_start();
  EXPECT_EQ(pte.at, ns(510));
  EXPECT_FALSE(l1[0]->holds(PhysAddr(kX)));
  EXPECT_EQ(l1[0]->stats().invalidations_received, 1u);
  EXPECT_TRUE(l2->dirty(PhysAddr(kX)));
  EXPECT_EQ(mem->mem[kX + 8], 0xCF);
}

TEST_F(TwoLevelTest, StatisticsHaveStableNames) {
  build();
  cpu[0]->script = [&](ScriptedInitiator& c) { c.read(kX, 8); };
  sc_core::sc_start();
  const auto v = stats::named_values(*l2);
  auto value = [&](const std::string& n) {
    for (const auto& [name, x] : v)
      if (name == n) return x;
    ADD_FAILURE() << "no statistic " << n;
    return -1.0;
  };
  EXPECT_EQ(value("read_misses"), 1.0);
  EXPECT_EQ(value("miss_rate"), 1.0);
  for (const char* n : {"read_hits", "write_hits", "write_misses", "fetch_hits", "fetch_misses",
                        "hits", "misses", "evictions", "writebacks", "writethroughs", "upgrades",
                        "invalidations_received", "downgrades_received", "back_invalidations",
                        "snoops_sent", "mshr_stalls", "mshr_stall_cycles"})
    EXPECT_GE(value(n), 0.0) << n;
}

}  // namespace
}  // namespace memvp::test
