// `memvp sweep ELF --grid KEY=V1,V2,... [options] [-- bootargs]`: runs the guest once per point
// of a grid of platform variants, in parallel child processes (each an ordinary `memvp run`),
// collects their statistics into DIR/results.csv and draws its plots (docs/sweep.md); or exports
// the points as cluster jobs, and collects them when they have run elsewhere.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace memvp {

struct SweepCommandOptions {
  std::string elf;
  std::optional<std::string> platform;  // none: the built-in platform
  std::vector<std::string> sets;        // --set, before every point's own values
  std::vector<std::string> grids;       // --grid KEY=V1,V2,..., in axis order
  std::string grid_file;                // --grid-file: TOML or CSV points; "" for none
  std::string metrics;                  // --metrics: comma-separated columns; "" for all
  unsigned jobs = 0;                    // 0: the number of cores
  std::string out = "sweep";
  bool resume = false;
  std::uint64_t max_cycles = 0;         // passed to every run; 0: no limit
  std::vector<std::string> bootargs;    // none: the platform file's bootargs
  bool no_plots = false;
  std::string export_jobs;              // --export-jobs DIR: write job files there, run nothing
  std::string collect;                  // --collect DIR: results.csv from an exported sweep's points
  bool one_pass = false;                // --one-pass: one run, every point a shadow TLB
};

// Declares `memvp sweep` and its options on app; parsing fills opt.
CLI::App& add_sweep_command(CLI::App& app, SweepCommandOptions& opt);

// Checks every point, runs those not already done (or exports them), writes DIR/results.csv and
// the plots and returns 0 when every point's run exited with status 0, else 1. A bad grid, grid
// file, metric, platform or ELF is an InputError thrown before any run starts.
int sweep_command(const SweepCommandOptions& opt);

}  // namespace memvp
