// `memvp trace FILE [csv|summary|histogram] [filters]`: the trace reader's command line, shared
// by memvp's `trace` subcommand and the standalone memvp-trace tool.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace memvp::trace {

class TraceReader;
struct TraceFilter;

// `replay` runs the MMU's TLB models, which memvp links and memvp-trace does not (they bring
// SystemC): memvp installs replay_tlbs() (trace_replay.h) here before calling trace_main().
// Without it, `replay` is one line and status 2.
using ReplayCommand = void (*)(TraceReader& reader, const std::vector<std::string>& geometries,
                               const TraceFilter& filter, std::FILE* out);
void install_replay_command(ReplayCommand command);

// Runs the trace command. argv[0] is ignored (memvp passes its argv + 1, so argv[0] is
// "trace"); the remaining arguments are the command's. Output goes to stdout. A problem with
// the file prints one line "<prog>: trace file '…': <what>" on stderr, a problem with the
// options one line "memvp trace: <what>" (or "<prog>: …" when prog is not "memvp"); both
// return 2. --help prints the usage and returns 0.
int trace_main(int argc, char** argv, std::string_view prog = "memvp");

}  // namespace memvp::trace
