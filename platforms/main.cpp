// The memvp command: `memvp run ELF [options] [-- bootargs...]` assembles the platform described
// by a TOML file (or the built-in defaults), runs the ELF on it and exits with the guest's
// status; `memvp dram --trace FILE ...` runs a DRAM trace through the platform's DDR4 model;
// `memvp trace FILE ...` reads a translation trace (docs/trace.md). Every input problem is one
// "memvp: ..." line on stderr and exit status 2.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <systemc>

#include "common/error.h"
#include "common/run_control.h"
#include "mmu/trace/trace_observer.h"
#include "common/trace/trace_writer.h"
#include "platforms/dram_command.h"
#include "platforms/elf_loader.h"
#include "platforms/platform.h"
#include "platforms/platform_config.h"
#include "platforms/stats.h"
#include "tools/trace_command.h"

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

struct RunOptions {
  std::string elf;
  std::optional<std::string> initrd;
  std::optional<std::string> platform;
  std::vector<std::string> sets;
  std::uint64_t max_cycles = 0;
  std::optional<std::string> stats;
  std::optional<std::string> console;
  std::optional<std::string> trace;
  bool quiet = false;
  std::vector<std::string> bootargs;
};

int run(const RunOptions& opt) {
  using namespace memvp;
  PlatformConfig cfg = load_platform_config(opt.platform, opt.sets);
  const ElfImage image = read_elf(opt.elf);
  const std::optional<Initrd> initrd = opt.initrd ? std::optional(read_initrd(*opt.initrd, cfg, image)) : std::nullopt;
  std::string bootargs = cfg.dtb.bootargs;
  if (!opt.bootargs.empty()) {
    bootargs.clear();
    for (const auto& a : opt.bootargs) bootargs += (bootargs.empty() ? "" : " ") + a;
  }

  std::ofstream stats_file;
  if (opt.stats) {
    stats_file.open(*opt.stats);
    if (!stats_file) throw InputError(*opt.stats + ": cannot write the statistics file");
  }
  std::ofstream console_file;
  if (opt.console) {
    console_file.open(*opt.console, std::ios::binary);
    if (!console_file) throw InputError(*opt.console + ": cannot write the console file");
  }
  std::ostream& console = opt.console ? static_cast<std::ostream&>(console_file) : std::cout;

  RunControl run_control;
  Platform platform("platform", cfg, image, bootargs, console, run_control, initrd ? &*initrd : nullptr);
  platform.set_max_cycles(opt.max_cycles);

  // One trace writer for the platform, one observer per hart's MMU (docs/trace.md). The
  // observers only record; they never change timing.
  std::unique_ptr<trace::TranslationTraceWriter> trace_writer;
  std::vector<std::unique_ptr<trace::TranslationTraceObserver>> trace_observers;
  if (opt.trace) {
    const sc_core::sc_time period = platform.hart(0).mmu.clock_period();
    const trace::TraceFileInfo info{static_cast<std::uint64_t>(period.to_seconds() * 1e12 + 0.5),
                                    static_cast<std::uint32_t>(platform.hart_count())};
    trace_writer = std::make_unique<trace::TranslationTraceWriter>(*opt.trace, info);
    for (std::size_t h = 0; h < platform.hart_count(); ++h) {
      Hart& hart = platform.hart(h);
      trace_observers.push_back(std::make_unique<trace::TranslationTraceObserver>(
          *trace_writer, HartId(static_cast<std::uint32_t>(h)), hart.mmu.clock_period()));
      hart.mmu.add_observer(*trace_observers.back());
    }
  }

  const auto host_start = std::chrono::steady_clock::now();
  sc_core::sc_start();
  const std::chrono::duration<double> host = std::chrono::steady_clock::now() - host_start;
  platform.finish_memory();
  console.flush();
  if (trace_writer) trace_writer->close();

  RunEnd end;
  if (run_control.ended()) {
    end = *run_control.result();
  } else {
    // SystemC ran out of events: no hart can run and no timer is armed.
    end = {EndReason::Deadlock, exit_status::kDeadlock,
           "deadlock: every hart waits for an interrupt that can never come"};
  }
  if (!end.message.empty()) std::cerr << "memvp: " << end.message << '\n';

  // Harts run ahead of SystemC time within their quantum: the guest's time is the furthest hart's.
  double sim_seconds = sc_core::sc_time_stamp().to_seconds();
  for (std::size_t h = 0; h < platform.hart_count(); ++h) {
    sim_seconds = std::max(sim_seconds, static_cast<double>(platform.hart(h).stats().cycles) / cfg.core.clock_hz);
  }
  const RunOutcome outcome{end.reason, end.exit_code, sim_seconds, host.count()};
  const nlohmann::ordered_json stats = collect_stats(platform, outcome);
  if (opt.stats) write_stats(stats_file, *opt.stats, stats);
  if (!opt.quiet) std::cerr << run_summary(stats) << '\n';
  return end.exit_code;
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
  RunOptions opt;
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
    return dram_cmd->parsed() ? memvp::run_dram_command(dram_opt) : run(opt);
  } catch (const memvp::InputError& e) {
    std::cerr << "memvp: " << e.what() << '\n';
    return memvp::exit_status::kBadInput;
  } catch (const std::exception& e) {
    std::cerr << "memvp: internal error: " << e.what() << '\n';
    return 1;
  }
}
