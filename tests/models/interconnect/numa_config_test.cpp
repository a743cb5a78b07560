// NumaConfig validation (one InputError line naming the key), the topologies' link lists,
// shortest-path routing with its tie-break, default distances and the device-tree view.
#include <gtest/gtest.h>

#include <string>

#include "common/error.h"
#include "interconnect/interconnect_schema.h"
#include "interconnect/numa_config.h"
#include "interconnect/numa_dtb.h"
#include "interconnect/numa_routing.h"
#include "read_keys.h"

namespace memvp {
namespace {

constexpr std::uint64_t kMiB = 1ULL << 20;

NumaConfig nodes(std::size_t n, NumaTopology topology = NumaTopology::Full) {
  NumaConfig c;
  std::vector<std::vector<HartId>> harts;
  for (std::uint32_t i = 0; i < n; ++i) harts.push_back({HartId(i)});
  c.nodes = NumaConfig::contiguous_nodes(PhysAddr(0x8000'0000), std::vector<std::uint64_t>(n, 64 * kMiB), harts);
  c.topology = topology;
  return c;
}

// The message of the InputError `f` throws; fails the test when it throws nothing.
template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no InputError";
  return {};
}

void expect_one_line_error(const NumaConfig& c, const std::string& expected) {
  const std::string msg = error_of([&] { c.validate(); });
  EXPECT_EQ(msg, expected);
  EXPECT_EQ(msg.find('\n'), std::string::npos);
}

std::vector<std::uint32_t> ids(const std::vector<NodeId>& path) {
  std::vector<std::uint32_t> out;
  for (NodeId n : path) out.push_back(n.value());
  return out;
}

TEST(NumaConfig, ContiguousNodesAreValid) {
  NumaConfig c = nodes(2);
  EXPECT_NO_THROW(c.validate(2));
  EXPECT_EQ(c.nodes[1].base, PhysAddr(0x8400'0000));
  EXPECT_EQ(c.home_of(PhysAddr(0x83ff'ffff)), NodeId(0));
  EXPECT_EQ(c.home_of(PhysAddr(0x8400'0000)), NodeId(1));
  EXPECT_FALSE(c.home_of(PhysAddr(0x8800'0000)));
  EXPECT_EQ(c.node_of_hart(HartId(1)), NodeId(1));
}

TEST(NumaConfig, DiagonalMustBeLocalDistance) {
  NumaConfig c = nodes(2);
  c.distances = {{10, 20}, {20, 12}};
  expect_one_line_error(c, "numa.distances[1][1]: is 12; a node's distance to itself must be 10");
}

TEST(NumaConfig, RemoteDistanceMustExceedLocalAndFitASlitByte) {
  NumaConfig c = nodes(2);
  c.distances = {{10, 10}, {20, 10}};
  expect_one_line_error(c, "numa.distances[0][1]: is 10; distances between nodes must be 11 to 254");
  c.distances = {{10, 20}, {255, 10}};
  expect_one_line_error(c, "numa.distances[1][0]: is 255; distances between nodes must be 11 to 254");
}

TEST(NumaConfig, AsymmetricDistancesAreAllowedAsInLinux) {
  NumaConfig c = nodes(2);
  c.distances = {{10, 20}, {30, 10}};
  EXPECT_NO_THROW(c.validate());
}

TEST(NumaConfig, MatrixMustMatchNodeCount) {
  NumaConfig c = nodes(3);
  c.distances = {{10, 20}, {20, 10}};
  expect_one_line_error(c, "numa.distances: has 2 rows for 3 nodes");
}

TEST(NumaConfig, UnknownTopologyNamesTheKey) {
  EXPECT_EQ(read_keys(numa_keys(), kNumaTable, "[numa]\ntopology = \"ring\"\n").topology, NumaTopology::Ring);
  EXPECT_EQ(read_keys_error(numa_keys(), kNumaTable, "[numa]\ntopology = \"mesh\"\n"),
            "test.toml:2: numa.topology: \"mesh\" is not one of \"full\", \"ring\", \"explicit\"");
  EXPECT_EQ(read_keys_error(numa_keys(), kNumaTable, "[numa]\nrouting = \"adaptive\"\n"),
            "test.toml:2: numa.routing: \"adaptive\" is not one of \"shortest\"");
}

TEST(NumaConfig, LinkToANonexistentNode) {
  NumaConfig c = nodes(3, NumaTopology::Explicit);
  c.links = {{NodeId(0), NodeId(1)}, {NodeId(1), NodeId(5)}};
  expect_one_line_error(c, "numa.links[1]: node 5 does not exist (3 nodes)");
}

TEST(NumaConfig, BadLinkLists) {
  NumaConfig c = nodes(3, NumaTopology::Explicit);
  c.links = {{NodeId(0), NodeId(0)}};
  expect_one_line_error(c, "numa.links[0]: links node 0 to itself");
  c.links = {{NodeId(0), NodeId(1)}, {NodeId(1), NodeId(0)}};
  expect_one_line_error(c, "numa.links[1]: repeats links[0]");
  c.links = {{NodeId(0), NodeId(1)}};
  expect_one_line_error(c, "numa.links: node 2 cannot be reached from node 0");
  NumaConfig full = nodes(2);
  full.links = {{NodeId(0), NodeId(1)}};
  expect_one_line_error(full, "numa.links: only with topology = \"explicit\"");
}

TEST(NumaConfig, NodesAreContiguousInIdOrder) {
  NumaConfig c = nodes(2);
  c.nodes[1].base = PhysAddr(0x9000'0000);
  expect_one_line_error(c, "numa.nodes[1].base: is 0x90000000; node memory is contiguous, so it must be 0x84000000");
  c = nodes(2);
  c.nodes[1].id = NodeId(3);
  expect_one_line_error(c, "numa.nodes[1].id: is 3; nodes are listed in id order from 0");
  c = nodes(2);
  c.nodes[0].size_bytes = 0;
  expect_one_line_error(c, "numa.nodes[0].size: must be > 0");
  expect_one_line_error(NumaConfig{}, "numa.nodes: at least one node is needed");
  c = nodes(2);
  c.incoming_base = PhysAddr(0x9000'0000);
  expect_one_line_error(c, "numa.incoming_base: is 0x90000000, above node 0's base 0x80000000");
}

TEST(NumaConfig, EveryHartInExactlyOneNode) {
  NumaConfig c = nodes(2);
  c.nodes[1].harts = {HartId(0)};
  expect_one_line_error(c, "numa.nodes[1].harts: hart 0 is already in node 0");
  c = nodes(2);
  EXPECT_EQ(error_of([&] { c.validate(3); }), "numa.nodes: hart 2 belongs to no node");
  EXPECT_EQ(error_of([&] { c.validate(1); }), "numa.nodes[1].harts: hart 1 does not exist (1 harts)");
}

TEST(NumaConfig, TimingKeys) {
  NumaConfig c = nodes(2);
  c.hop_latency_ns = 10.0;
  c.hop_latency_cycles = Cycles(20);
  expect_one_line_error(c, "numa.hop_latency_cycles: give hop_latency_ns or hop_latency_cycles, not both");
  c.hop_latency_ns.reset();
  c.clock_hz = 2e9;
  EXPECT_DOUBLE_EQ(c.hop_latency_in_ns(), 10.0);  // 20 cycles at 2 GHz
  c.hop_latency_cycles.reset();
  EXPECT_DOUBLE_EQ(c.hop_latency_in_ns(), kDefaultHopLatencyNs);
  c.link_bandwidth_gbps = 0;
  expect_one_line_error(c, "numa.link_bandwidth_gbps: must be > 0");
}

TEST(NumaConfig, TopologiesGiveTheirLinks) {
  const auto pairs = [](const NumaConfig& c) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
    for (const NumaLinkSpec& l : c.link_list()) out.emplace_back(l.a.value(), l.b.value());
    return out;
  };
  using P = std::vector<std::pair<std::uint32_t, std::uint32_t>>;
  EXPECT_EQ(pairs(nodes(3)), (P{{0, 1}, {0, 2}, {1, 2}}));
  EXPECT_EQ(pairs(nodes(4, NumaTopology::Ring)), (P{{0, 1}, {0, 3}, {1, 2}, {2, 3}}));
  EXPECT_EQ(pairs(nodes(2, NumaTopology::Ring)), (P{{0, 1}}));
  NumaConfig e = nodes(3, NumaTopology::Explicit);
  e.links = {{NodeId(2), NodeId(1)}, {NodeId(1), NodeId(0)}};
  EXPECT_EQ(pairs(e), (P{{0, 1}, {1, 2}}));
}

TEST(NumaRouting, ShortestPathTiesGoToTheLowestNode) {
  const NumaConfig ring = nodes(4, NumaTopology::Ring);
  const auto r = make_numa_routing(ring);
  EXPECT_EQ(ids(r->route(NodeId(0), NodeId(2))), (std::vector<std::uint32_t>{0, 1, 2}));
  EXPECT_EQ(ids(r->route(NodeId(2), NodeId(0))), (std::vector<std::uint32_t>{2, 1, 0}));
  EXPECT_EQ(ids(r->route(NodeId(1), NodeId(3))), (std::vector<std::uint32_t>{1, 0, 3}));
  EXPECT_EQ(ids(r->route(NodeId(3), NodeId(0))), (std::vector<std::uint32_t>{3, 0}));
  EXPECT_EQ(ids(r->route(NodeId(2), NodeId(2))), (std::vector<std::uint32_t>{2}));
  EXPECT_EQ(r->hops(NodeId(1), NodeId(3)), 2u);
  NumaConfig line = nodes(4, NumaTopology::Explicit);
  line.links = {{NodeId(0), NodeId(1)}, {NodeId(1), NodeId(2)}, {NodeId(2), NodeId(3)}};
  EXPECT_EQ(ids(make_numa_routing(line)->route(NodeId(3), NodeId(0))), (std::vector<std::uint32_t>{3, 2, 1, 0}));
}

TEST(NumaConfig, DefaultDistancesFollowHopCount) {
  using M = std::vector<std::vector<std::uint32_t>>;
  EXPECT_EQ(nodes(2).distance_matrix(), (M{{10, 20}, {20, 10}}));
  EXPECT_EQ(nodes(4, NumaTopology::Ring).distance_matrix(),
            (M{{10, 20, 30, 20}, {20, 10, 20, 30}, {30, 20, 10, 20}, {20, 30, 20, 10}}));
  NumaConfig c = nodes(2);
  c.distances = {{10, 21}, {31, 10}};
  EXPECT_EQ(c.distance_matrix(), c.distances);
}

TEST(NumaDtb, MemoryCpusAndDistanceTriplets) {
  NumaConfig c = nodes(2);
  c.nodes[0].harts = {HartId(2), HartId(0)};
  c.nodes[1].harts = {HartId(1), HartId(3)};
  c.distances = {{10, 21}, {31, 10}};
  const NumaDtbInfo d = numa_dtb_info(c);
  ASSERT_EQ(d.memory.size(), 2u);
  EXPECT_EQ(d.memory[1].node, NodeId(1));
  EXPECT_EQ(d.memory[1].base, PhysAddr(0x8400'0000));
  EXPECT_EQ(d.memory[1].size, 64 * kMiB);
  const std::vector<std::pair<HartId, NodeId>> cpus{
      {HartId(0), NodeId(0)}, {HartId(1), NodeId(1)}, {HartId(2), NodeId(0)}, {HartId(3), NodeId(1)}};
  EXPECT_EQ(d.cpus, cpus);
  EXPECT_EQ(d.distance_matrix, (std::vector<std::uint32_t>{0, 0, 10, 0, 1, 21, 1, 0, 31, 1, 1, 10}));
}

}  // namespace
}  // namespace memvp
