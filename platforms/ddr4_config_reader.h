// The platform file's [memory.ddr4] table, read into memvp::Ddr4Config (models/dram/ddr4_config.h).
// Keys are the config's field names, flat in one table: timings in DRAM clocks (tCL, tRCD, ...;
// tck_ns in ns), organisation (channels, ranks, ...), address mapping, policies and queues.
// The size is not a key here: it is [memory] size.
#pragma once

#include "dram/ddr4_config.h"
#include "platforms/config_reader.h"

namespace memvp {

// Reads every [memory.ddr4] key (defaults from `cfg`), checking types and ranges; InputError on a
// problem. Keys are read whatever the model, so a misspelt key is caught on a "simple" platform too.
void read_ddr4_config(ConfigReader& r, Ddr4Config& cfg);

// Ddr4Config::validate() with its message turned into the reader's one line, blaming the key the
// message names (memory.size for the size): "ddr4.toml:12: memory.ddr4.tRC: must be at least tRAS".
void validate_ddr4_config(const ConfigReader& r, const Ddr4Config& cfg);

}  // namespace memvp
