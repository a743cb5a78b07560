// Counting and naming of the NUMA statistics. Every name is present from the first access on,
// zero or not, so scripts need no checks; names are stable (docs/interconnect.md).
#include "interconnect/numa_stats.h"

#include <fmt/format.h>

namespace memvp {
namespace {

double ns(sc_core::sc_time t) { return t.to_seconds() * 1e9; }

double ratio(double num, double den) { return den > 0 ? num / den : 0.0; }

void add_direction(std::vector<std::pair<std::string, double>>& v, const std::string& prefix,
                   const LinkChannel& c, sc_core::sc_time elapsed) {
  const auto d = [](std::uint64_t x) { return static_cast<double>(x); };
  v.emplace_back(prefix + "bytes", d(c.bytes()));
  v.emplace_back(prefix + "transfers", d(c.transfers()));
  v.emplace_back(prefix + "busy_ns", ns(c.busy()));
  v.emplace_back(prefix + "utilisation", ratio(ns(c.busy()), ns(elapsed)));
  v.emplace_back(prefix + "queue_delay_total_ns", ns(c.queued()));
  v.emplace_back(prefix + "queue_delay_avg_ns", ratio(ns(c.queued()), d(c.transfers())));
}

}  // namespace

NumaStats::NumaStats(std::size_t nodes) : nodes_(nodes) {
  for (NumaNodeCounters& n : nodes_) n.to_node.assign(nodes, 0);
}

void NumaStats::record_access(NodeId from, NodeId home, sc_core::sc_time latency) {
  NumaNodeCounters& req = nodes_.at(from.value());
  NumaNodeCounters& mem = nodes_.at(home.value());
  ++req.to_node.at(home.value());
  if (from == home) {
    ++req.local_accesses;
    ++mem.served_local;
    req.local_latency += latency;
  } else {
    ++req.remote_accesses;
    ++mem.served_remote;
    req.remote_latency += latency;
  }
}

std::vector<std::pair<std::string, double>> NumaStats::named_values(const std::vector<NumaLinkState>& links,
                                                                    sc_core::sc_time elapsed) const {
  const auto d = [](std::uint64_t x) { return static_cast<double>(x); };
  std::vector<std::pair<std::string, double>> v;
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    const NumaNodeCounters& n = nodes_[i];
    const std::string p = fmt::format("node{}.", i);
    v.emplace_back(p + "local_accesses", d(n.local_accesses));
    v.emplace_back(p + "remote_accesses", d(n.remote_accesses));
    v.emplace_back(p + "served_local", d(n.served_local));
    v.emplace_back(p + "served_remote", d(n.served_remote));
    v.emplace_back(p + "local_latency_avg_ns", ratio(ns(n.local_latency), d(n.local_accesses)));
    v.emplace_back(p + "remote_latency_avg_ns", ratio(ns(n.remote_latency), d(n.remote_accesses)));
    for (std::size_t j = 0; j < n.to_node.size(); ++j) {
      v.emplace_back(fmt::format("{}to_node{}", p, j), d(n.to_node[j]));
    }
  }
  for (const NumaLinkState& l : links) {
    add_direction(v, fmt::format("link{}_{}.{}to{}.", l.a, l.b, l.a, l.b), l.up, elapsed);
    add_direction(v, fmt::format("link{}_{}.{}to{}.", l.a, l.b, l.b, l.a), l.down, elapsed);
  }
  return v;
}

}  // namespace memvp
