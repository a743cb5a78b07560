// `memvp sweep ELF --grid KEY=V1,V2,... [options] [-- bootargs]`: runs the guest once per point
// of a grid of platform variants, in parallel child processes (each an ordinary `memvp run`),
// and collects their statistics into DIR/results.csv (docs/sweep.md).
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
  unsigned jobs = 0;                    // 0: the number of cores
  std::string out = "sweep";
  bool resume = false;
  std::uint64_t max_cycles = 0;         // passed to every run; 0: no limit
  std::vector<std::string> bootargs;    // none: the platform file's bootargs
};

// Declares `memvp sweep` and its options on app; parsing fills opt.
CLI::App& add_sweep_command(CLI::App& app, SweepCommandOptions& opt);

// Checks every point, runs those not already done, writes DIR/results.csv and returns 0 when
// every point's run exited with status 0, else 1. A bad grid, platform or ELF is an InputError
// thrown before any run starts.
int sweep_command(const SweepCommandOptions& opt);

}  // namespace memvp
