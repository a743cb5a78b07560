// DIR/sweep.json of `memvp sweep`: what every point runs with (its id, parameters, overrides,
// bootargs and inputs' hash), the design's keys and the chosen metrics, so that `--collect DIR`
// rebuilds results.csv from points run elsewhere (docs/sweep.md, "Cluster export").
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "tools/memvp/sweep_grid.h"
#include "tools/memvp/sweep_one_pass.h"

namespace memvp::sweep {

// What one point runs with, and where its files are named.
struct PlannedPoint {
  GridPoint point;
  std::string id;
  std::vector<std::string> sets;      // the sweep's --set, then the point's
  std::vector<std::string> bootargs;  // none: the platform's
  std::string hash;                   // hash_inputs() of its inputs
};

struct Manifest {
  std::vector<std::string> keys;       // the parameter columns
  std::vector<std::size_t> metrics;    // indices into metric_columns()
  std::vector<PlannedPoint> points;    // in grid order
  // A one-pass sweep's plan (--one-pass): the shadows of its one run, DIR/points/onepass.*, and
  // that run's exit status once it has ended; what `--collect` builds the rows from.
  std::optional<OnePassPlan> one_pass;
  std::optional<int> one_pass_status;
};

// DIR/points/<id><suffix>: ".json", ".inputs", ".console", ".stderr".
std::filesystem::path point_file(const std::filesystem::path& dir, const PlannedPoint& p, const std::string& suffix);

// Writes DIR/sweep.json; throws InputError when it cannot.
void write_manifest(const std::filesystem::path& dir, const Manifest& m);

// Reads DIR/sweep.json; throws InputError naming the file when it is missing or malformed.
Manifest read_manifest(const std::filesystem::path& dir);

}  // namespace memvp::sweep
