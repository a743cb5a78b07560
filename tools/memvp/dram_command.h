// `memvp dram [--platform FILE] [--set k=v]... --trace TRACE [--csv] [--out FILE]`: the DDR4
// model's trace-driven mode (docs/dram.md, "Trace-driven mode") on the [memory.ddr4] table and
// [memory] size of a platform file, without SystemC. Requests come from a DRAMsim3-format trace.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace memvp {

struct DramCommandOptions {
  std::optional<std::string> platform;  // none: the built-in platform
  std::vector<std::string> sets;        // --set, applied in order
  std::string trace;                    // "0xADDR READ|WRITE CYCLE" per line
  bool csv = false;
  std::optional<std::string> out;  // none: stdout
};

// Declares `memvp dram` and its options on app; parsing fills opt.
CLI::App& add_dram_command(CLI::App& app, DramCommandOptions& opt);

// Runs the trace and writes one line per request, then the summary. The platform's model need
// not be "ddr4": its [memory.ddr4] table is used and validated as if it were. Returns 0; a bad
// platform, an unreadable trace or a bad trace line is an InputError naming the file.
int run_dram_command(const DramCommandOptions& opt);

}  // namespace memvp
