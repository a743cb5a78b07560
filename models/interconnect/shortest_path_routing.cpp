// Hop counts by one breadth-first search per node; a route then walks greedily to the
// lowest-numbered neighbour that is one hop nearer the destination.
#include "interconnect/shortest_path_routing.h"

#include <algorithm>
#include <deque>

namespace memvp {

ShortestPathRouting::ShortestPathRouting(std::size_t nodes, const std::vector<NumaLinkSpec>& links)
    : n_(nodes), neighbours_(nodes), hops_(nodes * nodes, kUnreachable) {
  for (const NumaLinkSpec& l : links) {
    neighbours_[l.a.value()].push_back(l.b.value());
    neighbours_[l.b.value()].push_back(l.a.value());
  }
  for (auto& nb : neighbours_) {
    std::sort(nb.begin(), nb.end());
    nb.erase(std::unique(nb.begin(), nb.end()), nb.end());
  }
  for (std::size_t src = 0; src < n_; ++src) {
    std::uint32_t* row = &hops_[src * n_];
    row[src] = 0;
    std::deque<std::uint32_t> frontier{static_cast<std::uint32_t>(src)};
    while (!frontier.empty()) {
      const std::uint32_t u = frontier.front();
      frontier.pop_front();
      for (std::uint32_t v : neighbours_[u]) {
        if (row[v] != kUnreachable) continue;
        row[v] = row[u] + 1;
        frontier.push_back(v);
      }
    }
  }
}

std::uint32_t ShortestPathRouting::hops(NodeId from, NodeId to) const {
  return hops_[from.value() * n_ + to.value()];
}

std::vector<NodeId> ShortestPathRouting::route(NodeId from, NodeId to) const {
  if (hops(from, to) == kUnreachable) return {};
  std::vector<NodeId> path{from};
  // Links are undirected, so hops(v, to) == hops(to, v): each step finds a neighbour one nearer.
  for (NodeId cur = from; cur != to;) {
    const std::uint32_t left = hops(cur, to);
    for (std::uint32_t v : neighbours_[cur.value()]) {
      if (hops(NodeId(v), to) + 1 == left) {
        cur = NodeId(v);
        break;
      }
    }
    path.push_back(cur);
  }
  return path;
}

std::unique_ptr<NumaRoutingPolicy> make_numa_routing(const NumaConfig& cfg) {
  switch (cfg.routing) {
    case NumaRouting::Shortest:
      break;
  }
  return std::make_unique<ShortestPathRouting>(cfg.node_count(), cfg.link_list());
}

}  // namespace memvp
