// `memvp trace FILE [csv|summary|histogram] [filters]`: the trace reader's command line, shared
// by memvp's `trace` subcommand and the standalone memvp-trace tool.
#pragma once

#include <string_view>

namespace memvp::trace {

// Runs the trace command. argv[0] is ignored (memvp passes its argv + 1, so argv[0] is
// "trace"); the remaining arguments are the command's. Output goes to stdout; a problem with
// the options or the file prints one line "<prog>: <what>" on stderr and returns 2.
int trace_main(int argc, char** argv, std::string_view prog = "memvp");

}  // namespace memvp::trace
