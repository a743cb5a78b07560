// The memory report `memvp run --report` prints at the end of a run: where the cycles went and
// what the TLBs, page walks, caches and DRAM did, in the terms of gem5's and Spike's end-of-run
// summaries, built from the statistics document alone (docs/stats.md; README "Memory report").
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace memvp {

// The report's lines, each starting "memvp: report: " and ending with a newline; figures summed
// over all harts (and NUMA nodes), rates as percentages of their events.
[[nodiscard]] std::string memory_report(const nlohmann::ordered_json& stats);

}  // namespace memvp
