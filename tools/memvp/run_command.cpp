// `memvp run`: declares its options, then reads the platform, the ELF and the initrd, builds the
// platform, attaches the translation-trace observers when asked, runs SystemC to the guest's end
// (with progress on stderr when asked or on a terminal) and reports the outcome (summary on
// stderr, statistics JSON).
#include "tools/memvp/run_command.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <systemc>

#include "common/error.h"
#include "common/run_control.h"
#include "common/trace/trace_writer.h"
#include "devices/event_port/event_trace_observer.h"
#include "mmu/tlb_geometry.h"
#include "mmu/trace/trace_observer.h"
#include "platforms/elf_loader.h"
#include "platforms/fast_forward.h"
#include "platforms/platform.h"
#include "platforms/platform_config.h"
#include "platforms/memory_report.h"
#include "platforms/stats.h"
#include "tools/memvp/dram_sampler.h"
#include "tools/memvp/gdb_server.h"
#include "tools/memvp/platform_options.h"
#include "tools/memvp/run_progress.h"
#include "tools/memvp/wave_options.h"
#ifdef MEMVP_HAVE_RTL_TLB
#include "rtl_tlb/rtl_waves.h"
#endif

namespace memvp {

CLI::App& add_run_command(CLI::App& app, RunCommandOptions& opt) {
  CLI::App* run_cmd = app.add_subcommand("run", "Run a RISC-V ELF64 executable on a platform");
  run_cmd->add_option("elf", opt.elf, "the guest executable (ELF64, RISC-V, ET_EXEC)")->required()->option_text("ELF");
  run_cmd->add_option("--initrd", opt.initrd,
                      "load FILE into RAM as QEMU -initrd does and name it in /chosen/linux,initrd-start/end")
      ->option_text("FILE");
  run_cmd->add_option("--disk", opt.disks,
                      "a virtio-blk disk backed by a raw image: FILE[,ro][,snapshot][,serial=S][,timing=nvme|sata_ssd|hdd] "
                      "(repeatable; the first takes the highest virtio slot, as QEMU's first -device)")
      ->option_text("SPEC");
  run_cmd->add_option("bootargs", opt.bootargs, "after --: the guest's /chosen/bootargs, joined by spaces");
  add_platform_options(*run_cmd, opt.platform, opt.sets,
                       "platform description (TOML); default: built-in, as platforms/default.toml");
  run_cmd->add_option("--max-cycles", opt.max_cycles, "stop with status 3 when a hart reaches N cycles (0: no limit)")
      ->option_text("N");
  run_cmd->add_option("--stats", opt.stats, "write statistics as JSON to FILE (see docs/stats.md)")->option_text("FILE");
  run_cmd->add_flag("--report", opt.report,
                    "print a memory report on stderr at the end: where the cycles went, TLB, walk, cache and DRAM figures");
  run_cmd->add_option("--console", opt.console, "write the guest console to FILE instead of stdout")->option_text("FILE");
  run_cmd->add_option("--trace", opt.trace,
                      "record every address translation to FILE (.zst: compressed; read with `memvp trace`)")
      ->option_text("FILE");
  run_cmd->add_option("--shadow-tlb", opt.shadow_tlbs,
                      "shadow TLBs that watch every MMU's lookups without changing timing: "
                      "LEVEL[[ARRAY]]:ENTRIESxWAYS[:REPLACEMENT], comma-separated or repeated (docs/mmu.md)")
      ->delimiter(',')
      ->allow_extra_args(false)
      ->option_text("GEOMETRY,...");
  run_cmd->add_option("--fast-forward", opt.fast_forward,
                      "run functionally (no cache, DRAM or TLB timing, no statistics) until a hart has retired N "
                      "instructions, or until the guest's roi_begin marker with `roi`; then in detail "
                      "(docs/fast-forward.md)")
      ->option_text("N|roi");
  run_cmd->add_option("--warmup", opt.warmup,
                      "update the TLBs and page-walk caches during the last N fast-forwarded instructions")
      ->option_text("N");
  add_wave_options(*run_cmd, opt);
  run_cmd->add_option("--rtl-waves", opt.rtl_waves,
                      "trace the RTL TLB arrays (impl = rtl or lockstep) into an FST file, hart 0's in FILE, "
                      "hart N's in FILE with .hartN before its extension")
      ->option_text("FILE");
  add_gdb_options(*run_cmd, opt);
  CLI::Option* quiet = run_cmd->add_flag("--quiet", opt.quiet, "nothing informational on stderr: no progress, no summary");
  run_cmd->add_flag("--progress", opt.progress,
                    "report progress on stderr even when it is not a terminal (one line per update)")
      ->excludes(quiet);
  return *run_cmd;
}

int run_command(const RunCommandOptions& opt) {
  const std::optional<WaveSettings> wave_opts = wave_settings(opt);
  if (opt.gdb_wait && !opt.gdb_port) throw InputError("--gdb-wait needs --gdb PORT");
  if (opt.warmup && !opt.fast_forward) throw InputError("--warmup needs --fast-forward N");
  const FastForwardSettings ff = parse_fast_forward(opt.fast_forward, opt.warmup);
  PlatformConfig cfg = load_platform_config(opt.platform, opt.sets);
  add_disk_options(cfg, opt.disks);
  std::vector<mmu::TlbGeometry> shadow_tlbs;
  for (const auto& g : opt.shadow_tlbs) shadow_tlbs.push_back(mmu::parse_tlb_geometry(g));
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

  // The RTL TLBs are built in their wave file's context: enabled before the platform is built.
  if (opt.rtl_waves) {
#ifdef MEMVP_HAVE_RTL_TLB
    rtl::enable_rtl_waves(*opt.rtl_waves);
#else
    throw InputError("--rtl-waves: memvp is built without Verilator (run scripts/setup.sh and rebuild)");
#endif
  }

  RunControl run_control;
  Platform platform("platform", cfg, image, bootargs, console, run_control, initrd ? &*initrd : nullptr);
  platform.set_max_cycles(opt.max_cycles);
  FastForwardController fast_forward(platform, run_control, ff);
#ifdef MEMVP_HAVE_RTL_TLB
  if (opt.rtl_waves && rtl::start_rtl_waves() == 0)
    throw InputError("--rtl-waves: no TLB array has impl = \"rtl\" or \"lockstep\"");
#endif

  // Shadow TLBs only watch, like the trace (docs/mmu.md, "Shadow TLBs").
  if (!shadow_tlbs.empty()) {
    for (std::size_t h = 0; h < platform.hart_count(); ++h) platform.hart(h).mmu.attach_shadow_tlbs(shadow_tlbs);
  }

  // One trace writer for the platform, one observer per hart's MMU (docs/trace.md). The
  // observers only record; they never change timing.
  std::unique_ptr<trace::TranslationTraceWriter> trace_writer;
  std::vector<std::unique_ptr<trace::TranslationTraceObserver>> trace_observers;
  // With the event port, the guest's events go to the companion event trace, same cycle base.
  std::unique_ptr<trace::TranslationTraceWriter> event_writer;
  std::unique_ptr<EventTraceObserver> event_observer;
  // With DDR4, the bytes each channel moves per interval go to the companion DRAM trace.
  std::unique_ptr<DramSampler> dram_sampler;
  if (opt.trace) {
    const sc_core::sc_time period = platform.hart(0).mmu.clock_period();
    const trace::TraceFileInfo info{static_cast<std::uint64_t>(period.to_seconds() * 1e12 + 0.5),
                                    static_cast<std::uint32_t>(platform.hart_count())};
    trace_writer = std::make_unique<trace::TranslationTraceWriter>(*opt.trace, info);
    dram_sampler = std::make_unique<DramSampler>(platform, trace::dram_trace_path(*opt.trace), info, period);
    if (EventPort* port = platform.event_port()) {
      event_writer = std::make_unique<trace::TranslationTraceWriter>(trace::event_trace_path(*opt.trace),
                                                                     trace::kEventFormat, info);
      event_observer = std::make_unique<EventTraceObserver>(*event_writer);
      port->add_observer(*event_observer);
    }
    for (std::size_t h = 0; h < platform.hart_count(); ++h) {
      Hart& hart = platform.hart(h);
      trace_observers.push_back(std::make_unique<trace::TranslationTraceObserver>(
          *trace_writer, HartId(static_cast<std::uint32_t>(h)), hart.mmu.clock_period()));
      hart.mmu.add_observer(*trace_observers.back());
    }
  }

  // Waves, like the trace, only watch (docs/waves.md).
  const std::unique_ptr<waves::WaveRecorder> waves = wave_opts ? open_waves(*wave_opts, platform) : nullptr;

  // The GDB stub, last: a stop must see the trace and waves already attached (docs/gdb.md).
  std::unique_ptr<GdbServer> gdb;
  if (opt.gdb_port) {
    gdb = std::make_unique<GdbServer>(*opt.gdb_port, opt.gdb_wait, platform, run_control);
    std::cerr << "memvp: gdb: listening on 127.0.0.1:" << gdb->port()
              << (opt.gdb_wait ? " (the harts start when gdb continues)" : "") << std::endl;
  }

  // Progress watches from between SystemC slices and never in the console stream.
  RunProgress progress(platform, progress_mode(opt.progress, opt.quiet, STDERR_FILENO, opt.console ? -1 : STDOUT_FILENO), std::cerr);
  const auto host_start = std::chrono::steady_clock::now();
  progress.run();
  const std::chrono::duration<double> host = std::chrono::steady_clock::now() - host_start;
  platform.finish_memory();
  console.flush();
#ifdef MEMVP_HAVE_RTL_TLB
  if (opt.rtl_waves) rtl::close_rtl_waves();
#endif
  if (trace_writer) trace_writer->close();
  if (event_writer) event_writer->close();
  if (dram_sampler) dram_sampler->close();

  RunEnd end;
  if (run_control.ended()) {
    end = *run_control.result();
  } else {
    // SystemC ran out of events: no hart can run and no timer is armed.
    end = {EndReason::Deadlock, exit_status::kDeadlock,
           "deadlock: every hart waits for an interrupt that can never come"};
  }
  if (gdb) gdb->finish(end.exit_code);
  if (!end.message.empty()) std::cerr << "memvp: " << end.message << '\n';

  // Harts run ahead of SystemC time within their quantum: the guest's time is the furthest hart's.
  double sim_seconds = sc_core::sc_time_stamp().to_seconds();
  for (std::size_t h = 0; h < platform.hart_count(); ++h) {
    const HartStats& s = platform.hart(h).stats();
    sim_seconds = std::max(sim_seconds, static_cast<double>(s.fast_forward_cycles + s.cycles) / cfg.core.clock_hz);
  }
  if (waves) close_waves(*waves, platform, opt.quiet);
  const RunOutcome outcome{end.reason, end.exit_code, sim_seconds, host.count(), fast_forward.json()};
  const nlohmann::ordered_json stats = collect_stats(platform, outcome);
  if (opt.stats) write_stats(stats_file, *opt.stats, stats);
  if (!opt.quiet) std::cerr << run_summary(stats) << '\n';
  if (opt.report) std::cerr << memory_report(stats);
  // A fast-forward that never reached its end measured nothing: an input problem (exit 2).
  if (const std::optional<std::string> problem = fast_forward.unreached()) throw InputError(*problem);
  return end.exit_code;
}

}  // namespace memvp
