// What the device tree must say about the NUMA layout (Linux Documentation/devicetree/bindings/
// numa.txt, as QEMU hw/riscv/numa.c writes it): a numa-node-id on every memory node and cpu, and
// /distance-map with compatible "numa-distance-map-v1" and a distance-matrix of triplets.
// The platform's DTB writer turns this into nodes and properties.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "common/types.h"
#include "interconnect/numa_config.h"

namespace memvp {

struct NumaDtbMemory {
  NodeId node;
  PhysAddr base;       // /memory@<base hex>: reg = <base size> (2 cells each), numa-node-id = <node>
  std::uint64_t size;
};

struct NumaDtbInfo {
  std::vector<NumaDtbMemory> memory;            // node order
  std::vector<std::pair<HartId, NodeId>> cpus;  // /cpus/cpu@<hart>: numa-node-id = <node>; hart order
  // /distance-map: distance-matrix = <from to distance> for every ordered pair, from-major
  // (n x n triplets, 3 x n x n u32 cells, host order; the writer stores them big-endian).
  std::vector<std::uint32_t> distance_matrix;
};

// The device-tree view of a validated `cfg`.
NumaDtbInfo numa_dtb_info(const NumaConfig& cfg);

}  // namespace memvp
