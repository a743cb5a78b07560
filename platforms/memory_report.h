// The memory report `memvp run --report` prints at the end of a run: where the cycles went and
// what the TLBs, page walks, caches and DRAM did, the figures gem5's stats.txt is read for, built
// from the statistics document alone (docs/stats.md; README "Memory report").
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace memvp {

// The report's lines, each starting "memvp: report: " and ending with a newline; figures summed
// over all harts (and NUMA nodes), rates as percentages of their events.
[[nodiscard]] std::string memory_report(const nlohmann::ordered_json& stats);

}  // namespace memvp
