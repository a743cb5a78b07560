// The platform file's [mmu] table (each hart's TLBs, page-walk cache and walker), read into
// mmu::MmuConfig (models/mmu/mmu_config.h). A TLB level is an array of tables, one per TLB array:
//   [[mmu.l1_dtlb]]
//   entries = 64, ways = 4, replacement = "lru", page_sizes = ["4K"], latency_cycles = 0, seed = 1
#pragma once

#include "mmu/mmu_config.h"
#include "platforms/config_reader.h"

namespace memvp {

// Puts the default TLB levels into `r` where the file has none, so that --set can address
// their elements (--set mmu.l1_dtlb[0].entries=128). Call before applying --set.
void seed_mmu_defaults(ConfigReader& r, const mmu::MmuConfig& defaults);

// Reads every [mmu] key (defaults from `cfg`) and validates the result; InputError on a problem.
void read_mmu_config(ConfigReader& r, mmu::MmuConfig& cfg);

}  // namespace memvp
