// The `memvp run` options for VCD waveforms (--vcd, --waves, --from-cycle, --to-cycle) and the
// recorder they set up on a built platform (docs/waves.md).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "common/waves/wave_groups.h"
#include "common/waves/wave_recorder.h"
#include "tools/memvp/run_command.h"

namespace CLI {
class App;
}

namespace memvp {

class Platform;

// Declares the wave options on `run` (the `memvp run` subcommand); parsing fills opt.
void add_wave_options(CLI::App& run, RunCommandOptions& opt);

struct WaveSettings {
  std::string path;
  waves::GroupSet groups;
  std::uint64_t from_cycle = 0, to_cycle = 0;  // the window in hart cycles, both included
};

// Checks the wave options before anything is read (InputError: one line naming the option);
// nullopt without --vcd.
std::optional<WaveSettings> wave_settings(const RunCommandOptions& opt);

// Creates the VCD file and attaches the selected groups to `platform`.
std::unique_ptr<waves::WaveRecorder> open_waves(const WaveSettings& w, Platform& platform);

// Writes the rest of the VCD, ending it at the furthest hart's time; says on stderr (unless
// quiet) if some changes came too late to be written at their time.
void close_waves(waves::WaveRecorder& rec, const Platform& platform, bool quiet);

}  // namespace memvp
