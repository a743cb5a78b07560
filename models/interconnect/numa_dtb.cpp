// The device-tree view of a NUMA configuration. Every ordered pair goes into the matrix, from-
// major, as QEMU writes it: Linux (drivers/of/of_numa.c) copies each (a, b) entry with b > a to
// (b, a) and the later (b, a) triplet then overrides it, so an asymmetric matrix arrives intact.
#include "interconnect/numa_dtb.h"

#include <algorithm>

namespace memvp {

NumaDtbInfo numa_dtb_info(const NumaConfig& cfg) {
  NumaDtbInfo out;
  for (const NumaNode& n : cfg.nodes) {
    out.memory.push_back({n.id, n.base, n.size_bytes});
    for (HartId h : n.harts) out.cpus.emplace_back(h, n.id);
  }
  std::sort(out.cpus.begin(), out.cpus.end());
  const auto m = cfg.distance_matrix();
  for (std::size_t i = 0; i < m.size(); ++i) {
    for (std::size_t j = 0; j < m[i].size(); ++j) {
      out.distance_matrix.push_back(static_cast<std::uint32_t>(i));
      out.distance_matrix.push_back(static_cast<std::uint32_t>(j));
      out.distance_matrix.push_back(m[i][j]);
    }
  }
  return out;
}

}  // namespace memvp
