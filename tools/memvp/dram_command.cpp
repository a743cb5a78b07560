// `memvp dram`: declares its options; loads the platform with its memory model forced to DDR4 (so
// [memory.ddr4] is validated with the file's line numbers), opens the trace and the output, and
// hands them to run_dram_trace.
#include "tools/memvp/dram_command.h"

#include <filesystem>
#include <fstream>
#include <iostream>

#include <CLI/CLI.hpp>

#include "common/error.h"
#include "dram/dram_trace.h"
#include "platforms/platform_config.h"
#include "tools/memvp/platform_options.h"

namespace memvp {

CLI::App& add_dram_command(CLI::App& app, DramCommandOptions& opt) {
  CLI::App* dram_cmd = app.add_subcommand(
      "dram", "Run a DRAMsim3-format trace (0xADDR READ|WRITE CYCLE) through the platform's DDR4 model");
  add_platform_options(*dram_cmd, opt.platform, opt.sets,
                       "platform whose [memory.ddr4] and [memory] size apply");
  dram_cmd->add_option("--trace", opt.trace, "the trace: one request per line, cycles in DRAM clocks")
      ->required()
      ->option_text("FILE");
  dram_cmd->add_flag("--csv", opt.csv, "CSV (id,address,op,arrival,done,latency), summary as # lines");
  dram_cmd->add_option("--out", opt.out, "write the result to FILE instead of stdout")->option_text("FILE");
  return *dram_cmd;
}

int run_dram_command(const DramCommandOptions& opt) {
  std::vector<std::string> sets = opt.sets;
  sets.emplace_back("memory.model=ddr4");
  const PlatformConfig cfg = load_platform_config(opt.platform, sets);

  std::error_code ec;
  if (!std::filesystem::exists(opt.trace, ec)) throw InputError(opt.trace + ": no such DRAM trace file");
  std::ifstream trace(opt.trace);
  if (!trace || !std::filesystem::is_regular_file(opt.trace, ec)) {
    throw InputError(opt.trace + ": cannot read the DRAM trace file");
  }
  std::ofstream out_file;
  if (opt.out) {
    out_file.open(*opt.out);
    if (!out_file) throw InputError(*opt.out + ": cannot write the output file");
  }
  std::ostream& out = opt.out ? static_cast<std::ostream&>(out_file) : std::cout;

  int status = exit_status::kPass;
  try {
    status = run_dram_trace(cfg.memory.ddr4, trace, out, opt.csv);
  } catch (const InputError& e) {
    throw InputError(opt.trace + ": " + e.what());
  }
  out.flush();
  if (!out) throw InputError((opt.out ? *opt.out : std::string("stdout")) + ": error writing the output");
  return status;
}

}  // namespace memvp
