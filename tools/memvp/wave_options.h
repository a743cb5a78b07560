// The `memvp run` options for VCD waveforms (--vcd, --waves, --from-cycle, --to-cycle) and the
// recorder they set up on a built platform (docs/waves.md).
#pragma once

#include <memory>

#include "common/waves/wave_recorder.h"
#include "tools/memvp/run_command.h"

namespace CLI {
class App;
}

namespace memvp {

class Platform;

// Declares the wave options on `run` (the `memvp run` subcommand); parsing fills opt.
void add_wave_options(CLI::App& run, RunCommandOptions& opt);

// Checks the wave options (InputError: one line, naming the option); without --vcd returns
// nullptr. Otherwise creates the VCD file and attaches the selected groups to `platform`.
std::unique_ptr<waves::WaveRecorder> open_waves(const RunCommandOptions& opt, Platform& platform);

// Writes the rest of the VCD, ending it at the furthest hart's time; says on stderr (unless
// quiet) if some changes came too late to be written at their time.
void close_waves(waves::WaveRecorder& rec, const Platform& platform, bool quiet);

}  // namespace memvp
