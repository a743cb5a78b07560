// --vcd and its companions. The window is given in cycles of the hart clock, the unit of the
// translation trace, and converted to the SystemC resolution ticks the VCD is written in.
#include "tools/memvp/wave_options.h"

#include <algorithm>
#include <iostream>
#include <limits>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <systemc>

#include "common/error.h"
#include "platforms/platform.h"

namespace memvp {

void add_wave_options(CLI::App& run, RunCommandOptions& opt) {
  run.add_option("--vcd", opt.vcd, "write VCD waveforms of the selected wave groups to FILE (see docs/waves.md)")
      ->option_text("FILE");
  run.add_option("--waves", opt.waves,
                 "wave groups to record, comma-separated: hart,mmu,cache,dram,noc,dev,os (default: all)")
      ->option_text("GROUPS");
  run.add_option("--from-cycle", opt.from_cycle, "start the VCD at hart cycle N (default 0)")->option_text("N");
  run.add_option("--to-cycle", opt.to_cycle, "end the VCD at hart cycle M, included (default: the run's end)")
      ->option_text("M");
}

std::optional<WaveSettings> wave_settings(const RunCommandOptions& opt) {
  const waves::GroupSet groups = opt.waves ? waves::GroupSet::parse(*opt.waves) : waves::GroupSet::all();
  if (!opt.vcd) {
    if (opt.waves || opt.from_cycle || opt.to_cycle)
      throw InputError("--waves, --from-cycle and --to-cycle need --vcd FILE");
    return std::nullopt;
  }
  const std::uint64_t from = opt.from_cycle.value_or(0);
  const std::uint64_t to = opt.to_cycle.value_or(std::numeric_limits<std::uint64_t>::max());
  if (from > to) throw InputError(fmt::format("--from-cycle {} is after --to-cycle {}", from, to));
  return WaveSettings{*opt.vcd, groups, from, to};
}

std::unique_ptr<waves::WaveRecorder> open_waves(const WaveSettings& w, Platform& platform) {
  const std::uint64_t period = platform.hart(0).mmu.clock().period_ticks();
  const std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
  if (w.from_cycle > max / period)
    throw InputError(fmt::format("--from-cycle {} is beyond the simulated time", w.from_cycle));
  waves::RecorderOptions ro;
  ro.from = w.from_cycle * period;
  ro.to = w.to_cycle > max / period ? max : w.to_cycle * period;
  ro.timescale = sc_core::sc_get_time_resolution().to_string();
  ro.comment = fmt::format("memvp run: wave groups {}; hart clock period {} time units (hart cycle = time / {})",
                           w.groups.names(), period, period);
  auto rec = std::make_unique<waves::WaveRecorder>(w.path, ro);
  platform.attach_waves(*rec, w.groups);
  return rec;
}

void close_waves(waves::WaveRecorder& rec, const Platform& platform, bool quiet) {
  std::uint64_t end = sc_core::sc_time_stamp().value();
  for (std::size_t h = 0; h < platform.hart_count(); ++h)
    end = std::max(end, platform.hart(h).stats().cycles * platform.hart(h).mmu.clock().period_ticks());
  rec.close(end);
  if (rec.late_changes() != 0 && !quiet)
    std::cerr << "memvp: waves: " << rec.late_changes()
              << " value changes came after their time had been written and were written late\n";
}

}  // namespace memvp
