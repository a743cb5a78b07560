// Test scaffolding for the cache models: config helpers and fixtures that build one cache or
// two L1s sharing an L2 over a TestMemory, each test in a fresh SystemC context
// (tests/support/sc_test.h).
#pragma once

#include <cstdint>
#include <memory>

#include "cache/cache.h"
#include "test_memory.h"
#include "sc_test.h"

namespace memvp::test {

inline sc_core::sc_time ns(double v) { return sc_core::sc_time(v, sc_core::SC_NS); }

// A cache of `size` bytes and `ways` ways, 64-byte lines, at 1 GHz (one cycle = 1 ns).
inline cache::CacheConfig small_cache(std::uint64_t size, std::uint32_t ways,
                                      std::uint32_t hit_cycles,
                                      ReplacementKind repl = ReplacementKind::Lru) {
  cache::CacheConfig c;
  c.size_bytes = size;
  c.ways = ways;
  c.hit_latency_cycles = hit_cycles;
  c.replacement = repl;
  c.clock_hz = 1e9;
  return c;
}

// One initiator, one cache, a memory with 100 ns reads and 50 ns writes.
class OneCacheTest : public SystemCTest {
 protected:
  void build(const cache::CacheConfig& cfg) {
    cpu = std::make_unique<ScriptedInitiator>("cpu");
    l1 = std::make_unique<cache::Cache>("l1d", cfg);
    mem = std::make_unique<TestMemory>("mem", 100, 50);
    cpu->socket.bind(l1->cpu_side);
    l1->mem_side.bind(mem->socket);
  }
  std::unique_ptr<ScriptedInitiator> cpu;
  std::unique_ptr<cache::Cache> l1;
  std::unique_ptr<TestMemory> mem;
};

// Two initiators, each with an L1 (2 cycles), sharing an L2 (10 cycles) over the test memory.
class TwoLevelTest : public SystemCTest {
 protected:
  void build(const cache::CacheConfig& l1cfg, const cache::CacheConfig& l2cfg) {
    for (int i = 0; i < 2; ++i) {
      cpu[i] = std::make_unique<ScriptedInitiator>(i ? "cpu1" : "cpu0");
      l1[i] = std::make_unique<cache::Cache>(i ? "l1d1" : "l1d0", l1cfg);
    }
    l2 = std::make_unique<cache::Cache>("l2", l2cfg);
    mem = std::make_unique<TestMemory>("mem", 100, 50);
    for (int i = 0; i < 2; ++i) {
      cpu[i]->socket.bind(l1[i]->cpu_side);
      l1[i]->mem_side.bind(l2->cpu_side);
      l2->snoop_out.bind(l1[i]->snoop_in);
    }
    l2->mem_side.bind(mem->socket);
  }
  void build() { build(small_cache(1024, 2, 2), small_cache(8192, 4, 10)); }
  std::unique_ptr<ScriptedInitiator> cpu[2];
  std::unique_ptr<cache::Cache> l1[2];
  std::unique_ptr<cache::Cache> l2;
  std::unique_ptr<TestMemory> mem;
};

}  // namespace memvp::test
