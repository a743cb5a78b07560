// The DRAM models' keys in the platform file's [memory] table (docs/dram.md): the simple model's
// latency_cycles, and the DDR4 controller's [memory.ddr4] table (timings, organisation, address
// mapping, policies, queues), flat, each key named as its Ddr4Config field.
#pragma once

#include "common/config/key_table.h"
#include "dram/ddr4_config.h"
#include "dram/simple_memory.h"

namespace memvp {

// Its check is Ddr4Config::validate, which the platform runs when the DDR4 model serves memory.
[[nodiscard]] const KeyTable<Ddr4Config>& ddr4_keys();
[[nodiscard]] const KeyTable<SimpleMemoryConfig>& simple_memory_keys();

}  // namespace memvp
