// The memvp command: sets up SystemC's reporting, parses the command line with CLI11 and
// dispatches to one subcommand per file: `memvp run` (run_command.h), `memvp sweep`
// (sweep_command.h), `memvp dram` (dram_command.h), `memvp trace` (trace_command.h) and `memvp
// waves` (waves_command.h). Every input problem is one "memvp: ..." line on stderr and exit
// status 2.
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
#include "tools/memvp/sweep_command.h"
#include "tools/memvp/trace_command.h"
#include "tools/memvp/trace_replay.h"
#include "tools/memvp/waves_command.h"
#ifdef MEMVP_HAVE_RTL_TLB
#include "rtl_tlb/rtl_tlb_builder.h"
#endif

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
#ifdef MEMVP_HAVE_RTL_TLB
  memvp::rtl::install_rtl_tlbs();  // [mmu] impl = "rtl" and "lockstep"
#endif
  // `memvp trace ...` only reads a file: no platform, no simulation.
  memvp::trace::install_replay_command(&memvp::trace::replay_tlbs);
  if (argc > 1 && std::string_view(argv[1]) == "trace") return memvp::trace::trace_main(argc - 1, argv + 1);
  // `memvp waves ...` reads a VCD and writes a GTKWave save file: no simulation either.
  if (argc > 1 && std::string_view(argv[1]) == "waves") return memvp::waves_view::waves_main(argc - 1, argv + 1);

  CLI::App app{"memvp: a cycle-level RISC-V (RV64) virtual platform\n"
               "  memvp run ELF [options] [-- bootargs]   run a guest\n"
               "  memvp sweep ELF --grid KEY=V1,V2,... [options] [-- bootargs]   run a grid of platform variants\n"
               "  memvp sweep --collect DIR   results.csv of a sweep exported with --export-jobs\n"
               "  memvp dram --trace FILE [options]   run a DRAM trace through the DDR4 model\n"
               "  memvp trace FILE [csv|summary|histogram] [filters]   read a translation trace\n"
               "  memvp waves VIEW --vcd FILE [-o OUT.gtkw] [--open]   a GTKWave view of a VCD"};
  app.require_subcommand(1);
  memvp::RunCommandOptions run_opt;
  memvp::add_run_command(app, run_opt);
  memvp::SweepCommandOptions sweep_opt;
  CLI::App& sweep_cmd = memvp::add_sweep_command(app, sweep_opt);
  memvp::DramCommandOptions dram_opt;
  CLI::App& dram_cmd = memvp::add_dram_command(app, dram_opt);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    const std::string sub = argc > 1 ? argv[1] : "";
    std::cout << app.help(sub == "run" || sub == "sweep" || sub == "dram" ? sub : "");
    return 0;
  } catch (const CLI::ParseError& e) {
    std::cerr << "memvp: " << e.what() << '\n';
    return memvp::exit_status::kBadInput;
  }

  try {
    if (sweep_cmd.parsed()) return memvp::sweep_command(sweep_opt);
    return dram_cmd.parsed() ? memvp::run_dram_command(dram_opt) : memvp::run_command(run_opt);
  } catch (const memvp::InputError& e) {
    std::cerr << "memvp: " << e.what() << '\n';
    return memvp::exit_status::kBadInput;
  } catch (const std::exception& e) {
    std::cerr << "memvp: internal error: " << e.what() << '\n';
    return 1;
  }
}
