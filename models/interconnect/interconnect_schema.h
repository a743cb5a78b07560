// The interconnect's tables in the platform file: [bus] (the system bus's extra latency) and
// [numa] (docs/interconnect.md: nodes, topology, links, routing, latency, bandwidth, distances).
// The [numa] keys are read here; NumaConfig::validate() checks them together once the platform
// has placed the nodes in memory.
#pragma once

#include "common/config/key_table.h"
#include "interconnect/bus.h"
#include "interconnect/numa_config.h"

namespace memvp {

[[nodiscard]] const KeyTable<BusConfig>& bus_keys();
// Nodes are read with their size and harts (each size non-zero and page-aligned); their ids and
// bases are the platform's to lay out (NumaConfig::contiguous_nodes).
[[nodiscard]] const KeyTable<NumaConfig>& numa_keys();

}  // namespace memvp
