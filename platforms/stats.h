// The run's statistics: one JSON document (names documented in docs/stats.md, versioned by
// "memvp_stats_version") and the short summary memvp prints to stderr at the end of a run.
#pragma once

#include <ostream>
#include <string>

#include <utility>
#include <vector>
#include <nlohmann/json.hpp>

#include "common/run_control.h"
#include "platforms/platform.h"

namespace memvp {

struct RunOutcome {
  EndReason reason = EndReason::GuestExit;
  int exit_code = 0;
  double sim_seconds = 0;   // simulated time at the end of the run (the furthest hart's)
  double host_seconds = 0;  // wall-clock time of the simulation
};

inline constexpr int kStatsVersion = 1;

const char* end_reason_name(EndReason r);

// Non-const: the MMU's TLB levels are reached through Mmu::tlb(), which is not const.
[[nodiscard]] nlohmann::ordered_json collect_stats(Platform& platform, const RunOutcome& outcome);

// Writes the document to `out` (opened by the caller before the run, so that an unwritable path
// is reported before any simulation); InputError naming `path` when writing fails.
// Adds a model's named values ("bank.ch0.reads" -> 12) to `into` as nested objects, object keys
// all the way down (also where a part is a number, "read_latency_histogram.8"); whole numbers
// (every counter) become JSON integers, the rest (averages, rates) reals.
void put_named_values(nlohmann::ordered_json& into, const std::vector<std::pair<std::string, double>>& values);

void write_stats(std::ostream& out, const std::string& path, const nlohmann::ordered_json& stats);

// "memvp: 12345 instructions, 23456 cycles, IPC 0.526, 23.456 us simulated, 0.120 s host, 0.10 MIPS"
[[nodiscard]] std::string run_summary(const nlohmann::ordered_json& stats);

}  // namespace memvp
