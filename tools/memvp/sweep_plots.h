// The end of `memvp sweep`: tools/memvp_sweep_plot.py draws DIR/plots/ and writes DIR/report.md
// from DIR/results.csv (docs/sweep.md, "Plots and report"); skipped with a one-line notice when
// python3 cannot be found.
#pragma once

#include <string>

namespace memvp::sweep {

// Runs the plot script on dir (its notices and errors go to stderr). Returns false, after a
// one-line notice, when python3 or the script is missing or the script fails; the sweep's results
// stand either way.
bool draw_plots(const std::string& dir);

}  // namespace memvp::sweep
