// The platform file's [numa] table (docs/interconnect.md, "Configuration"): the nodes as an array
// of tables ([[numa.nodes]] size, harts), the link graph, latencies and the SLIT distances, read
// into a NumaConfig and validated by NumaConfig::validate(), each problem one line naming the key.
#pragma once

#include <cstdint>
#include <optional>

#include "interconnect/numa_config.h"
#include "platforms/config_reader.h"

namespace memvp {

// Reads every [numa] key. Node DRAM is laid out contiguously from `memory_base`, and the node
// sizes must add up to memory.size (`memory_size`): [memory] stays the one description of the DRAM
// window, [numa] only splits it. Returns nothing without [[numa.nodes]] or with a single node:
// the machine is then one node (numa_fabric()) and its DTB has no NUMA properties; the keys are
// still checked.
[[nodiscard]] std::optional<NumaConfig> read_numa_config(ConfigReader& r, PhysAddr memory_base,
                                                         std::uint64_t memory_size, std::uint32_t harts);

}  // namespace memvp
