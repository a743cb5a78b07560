// `memvp waves VIEW --vcd FILE [-o OUT.gtkw] [--open]`: a GTKWave save file of one view
// (docs/waves.md "Views") for a VCD written by `memvp run --vcd`.
#pragma once

namespace memvp::waves_view {

// Runs the command; argv[0] is "waves". The save file goes to OUT, or stdout without -o; with
// --open, GTKWave is started on the VCD and the save file (written to OUT, or next to the VCD
// as FILE.VIEW.gtkw). An unknown view, a missing or unreadable VCD, a bad option: one line
// "memvp waves: ..." on stderr and status 2.
int waves_main(int argc, char** argv);

}  // namespace memvp::waves_view
