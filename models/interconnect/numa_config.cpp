// Validation and derived views of NumaConfig: every check a [numa] table could fail, each with
// one line naming the key (numa.nodes[1].base, numa.distances[0][1], ...), so a bad platform
// file ends the run before elaboration.
#include "interconnect/numa_config.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string>

#include <fmt/format.h>

#include "common/error.h"
#include "interconnect/numa_routing.h"

namespace memvp {
namespace {

void validate_nodes(const NumaConfig& c, std::optional<std::uint32_t> hart_count, const ConfigScope& where) {
  if (c.nodes.empty()) where.fail("nodes", "at least one node is needed");
  std::map<std::uint32_t, std::size_t> owner;  // hart -> node index
  for (std::size_t i = 0; i < c.nodes.size(); ++i) {
    const NumaNode& n = c.nodes[i];
    const ConfigScope node = where.at("nodes").element(i);
    if (n.id.value() != i) {
      node.fail("id", fmt::format("is {}; nodes are listed in id order from 0", n.id.value()));
    }
    if (n.size_bytes == 0) node.fail("size", "must be > 0");
    if (n.base.value() + n.size_bytes - 1 < n.base.value()) {
      node.fail("size", "the node's memory would pass the end of the address space");
    }
    if (i > 0) {
      // QEMU virt (hw/riscv/numa.c riscv_socket_mem_offset): each node starts where the last ends.
      const NumaNode& prev = c.nodes[i - 1];
      const std::uint64_t expect = prev.base.value() + prev.size_bytes;
      if (n.base.value() != expect) {
        node.fail("base",
                  fmt::format("is {:#x}; node memory is contiguous, so it must be {:#x}", n.base.value(), expect));
      }
    }
    for (HartId h : n.harts) {
      if (hart_count && h.value() >= *hart_count) {
        node.fail("harts", fmt::format("hart {} does not exist ({} harts)", h.value(), *hart_count));
      }
      const auto [it, fresh] = owner.emplace(h.value(), i);
      if (!fresh) {
        node.fail("harts", fmt::format("hart {} is already in node {}", h.value(), it->second));
      }
    }
  }
  if (c.incoming_base > c.nodes[0].base) {
    where.fail("incoming_base",
               fmt::format("is {:#x}, above node 0's base {:#x}", c.incoming_base.value(), c.nodes[0].base.value()));
  }
  if (hart_count) {
    for (std::uint32_t h = 0; h < *hart_count; ++h) {
      if (!owner.contains(h)) where.fail("nodes", fmt::format("hart {} belongs to no node", h));
    }
  }
}

void validate_links(const NumaConfig& c, const ConfigScope& where) {
  const std::size_t n = c.nodes.size();
  if (c.topology != NumaTopology::Explicit) {
    if (!c.links.empty()) where.fail("links", "only with topology = \"explicit\"");
    return;
  }
  for (std::size_t i = 0; i < c.links.size(); ++i) {
    const NumaLinkSpec& l = c.links[i];
    const std::string key = fmt::format("links[{}]", i);
    for (NodeId end : {l.a, l.b}) {
      if (end.value() >= n) where.fail(key, fmt::format("node {} does not exist ({} nodes)", end.value(), n));
    }
    if (l.a == l.b) where.fail(key, fmt::format("links node {} to itself", l.a.value()));
    for (std::size_t j = 0; j < i; ++j) {
      const NumaLinkSpec& o = c.links[j];
      if ((o.a == l.a && o.b == l.b) || (o.a == l.b && o.b == l.a)) {
        where.fail(key, fmt::format("repeats links[{}]", j));
      }
    }
  }
}

void validate_distances(const NumaConfig& c, const ConfigScope& where) {
  const std::size_t n = c.nodes.size();
  if (c.distances.empty()) return;
  if (c.distances.size() != n) where.fail("distances", fmt::format("has {} rows for {} nodes", c.distances.size(), n));
  for (std::size_t i = 0; i < n; ++i) {
    if (c.distances[i].size() != n) {
      where.fail(fmt::format("distances[{}]", i), fmt::format("has {} entries for {} nodes", c.distances[i].size(), n));
    }
    // The rules Linux applies to a distance map (drivers/of/of_numa.c, numa_set_distance):
    // 10 to itself, more than 10 to any other node, and a value that fits a SLIT byte.
    // Asymmetric matrices are allowed, as Linux allows them.
    for (std::size_t j = 0; j < n; ++j) {
      const std::uint32_t d = c.distances[i][j];
      const std::string key = fmt::format("distances[{}][{}]", i, j);
      if (i == j && d != kLocalDistance) {
        where.fail(key, fmt::format("is {}; a node's distance to itself must be 10", d));
      }
      if (i != j && (d <= kLocalDistance || d > kMaxDistance)) {
        where.fail(key, fmt::format("is {}; distances between nodes must be 11 to 254", d));
      }
    }
  }
}

void validate_timing(const NumaConfig& c, const ConfigScope& where) {
  auto nonnegative = [](double v) { return std::isfinite(v) && v >= 0; };
  if (c.hop_latency_ns && c.hop_latency_cycles) {
    where.fail("hop_latency_cycles", "give hop_latency_ns or hop_latency_cycles, not both");
  }
  if (c.hop_latency_ns && !nonnegative(*c.hop_latency_ns)) where.fail("hop_latency_ns", "must be >= 0");
  if (!(std::isfinite(c.clock_hz) && c.clock_hz > 0)) where.fail("clock_hz", "must be > 0");
  if (!nonnegative(c.local_latency_ns)) where.fail("local_latency_ns", "must be >= 0");
  if (!(std::isfinite(c.link_bandwidth_gbps) && c.link_bandwidth_gbps > 0)) {
    where.fail("link_bandwidth_gbps", "must be > 0");
  }
}

}  // namespace

void NumaConfig::validate(std::optional<std::uint32_t> hart_count, const ConfigScope& where) const {
  validate_nodes(*this, hart_count, where);
  validate_links(*this, where);
  validate_distances(*this, where);
  validate_timing(*this, where);
  const auto routing_policy = make_numa_routing(*this);
  for (std::size_t to = 1; to < nodes.size(); ++to) {
    if (routing_policy->hops(NodeId(0), NodeId(static_cast<std::uint32_t>(to))) == NumaRoutingPolicy::kUnreachable) {
      where.fail("links", fmt::format("node {} cannot be reached from node 0", to));
    }
  }
}

std::vector<NumaLinkSpec> NumaConfig::link_list() const {
  const auto n = static_cast<std::uint32_t>(nodes.size());
  std::vector<NumaLinkSpec> out;
  switch (topology) {
    case NumaTopology::Full:
      for (std::uint32_t a = 0; a < n; ++a) {
        for (std::uint32_t b = a + 1; b < n; ++b) out.push_back({NodeId(a), NodeId(b)});
      }
      break;
    case NumaTopology::Ring:
      for (std::uint32_t a = 0; a + 1 < n; ++a) out.push_back({NodeId(a), NodeId(a + 1)});
      if (n > 2) out.push_back({NodeId(0), NodeId(n - 1)});  // two nodes: one link, not two
      break;
    case NumaTopology::Explicit:
      for (const NumaLinkSpec& l : links) out.push_back({std::min(l.a, l.b), std::max(l.a, l.b)});
      break;
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::vector<std::uint32_t>> NumaConfig::distance_matrix() const {
  if (!distances.empty()) return distances;
  const std::size_t n = nodes.size();
  const auto routing_policy = make_numa_routing(*this);
  std::vector<std::vector<std::uint32_t>> m(n, std::vector<std::uint32_t>(n));
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      const std::uint32_t h = routing_policy->hops(NodeId(static_cast<std::uint32_t>(i)),
                                                   NodeId(static_cast<std::uint32_t>(j)));
      m[i][j] = std::min<std::uint64_t>(kLocalDistance + 10ULL * h, kMaxDistance);
    }
  }
  return m;
}

double NumaConfig::hop_latency_in_ns() const {
  if (hop_latency_cycles) return static_cast<double>(hop_latency_cycles->value()) / clock_hz * 1e9;
  return hop_latency_ns.value_or(kDefaultHopLatencyNs);
}

std::optional<NodeId> NumaConfig::home_of(PhysAddr pa) const {
  for (const NumaNode& n : nodes) {
    if (pa >= n.base && pa - n.base < n.size_bytes) return n.id;
  }
  return std::nullopt;
}

std::optional<NodeId> NumaConfig::node_of_hart(HartId h) const {
  for (const NumaNode& n : nodes) {
    if (std::find(n.harts.begin(), n.harts.end(), h) != n.harts.end()) return n.id;
  }
  return std::nullopt;
}

std::vector<NumaNode> NumaConfig::contiguous_nodes(PhysAddr base, const std::vector<std::uint64_t>& sizes,
                                                   const std::vector<std::vector<HartId>>& harts) {
  std::vector<NumaNode> out;
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    out.push_back({NodeId(static_cast<std::uint32_t>(i)), base, sizes[i],
                   i < harts.size() ? harts[i] : std::vector<HartId>{}});
    base += sizes[i];
  }
  return out;
}

const char* to_string(NumaTopology t) {
  switch (t) {
    case NumaTopology::Full: return "full";
    case NumaTopology::Ring: return "ring";
    case NumaTopology::Explicit: return "explicit";
  }
  return "?";
}

const char* to_string(NumaRouting r) {
  switch (r) {
    case NumaRouting::Shortest: return "shortest";
  }
  return "?";
}

}  // namespace memvp
