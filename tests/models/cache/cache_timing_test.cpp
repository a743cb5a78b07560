// Exact latencies of one cache over a memory with 100 ns reads and 50 ns writes, at 1 GHz:
// a hit costs the hit latency, a miss adds the line fill, a dirty victim adds its write-back;
// the memory sees only line fills and data-less write-backs, and data is always right.
#include <gtest/gtest.h>

#include "cache_fixture.h"

namespace memvp::test {
namespace {

using cache::AccessKind;

TEST_F(OneCacheTest, HitCostsHitLatencyMissAddsTheLineFill) {
  build(small_cache(1024, 2, 4));
  std::vector<Done> d;
  cpu->script = [&](ScriptedInitiator& c) {
    d.push_back(c.read(0x1008, 8));       // miss: 4 + 100
    d.push_back(c.read(0x1010, 8));       // hit: 4
    d.push_back(c.write(0x1018, 8, 42));  // hit: 4
  };
  sc_core::sc_start();
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].at, ns(104));
  EXPECT_EQ(d[1].at, ns(108));
  EXPECT_EQ(d[2].at, ns(112));
  ASSERT_EQ(mem->log.size(), 1u);  // one aligned, line-sized fill; the hits stay here
  EXPECT_EQ(mem->log[0].cmd, tlm::TLM_READ_COMMAND);
  EXPECT_EQ(mem->log[0].addr, 0x1000u);
  EXPECT_EQ(mem->log[0].len, 64u);
  EXPECT_EQ(mem->debug_accesses, 3u);  // every access is done functionally below
  const cache::CacheStats& s = l1->stats();
  EXPECT_EQ(s.misses_of(AccessKind::Read), 1u);
  EXPECT_EQ(s.hits_of(AccessKind::Read), 1u);
  EXPECT_EQ(s.hits_of(AccessKind::Write), 1u);
  EXPECT_TRUE(l1->dirty(PhysAddr(0x1000)));
}

TEST_F(OneCacheTest, DirtyEvictionAddsTheWriteBack) {
  build(small_cache(128, 2, 4));  // one set of two lines
  std::vector<Done> d;
  cpu->script = [&](ScriptedInitiator& c) {
    d.push_back(c.write(0x000, 8, 7));  // miss, allocate, dirty: 4 + 100
    d.push_back(c.read(0x040, 8));      // miss: 4 + 100
    d.push_back(c.read(0x080, 8));      // miss, evicts dirty 0x000: 4 + 100 + 50
    d.push_back(c.read(0x0C0, 8));      // miss, evicts clean 0x040: 4 + 100
  };
  sc_core::sc_start();
  ASSERT_EQ(d.size(), 4u);
  EXPECT_EQ(d[0].at, ns(104));
  EXPECT_EQ(d[1].at, ns(208));
  EXPECT_EQ(d[2].at, ns(362));
  EXPECT_EQ(d[3].at, ns(466));
  ASSERT_EQ(mem->log.size(), 5u);
  EXPECT_EQ(mem->log[2].cmd, tlm::TLM_READ_COMMAND);  // the fill first, then the write-back
  EXPECT_EQ(mem->log[2].addr, 0x080u);
  EXPECT_EQ(mem->log[3].cmd, tlm::TLM_WRITE_COMMAND);
  EXPECT_EQ(mem->log[3].addr, 0x000u);
  EXPECT_EQ(mem->log[3].len, 64u);
  EXPECT_FALSE(mem->log[3].moves_data);  // memory already holds the data
  EXPECT_EQ(l1->stats().evictions, 2u);
  EXPECT_EQ(l1->stats().writebacks, 1u);
  EXPECT_EQ(mem->mem[0], 7);
}

TEST_F(OneCacheTest, WriteBackNeverOverwritesNewerData) {
  build(small_cache(128, 2, 1));
  cpu->script = [&](ScriptedInitiator& c) {
    c.write(0x000, 8, 1);
    std::uint8_t v = 9;  // another agent writes the line in memory meanwhile
    c.debug(tlm::TLM_WRITE_COMMAND, 0x000, &v, 1);
    c.read(0x040, 8);
    c.read(0x080, 8);  // evicts the dirty line
  };
  sc_core::sc_start();
  EXPECT_EQ(l1->stats().writebacks, 1u);
  EXPECT_EQ(mem->mem[0], 9);
}

TEST_F(OneCacheTest, LineCrossingAccessIsSplit) {
  build(small_cache(1024, 2, 4));
  std::vector<Done> d;
  cpu->script = [&](ScriptedInitiator& c) {
    d.push_back(c.write(0x103C, 8, 0x1122334455667788ULL));  // two misses: 2 x (4 + 100)
    d.push_back(c.read(0x103C, 8));                           // two hits: 2 x 4
  };
  sc_core::sc_start();
  EXPECT_EQ(d[0].at, ns(208));
  EXPECT_EQ(d[1].at, ns(216));
  EXPECT_EQ(d[1].value, 0x1122334455667788ULL);
  EXPECT_EQ(l1->stats().misses_of(AccessKind::Write), 2u);
  EXPECT_EQ(l1->stats().hits_of(AccessKind::Read), 2u);
  ASSERT_EQ(mem->log.size(), 2u);
  EXPECT_EQ(mem->log[0].addr, 0x1000u);
  EXPECT_EQ(mem->log[1].addr, 0x1040u);
}

TEST_F(OneCacheTest, FetchesCountAsFetches) {
  cache::CacheConfig cfg = small_cache(1024, 2, 1);
  cfg.instruction = true;
  build(cfg);
  cpu->script = [&](ScriptedInitiator& c) {
    c.read(0x2000, 8);
    c.read(0x2000, 8);
  };
  sc_core::sc_start();
  EXPECT_EQ(l1->stats().misses_of(AccessKind::Fetch), 1u);
  EXPECT_EQ(l1->stats().hits_of(AccessKind::Fetch), 1u);
  EXPECT_EQ(l1->stats().misses_of(AccessKind::Read), 0u);
}

TEST_F(OneCacheTest, WriteThroughDoesNotAllocateOnWrites) {
  cache::CacheConfig cfg = small_cache(1024, 2, 4);
  cfg.write_policy = cache::WritePolicy::WriteThrough;
  build(cfg);
  std::vector<Done> d;
  cpu->script = [&](ScriptedInitiator& c) {
    d.push_back(c.write(0x3000, 8, 5));  // miss, no allocate: 4 + 50
    d.push_back(c.read(0x3000, 8));      // miss: 4 + 100
    d.push_back(c.write(0x3000, 8, 6));  // hit, written through: 4 + 50
  };
  sc_core::sc_start();
  EXPECT_EQ(d[0].at, ns(54));
  EXPECT_EQ(d[1].at, ns(158));
  EXPECT_EQ(d[1].value, 5u);
  EXPECT_EQ(d[2].at, ns(212));
  EXPECT_FALSE(l1->dirty(PhysAddr(0x3000)));
  EXPECT_EQ(l1->stats().writethroughs, 2u);
  EXPECT_EQ(mem->mem[0x3000], 6);
}

TEST_F(OneCacheTest, ErrorsBelowComeBackAndAllocateNothing) {
  build(small_cache(1024, 2, 4));
  std::vector<Done> d;
  cpu->script = [&](ScriptedInitiator& c) { d.push_back(c.read(2 << 20, 8)); };
  sc_core::sc_start();
  EXPECT_EQ(d[0].status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_TRUE(mem->log.empty());
  EXPECT_EQ(l1->stats().misses_total(), 0u);
}

TEST_F(OneCacheTest, FunctionalPathUsesDmiFromBelowWithTheSameTiming) {
  build(small_cache(1024, 2, 4));
  mem->grant_dmi = true;
  std::vector<Done> d;
  cpu->script = [&](ScriptedInitiator& c) {
    d.push_back(c.write(0x1008, 8, 0xAB));  // miss: 4 + 100
    d.push_back(c.read(0x1008, 8));         // hit: 4
  };
  sc_core::sc_start();
  EXPECT_EQ(d[0].at, ns(104));
  EXPECT_EQ(d[1].at, ns(108));
  EXPECT_EQ(d[1].value, 0xABu);
  EXPECT_EQ(mem->mem[0x1008], 0xAB);
  EXPECT_EQ(mem->debug_accesses, 0u);
  EXPECT_EQ(mem->log.size(), 1u);  // the fill is still a timed transaction
}

TEST_F(OneCacheTest, DeniesDmiToInitiatorsThatTimeNothing) {
  build(small_cache(1024, 2, 4));
  mem->grant_dmi = true;
  bool granted = true;
  cpu->script = [&](ScriptedInitiator& c) {
    tlm::tlm_generic_payload gp;
    tlm::tlm_dmi dmi;
    gp.set_address(0x1000);
    gp.set_command(tlm::TLM_READ_COMMAND);
    granted = c.socket->get_direct_mem_ptr(gp, dmi);
  };
  sc_core::sc_start();
  EXPECT_FALSE(granted);
}

// Two initiators straight on one cache with a single MSHR: misses that overlap in time wait.
class MshrTest : public SystemCTest {
 protected:
  void run(unsigned mshrs) {
    cache::CacheConfig cfg = small_cache(8192, 4, 10);
    cfg.mshrs = mshrs;
    ScriptedInitiator a("a"), b("b");
    cache::Cache l2("l2", cfg);
    TestMemory m("mem", 100, 50);
    a.socket.bind(l2.cpu_side);
    b.socket.bind(l2.cpu_side);
    l2.mem_side.bind(m.socket);
    a.script = [&](ScriptedInitiator& c) { done[0] = c.read(0x0000, 8).at; };
    b.script = [&](ScriptedInitiator& c) { done[1] = c.read(0x4000, 8).at; };
    sc_core::sc_start();
    stats = l2.stats();
  }
  sc_core::sc_time done[2];
  cache::CacheStats stats;
};

TEST_F(MshrTest, OneMshrSerialisesOverlappingMisses) {
  run(1);
  EXPECT_EQ(done[0], ns(110));
  EXPECT_EQ(done[1], ns(210));  // waited from 10 to 110 for the MSHR
  EXPECT_EQ(stats.mshr_stalls, 1u);
  EXPECT_EQ(stats.mshr_stall_cycles, 100u);
}

TEST_F(MshrTest, TwoMshrsOverlapTwoMisses) {
  run(2);
  EXPECT_EQ(done[0], ns(110));
  EXPECT_EQ(done[1], ns(110));
  EXPECT_EQ(stats.mshr_stalls, 0u);
}

}  // namespace
}  // namespace memvp::test
