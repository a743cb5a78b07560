// The run's statistics: one JSON document (names documented in docs/stats.md, versioned by
// "memvp_stats_version") and the short summary memvp prints to stderr at the end of a run.
#pragma once

#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "common/run_control.h"
#include "common/stats/stats.h"
#include "platforms/platform.h"

namespace memvp {

struct RunOutcome {
  EndReason reason = EndReason::GuestExit;
  int exit_code = 0;
  double sim_seconds = 0;   // simulated time at the end of the run (the furthest hart's)
  double host_seconds = 0;  // wall-clock time of the simulation
  // "sim.fast_forward" (platforms/fast_forward.h); null: a run without fast-forward.
  nlohmann::ordered_json fast_forward;
};

inline constexpr int kStatsVersion = 2;

const char* end_reason_name(EndReason r);

// The version, "sim" (the run as a whole) and the platform's statistics tree.
[[nodiscard]] nlohmann::ordered_json collect_stats(const Platform& platform, const RunOutcome& outcome);

// A statistics tree as JSON: groups become objects, lists arrays, vectors arrays of integers;
// counters are integers, reals reals, text strings. A group visited twice under one name (the
// caches of several hierarchies) is one object.
[[nodiscard]] nlohmann::ordered_json stats_json(const stats::Group& g);

// Writes the document to `out` (opened by the caller before the run, so that an unwritable path
// is reported before any simulation); InputError naming `path` when writing fails.
void write_stats(std::ostream& out, const std::string& path, const nlohmann::ordered_json& stats);

// "memvp: 12345 instructions, 23456 cycles, IPC 0.526, 23.456 us simulated, 0.120 s host, 0.10 MIPS"
[[nodiscard]] std::string run_summary(const nlohmann::ordered_json& stats);

}  // namespace memvp
