// The L1's HitPath (common/tlm/hit_path.h): offered to a DMI request that asks for it (by an
// L1 only), and try_access() doing exactly what b_transport does for a hit — data, delay,
// statistics, replacement state, the dirty bit — or nothing at all.
#include <gtest/gtest.h>

#include <cstring>

#include "cache_fixture.h"
#include "common/tlm/hit_path.h"

namespace memvp::test {
namespace {

using cache::AccessKind;

HitPath* ask(ScriptedInitiator& cpu, std::uint64_t addr, std::uint64_t* target = nullptr) {
  tlm::tlm_generic_payload gp;
  HitPathRequest request;
  gp.set_extension(&request);
  gp.set_address(addr);
  tlm::tlm_dmi dmi;
  const bool granted = cpu.socket->get_direct_mem_ptr(gp, dmi);
  gp.clear_extension(&request);
  EXPECT_FALSE(granted);  // still no DMI: every access is timed
  if (target) *target = request.target_address;
  return request.path;
}

TEST_F(OneCacheTest, AnL1OffersItsHitPath) {
  build(small_cache(1024, 2, 4));
  std::uint64_t target = 0;
  HitPath* path = nullptr;
  cpu->script = [&](ScriptedInitiator& c) { path = ask(c, 0x1234, &target); };  // once elaborated
  sc_core::sc_start();
  EXPECT_EQ(path, l1.get());
  EXPECT_EQ(target, 0x1234u);
}

TEST_F(TwoLevelTest, ASharedCacheOffersNone) {
  build();
  // The L2 keeps its directory on every access: only b_transport may reach it. The walker's
  // port is bound after the L1s', as the platform binds it.
  ScriptedInitiator walker("walker");
  walker.socket.bind(l2->cpu_side);
  HitPath* from_l2 = l2.get();
  HitPath* from_l1 = nullptr;
  walker.script = [&](ScriptedInitiator& c) { from_l2 = ask(c, 0x40); };
  cpu[0]->script = [&](ScriptedInitiator& c) { from_l1 = ask(c, 0x40); };
  sc_core::sc_start();
  EXPECT_EQ(from_l2, nullptr);
  EXPECT_EQ(from_l1, l1[0].get());  // the L1 in front of it does offer one
}

// The same accesses through b_transport and through try_access give the same times, data,
// statistics and victims.
TEST_F(OneCacheTest, TryAccessDoesWhatAHitDoes) {
  build(small_cache(128, 2, 4));  // one set of two lines
  mem->grant_dmi = true;          // the functional path by pointer, as DDR4 grants it
  std::vector<sc_core::sc_time> took;
  std::uint64_t loaded = 0;
  bool miss_taken = true, crossing_taken = true;
  cpu->script = [&](ScriptedInitiator& c) {
    HitPath* path = ask(c, 0);
    c.write(0x000, 8, 0x1122334455667788);  // miss: 4 + 100, line 0 owned and dirty
    c.read(0x040, 8);                       // miss: line 1
    sc_core::sc_time d = sc_core::SC_ZERO_TIME;
    std::uint64_t v = 0;
    ASSERT_TRUE(path->try_access(0x000, reinterpret_cast<unsigned char*>(&v), 8, false, d));
    took.push_back(d);
    loaded = v;
    const std::uint64_t w = 99;
    d = sc_core::SC_ZERO_TIME;
    ASSERT_TRUE(path->try_access(0x048, reinterpret_cast<unsigned char*>(const_cast<std::uint64_t*>(&w)), 8, true, d));
    took.push_back(d);
    d = sc_core::SC_ZERO_TIME;
    miss_taken = path->try_access(0x080, reinterpret_cast<unsigned char*>(&v), 8, false, d);
    crossing_taken = path->try_access(0x03C, reinterpret_cast<unsigned char*>(&v), 8, false, d);
    took.push_back(d);  // untouched by the refusals
    // LRU: line 0 was touched before line 1, so 0x080 evicts line 0 (dirty: a write-back).
    c.read(0x080, 8);
  };
  sc_core::sc_start();
  ASSERT_EQ(took.size(), 3u);
  EXPECT_EQ(took[0], ns(4));
  EXPECT_EQ(took[1], ns(4));
  EXPECT_EQ(took[2], sc_core::SC_ZERO_TIME);
  EXPECT_EQ(loaded, 0x1122334455667788u);
  EXPECT_FALSE(miss_taken);
  EXPECT_FALSE(crossing_taken);
  std::uint64_t stored = 0;
  std::memcpy(&stored, &mem->mem[0x048], 8);
  EXPECT_EQ(stored, 99u);
  const cache::CacheStats& s = l1->stats();
  EXPECT_EQ(s.hits_of(AccessKind::Read), 1u);
  EXPECT_EQ(s.hits_of(AccessKind::Write), 1u);
  EXPECT_EQ(s.misses_of(AccessKind::Read), 2u);
  EXPECT_EQ(s.misses_of(AccessKind::Write), 1u);
  EXPECT_TRUE(l1->dirty(PhysAddr(0x040)));  // the store hit set it
  EXPECT_FALSE(l1->holds(PhysAddr(0x000)));
  EXPECT_TRUE(l1->holds(PhysAddr(0x040)));
  ASSERT_FALSE(mem->log.empty());
  EXPECT_EQ(mem->log.back().cmd, tlm::TLM_WRITE_COMMAND);  // line 0's write-back
  EXPECT_EQ(mem->log.back().addr, 0x000u);
}

// A store to a line held shared (a read fill beside another L1's copy) needs an upgrade, which
// only b_transport sends.
TEST_F(TwoLevelTest, AStoreNeedingAnUpgradeIsRefused) {
  build();
  mem->grant_dmi = true;
  bool taken = true;
  cpu[1]->script = [&](ScriptedInitiator& c) { c.read(0x100, 8); };
  cpu[0]->script = [&](ScriptedInitiator& c) {
    sc_core::wait(ns(500));  // after cpu1's read
    c.read(0x100, 8);        // shared with l1d1
    HitPath* path = ask(c, 0x100);
    std::uint64_t v = 5;
    sc_core::sc_time d = sc_core::SC_ZERO_TIME;
    taken = path->try_access(0x100, reinterpret_cast<unsigned char*>(&v), 8, true, d);
  };
  sc_core::sc_start();
  EXPECT_FALSE(taken);
  EXPECT_EQ(l1[0]->stats().hits_of(AccessKind::Write), 0u);
}

}  // namespace
}  // namespace memvp::test
