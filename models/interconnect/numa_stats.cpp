// Counting and naming of the NUMA statistics. Every name is present from the first access on,
// zero or not, so scripts need no checks; names are stable (docs/interconnect.md).
#include "interconnect/numa_stats.h"

#include <string>

#include <fmt/format.h>

namespace memvp {
namespace {

double ns(sc_core::sc_time t) { return t.to_seconds() * 1e9; }

double ratio(double num, double den) { return den > 0 ? num / den : 0.0; }

// One direction of a link, as the group "<x>to<y>".
void visit_direction(stats::Visitor& v, const std::string& name, const LinkChannel& c, sc_core::sc_time elapsed) {
  v.group(name, "one direction of the link", [&] {
    v.counter("bytes", c.bytes(), "bytes carried in this direction");
    v.counter("transfers", c.transfers(), "messages carried in this direction");
    v.real("busy_ns", ns(c.busy()), "time the direction was occupied");
    v.real("utilisation", ratio(ns(c.busy()), ns(elapsed)), "busy_ns / elapsed time");
    v.real("queue_delay_total_ns", ns(c.queued()), "time messages waited for the direction to free");
    v.real("queue_delay_avg_ns", ratio(ns(c.queued()), static_cast<double>(c.transfers())), "queue_delay_total_ns / transfers");
  });
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

void NumaStats::visit_stats(stats::Visitor& v, const std::vector<NumaLinkState>& links, sc_core::sc_time elapsed) const {
  const auto d = [](std::uint64_t x) { return static_cast<double>(x); };
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    const NumaNodeCounters& n = nodes_[i];
    v.group(fmt::format("node{}", i), "accesses by the node's requesters and to its memory", [&] {
      v.counter("local_accesses", n.local_accesses, "accesses by the node's requesters to its own memory");
      v.counter("remote_accesses", n.remote_accesses, "accesses by the node's requesters to other nodes' memory");
      v.counter("served_local", n.served_local, "accesses to the node's memory from the node");
      v.counter("served_remote", n.served_remote, "accesses to the node's memory from other nodes");
      v.real("local_latency_avg_ns", ratio(ns(n.local_latency), d(n.local_accesses)), "average latency of the local accesses");
      v.real("remote_latency_avg_ns", ratio(ns(n.remote_latency), d(n.remote_accesses)), "average latency of the remote accesses");
      for (std::size_t j = 0; j < n.to_node.size(); ++j) {
        v.counter(fmt::format("to_node{}", j), n.to_node[j], "accesses by the node's requesters to node j's memory");
      }
    });
  }
  for (const NumaLinkState& l : links) {
    v.group(fmt::format("link{}_{}", l.a, l.b), "one link, both directions", [&] {
      visit_direction(v, fmt::format("{}to{}", l.a, l.b), l.up, elapsed);
      visit_direction(v, fmt::format("{}to{}", l.b, l.a), l.down, elapsed);
    });
  }
}

}  // namespace memvp
