// `memvp trace FILE [csv|summary|histogram] [filters]`: the trace reader's command line, shared
// by memvp's `trace` subcommand and the standalone memvp-trace tool.
#pragma once

#include <string_view>

namespace memvp::trace {

// Runs the trace command. argv[0] is ignored (memvp passes its argv + 1, so argv[0] is
// "trace"); the remaining arguments are the command's. Output goes to stdout. A problem with
// the file prints one line "<prog>: trace file '…': <what>" on stderr, a problem with the
// options one line "memvp trace: <what>" (or "<prog>: …" when prog is not "memvp"); both
// return 2. --help prints the usage and returns 0.
int trace_main(int argc, char** argv, std::string_view prog = "memvp");

}  // namespace memvp::trace
