// Statistics of the NUMA interconnect: per node, accesses to its own and to other nodes' memory
// (as the requesting node sees them), accesses its memory served for itself and for others (as
// the home node sees them) and their average latency; per link and direction, bytes, transfers,
// utilisation and queueing delay, under the names of docs/interconnect.md.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <systemc>

#include "common/stats/stats.h"
#include "common/types.h"
#include "interconnect/numa_link.h"

namespace memvp {

struct NumaNodeCounters {
  std::uint64_t local_accesses = 0;   // this node's requests to its own memory
  std::uint64_t remote_accesses = 0;  // this node's requests to other nodes' memory
  std::uint64_t served_local = 0;     // requests to this node's memory from itself
  std::uint64_t served_remote = 0;    // requests to this node's memory from other nodes
  sc_core::sc_time local_latency = sc_core::SC_ZERO_TIME;   // summed, arrival to response
  sc_core::sc_time remote_latency = sc_core::SC_ZERO_TIME;
  std::vector<std::uint64_t> to_node;  // requests by home node
};

class NumaStats {
 public:
  explicit NumaStats(std::size_t nodes);

  // One access from `from` to memory of `home`, `latency` from its arrival at the interconnect
  // to its response back at `from` (memory time included).
  void record_access(NodeId from, NodeId home, sc_core::sc_time latency);

  [[nodiscard]] const NumaNodeCounters& node(NodeId n) const { return nodes_.at(n.value()); }
  [[nodiscard]] std::size_t node_count() const { return nodes_.size(); }

  // Every statistic, the nodes' then the links'. Utilisation is busy time / `elapsed`.
  void visit_stats(stats::Visitor& v, const std::vector<NumaLinkState>& links, sc_core::sc_time elapsed) const;

 private:
  std::vector<NumaNodeCounters> nodes_;
};

}  // namespace memvp
