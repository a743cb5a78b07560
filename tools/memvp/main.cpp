// The memvp command: sets up SystemC's reporting, parses the command line with CLI11 and
// dispatches to one subcommand per file: `memvp run` (run_command.h), `memvp dram`
// (dram_command.h) and `memvp trace` (trace_command.h). Every input problem is one "memvp: ..."
// line on stderr and exit status 2.
#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>
#include <string_view>

#include <CLI/CLI.hpp>
#include <systemc>

#include "common/error.h"
#include "tools/memvp/dram_command.h"
#include "tools/memvp/run_command.h"
#include "tools/memvp/trace_command.h"

namespace {

// Debian's SystemC prints its banner to stdout unless told not to before the first module; the
// guest's console shares stdout and is compared with QEMU's, so it must stay clean.
const bool kNoSystemCBanner = [] { return setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 1) == 0; }();

// SystemC reports go to stderr, never stdout; its informational notes (e.g. "Simulation stopped
// by user") are dropped. Reports that throw are printed where they are caught.
void report_to_stderr(const sc_core::sc_report& rep, const sc_core::sc_actions& actions) {
  if ((actions & sc_core::SC_DISPLAY) && !(actions & sc_core::SC_THROW) && rep.get_severity() != sc_core::SC_INFO) {
    std::cerr << "memvp: systemc: " << rep.get_msg_type() << ": " << rep.get_msg() << '\n';
  }
  sc_core::sc_report_handler::default_handler(rep, actions & ~sc_core::SC_DISPLAY);
}

}  // namespace

int sc_main(int argc, char* argv[]) {
  (void)kNoSystemCBanner;
  sc_core::sc_report_handler::set_handler(report_to_stderr);
  // `memvp trace ...` only reads a file: no platform, no simulation.
  if (argc > 1 && std::string_view(argv[1]) == "trace") return memvp::trace::trace_main(argc - 1, argv + 1);

  CLI::App app{"memvp: a cycle-level RISC-V (RV64) virtual platform\n"
               "  memvp run ELF [options] [-- bootargs]   run a guest\n"
               "  memvp dram --trace FILE [options]   run a DRAM trace through the DDR4 model\n"
               "  memvp trace FILE [csv|summary|histogram] [filters]   read a translation trace"};
  app.require_subcommand(1);
  memvp::RunCommandOptions opt;
  CLI::App* run_cmd = app.add_subcommand("run", "Run a RISC-V ELF64 executable on a platform");
  run_cmd->add_option("elf", opt.elf, "the guest executable (ELF64, RISC-V, ET_EXEC)")->required()->option_text("ELF");
  run_cmd->add_option("--initrd", opt.initrd,
                      "load FILE into RAM as QEMU -initrd does and name it in /chosen/linux,initrd-start/end")
      ->option_text("FILE");
  run_cmd->add_option("bootargs", opt.bootargs, "after --: the guest's /chosen/bootargs, joined by spaces");
  run_cmd->add_option("--platform", opt.platform, "platform description (TOML); default: built-in, as platforms/default.toml")
      ->option_text("FILE");
  run_cmd->add_option("--set", opt.sets, "override one platform key: section.key=value (repeatable)")
      ->allow_extra_args(false)
      ->option_text("KEY=VALUE");
  run_cmd->add_option("--max-cycles", opt.max_cycles, "stop with status 3 when a hart reaches N cycles (0: no limit)")
      ->option_text("N");
  run_cmd->add_option("--stats", opt.stats, "write statistics as JSON to FILE (see docs/stats.md)")->option_text("FILE");
  run_cmd->add_option("--console", opt.console, "write the guest console to FILE instead of stdout")->option_text("FILE");
  run_cmd->add_option("--trace", opt.trace,
                      "record every address translation to FILE (.zst: compressed; read with `memvp trace`)")
      ->option_text("FILE");
  run_cmd->add_flag("--quiet", opt.quiet, "no summary on stderr");

  memvp::DramCommandOptions dram_opt;
  CLI::App* dram_cmd = app.add_subcommand(
      "dram", "Run a DRAMsim3-format trace (0xADDR READ|WRITE CYCLE) through the platform's DDR4 model");
  dram_cmd->add_option("--platform", dram_opt.platform, "platform whose [memory.ddr4] and [memory] size apply")
      ->option_text("FILE");
  dram_cmd->add_option("--set", dram_opt.sets, "override one platform key: section.key=value (repeatable)")
      ->allow_extra_args(false)
      ->option_text("KEY=VALUE");
  dram_cmd->add_option("--trace", dram_opt.trace, "the trace: one request per line, cycles in DRAM clocks")
      ->required()
      ->option_text("FILE");
  dram_cmd->add_flag("--csv", dram_opt.csv, "CSV (id,address,op,arrival,done,latency), summary as # lines");
  dram_cmd->add_option("--out", dram_opt.out, "write the result to FILE instead of stdout")->option_text("FILE");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    const std::string sub = argc > 1 ? argv[1] : "";
    std::cout << app.help(sub == "run" || sub == "dram" ? sub : "");
    return 0;
  } catch (const CLI::ParseError& e) {
    std::cerr << "memvp: " << e.what() << '\n';
    return memvp::exit_status::kBadInput;
  }

  try {
    return dram_cmd->parsed() ? memvp::run_dram_command(dram_opt) : memvp::run_command(opt);
  } catch (const memvp::InputError& e) {
    std::cerr << "memvp: " << e.what() << '\n';
    return memvp::exit_status::kBadInput;
  } catch (const std::exception& e) {
    std::cerr << "memvp: internal error: " << e.what() << '\n';
    return 1;
  }
}
