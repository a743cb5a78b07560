// The caches over the real bus and DDR4 controller: DRAM sees exactly the line fills and the
// write-backs (never single words), a data-less write-back leaves memory as the functional path
// wrote it, and data read back through the hierarchy is right.
#include <gtest/gtest.h>

#include "cache_fixture.h"
#include "dram/ddr4_controller.h"
#include "interconnect/bus.h"

namespace memvp::test {
namespace {

constexpr std::uint64_t kBase = 0x80000000;

class CacheDramTest : public SystemCTest {
 protected:
  void SetUp() override {
    cpu = std::make_unique<ScriptedInitiator>("cpu");
    l1 = std::make_unique<cache::Cache>("l1d", small_cache(1024, 2, 4));
    l2 = std::make_unique<cache::Cache>("l2", small_cache(4096, 4, 12));
    bus = std::make_unique<Bus>("bus", BusConfig{});
    dram = std::make_unique<Ddr4Controller>("dram", Ddr4Config{});
    cpu->socket.bind(l1->cpu_side);
    l1->mem_side.bind(l2->cpu_side);
    l2->snoop_out.bind(l1->snoop_in);
    l2->mem_side.bind(bus->targ_socket);
    bus->init_socket.bind(dram->socket);
    bus->map(0, PhysAddr(kBase), Ddr4Config{}.size_bytes);
  }
  std::unique_ptr<ScriptedInitiator> cpu;
  std::unique_ptr<cache::Cache> l1, l2;
  std::unique_ptr<Bus> bus;
  std::unique_ptr<Ddr4Controller> dram;
};

TEST_F(CacheDramTest, DramSeesLineFillsAndDataLessWriteBacks) {
  std::vector<Done> d;
  std::uint8_t in_memory = 0;
  cpu->script = [&](ScriptedInitiator& c) {
    d.push_back(c.write(kBase + 0x10, 8, 0x55));  // L1 and L2 miss: one fill
    d.push_back(c.read(kBase + 0x18, 8));         // L1 hit
    std::uint8_t v = 0x66;  // another agent updates the line in memory
    c.debug(tlm::TLM_WRITE_COMMAND, kBase + 0x10, &v, 1);
    // 7 more lines in the L2's set 0 (4 ways): the dirty line is evicted from both levels.
    for (std::uint64_t i = 1; i <= 7; ++i) c.read(kBase + i * 1024, 8);
    c.debug(tlm::TLM_READ_COMMAND, kBase + 0x10, &in_memory, 1);
    d.push_back(c.read(kBase + 0x10, 8));  // a miss again, with the right data
  };
  sc_core::sc_start();
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[1].at - d[0].at, ns(4));
  EXPECT_GT(d[0].at, ns(16));  // 4 + 12 + the DRAM read
  EXPECT_EQ(in_memory, 0x66);  // the write-back stored nothing
  EXPECT_EQ(d[2].value & 0xFF, 0x66u);
  EXPECT_EQ(l2->stats().writebacks, 1u);
  EXPECT_EQ(dram->stats().reads(), 9u);   // the 9 line fills of the L2
  EXPECT_EQ(dram->stats().writes(), 1u);  // the one write-back
}

// Below the cache, two memories each answer DMI for their own range (as NUMA nodes do): the
// functional path reaches both directly, and the timing is the same as through debug transport.
class CacheFunctionalPath : public SystemCTest {};

TEST_F(CacheFunctionalPath, UsesDmiForEveryRangeTheLevelBelowGrants) {
  ScriptedInitiator cpu("cpu");
  cache::Cache l1("l1d", small_cache(1024, 2, 4));
  Bus bus("bus", BusConfig{});
  TestMemory mem0("mem0", 100, 50), mem1("mem1", 100, 50);
  cpu.socket.bind(l1.cpu_side);
  l1.mem_side.bind(bus.targ_socket);
  bus.init_socket.bind(mem0.socket);
  bus.init_socket.bind(mem1.socket);
  bus.map(0, PhysAddr(0), 1 << 20);
  bus.map(1, PhysAddr(1 << 20), 1 << 20);
  mem0.grant_dmi = mem1.grant_dmi = true;
  std::vector<Done> d;
  cpu.script = [&](ScriptedInitiator& c) {
    d.push_back(c.write(0x1008, 8, 0xAB));             // miss: 4 + 100
    d.push_back(c.write((1 << 20) + 0x1008, 8, 0xCD));  // miss: 4 + 100
    d.push_back(c.read(0x1008, 8));                    // hit: 4
    d.push_back(c.read((1 << 20) + 0x1008, 8));         // hit: 4
  };
  sc_core::sc_start();
  ASSERT_EQ(d.size(), 4u);
  EXPECT_EQ(d[0].at, ns(104));
  EXPECT_EQ(d[1].at, ns(208));
  EXPECT_EQ(d[3].at, ns(216));
  EXPECT_EQ(d[2].value, 0xABu);
  EXPECT_EQ(d[3].value, 0xCDu);
  EXPECT_EQ(mem0.mem[0x1008], 0xAB);
  EXPECT_EQ(mem1.mem[0x1008], 0xCD);
  EXPECT_EQ(mem0.debug_accesses + mem1.debug_accesses, 0u);
}

}  // namespace
}  // namespace memvp::test
