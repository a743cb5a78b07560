// Shortest-path routing by hop count. Among routes of equal length the lowest-numbered next hop
// wins at every step, so the route from a to b is the lexicographically smallest shortest path.
#pragma once

#include <cstdint>
#include <vector>

#include "interconnect/numa_config.h"
#include "interconnect/numa_routing.h"

namespace memvp {

class ShortestPathRouting : public NumaRoutingPolicy {
 public:
  // `links` must name nodes below `nodes`.
  ShortestPathRouting(std::size_t nodes, const std::vector<NumaLinkSpec>& links);

  [[nodiscard]] std::vector<NodeId> route(NodeId from, NodeId to) const override;
  [[nodiscard]] std::uint32_t hops(NodeId from, NodeId to) const override;

 private:
  std::size_t n_;
  std::vector<std::vector<std::uint32_t>> neighbours_;  // ascending
  std::vector<std::uint32_t> hops_;                      // n x n, by breadth-first search
};

}  // namespace memvp
