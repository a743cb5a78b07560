// Reads [numa] into NumaConfig. The reader checks types and ranges of single keys; everything that
// concerns several keys (hart membership, distance shape, reachability) is NumaConfig::validate()'s,
// whose message starts with the key it concerns and is reported against it.
#include "platforms/numa_config_reader.h"

#include <string>
#include <vector>

#include <fmt/format.h>

#include "common/error.h"

namespace memvp {

std::optional<NumaConfig> read_numa_config(ConfigReader& r, PhysAddr memory_base, std::uint64_t memory_size,
                                           std::uint32_t harts) {
  NumaConfig c;
  const std::size_t n = r.table_array_size("numa.nodes");
  std::vector<std::uint64_t> sizes;
  std::vector<std::vector<HartId>> node_harts;
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string key = fmt::format("numa.nodes[{}]", i);
    sizes.push_back(r.get_size(key + ".size", 0, 0, 1ULL << 48));
    if (sizes.back() == 0) r.fail(key + ".size", "is missing or 0; every node needs memory");
    if (sizes.back() % 4096 != 0) r.fail(key + ".size", "is not a multiple of 4 KiB");
    total += sizes.back();
    auto& hs = node_harts.emplace_back();
    for (std::uint64_t h : r.get_uint_list(key + ".harts", {}, 0, 1023)) hs.emplace_back(static_cast<std::uint32_t>(h));
  }
  c.topology = r.get_enum<NumaTopology>("numa.topology", c.topology,
                                        {{"full", NumaTopology::Full},
                                         {"ring", NumaTopology::Ring},
                                         {"explicit", NumaTopology::Explicit}});
  for (std::size_t i = 0; const auto& l : r.get_uint_matrix("numa.links", 0, 1023)) {
    if (l.size() != 2) r.fail(fmt::format("numa.links[{}]", i), "expected a pair [a, b]");
    c.links.push_back({NodeId(static_cast<std::uint32_t>(l[0])), NodeId(static_cast<std::uint32_t>(l[1]))});
    ++i;
  }
  c.routing = r.get_enum<NumaRouting>("numa.routing", c.routing, {{"shortest", NumaRouting::Shortest}});
  if (r.defines("numa.hop_latency_ns")) c.hop_latency_ns = r.get_double("numa.hop_latency_ns", 0, 0, 1e9);
  if (r.defines("numa.hop_latency_cycles")) {
    c.hop_latency_cycles = Cycles(r.get_uint("numa.hop_latency_cycles", 0, 0, 1ULL << 32));
  }
  // Mark both as known even when absent, so finish() accepts neither by mistake.
  (void)r.get_double("numa.hop_latency_ns", 0, 0, 1e9);
  (void)r.get_uint("numa.hop_latency_cycles", 0, 0, 1ULL << 32);
  c.clock_hz = r.get_double("numa.clock_hz", c.clock_hz, 1, 1e12);
  c.local_latency_ns = r.get_double("numa.local_latency_ns", c.local_latency_ns, 0, 1e9);
  c.link_bandwidth_gbps = r.get_double("numa.link_bandwidth_gbps", c.link_bandwidth_gbps, 1e-6, 1e6);
  c.header_bytes = static_cast<std::uint32_t>(r.get_uint("numa.header_bytes", c.header_bytes, 0, 4096));
  for (const auto& row : r.get_uint_matrix("numa.distances", 0, 255)) {
    auto& out = c.distances.emplace_back();
    for (std::uint64_t d : row) out.push_back(static_cast<std::uint32_t>(d));
  }
  if (n == 0) {
    if (r.defines("numa")) r.fail("numa.nodes", "[numa] needs at least one [[numa.nodes]]");
    return std::nullopt;
  }
  if (total != memory_size) {
    r.fail("numa.nodes", fmt::format("node sizes add up to {:#x} bytes but memory.size is {:#x}; they must be equal",
                                     total, memory_size));
  }
  c.nodes = NumaConfig::contiguous_nodes(memory_base, sizes, node_harts);
  try {
    c.validate(harts);
  } catch (const InputError& e) {
    const std::string msg = e.what();
    const auto colon = msg.find(": ");
    r.fail(colon == std::string::npos ? "numa" : msg.substr(0, colon),
           colon == std::string::npos ? msg : msg.substr(colon + 2));
  }
  if (n == 1) return std::nullopt;
  // Node-local buses in front of the interconnect keep addresses absolute (see numa_fabric.h).
  c.incoming_base = PhysAddr(0);
  return c;
}

}  // namespace memvp
