// The routing policy of the NUMA interconnect (STYLE rule 4): which nodes a message from one
// node to another passes through. Routes are fixed per pair, so a run is deterministic.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include "common/types.h"

namespace memvp {

struct NumaConfig;

class NumaRoutingPolicy {
 public:
  static constexpr std::uint32_t kUnreachable = std::numeric_limits<std::uint32_t>::max();

  virtual ~NumaRoutingPolicy() = default;
  // The nodes visited from `from` to `to`, both included ({from} when they are equal); empty
  // when `to` cannot be reached.
  [[nodiscard]] virtual std::vector<NodeId> route(NodeId from, NodeId to) const = 0;
  // Links crossed from `from` to `to`, or kUnreachable.
  [[nodiscard]] virtual std::uint32_t hops(NodeId from, NodeId to) const = 0;
};

// The policy `cfg.routing` names, over `cfg`'s link graph (links must name existing nodes).
std::unique_ptr<NumaRoutingPolicy> make_numa_routing(const NumaConfig& cfg);

}  // namespace memvp
