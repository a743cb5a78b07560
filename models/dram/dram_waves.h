// A DDR4 controller's wave group `dram` (docs/waves.md): per bank the command issued (ACT, PRE,
// RD, WR as a code, for one DRAM clock) and the open row; per rank refresh (high for tRFC); per
// channel the queue depth. Commands are dated in the channel's own timeline, in DRAM clocks.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/waves/wave_recorder.h"
#include "dram/ddr4_channel.h"
#include "dram/ddr4_config.h"

namespace memvp {

// Values of a bank's `cmd` signal: 0 when no command issues in that clock.
enum class DramWaveCommand : std::uint8_t { None = 0, Act = 1, Pre = 2, Rd = 3, Wr = 4, Rda = 5, Wra = 6, Ref = 7 };

class DramWaves {
 public:
  // Registers the signals under `scope` ("node0.dram"); `tck_ticks` is the DRAM clock period in
  // SystemC resolution ticks.
  DramWaves(waves::WaveRecorder& rec, const std::string& scope, const Ddr4Config& cfg, std::uint64_t tck_ticks);

  // One command, with the depth of its channel's queues when it issued.
  void command(const DramCommandRecord& c, std::size_t queued);

 private:
  struct BankSignals {
    waves::SignalId cmd, open, row;
  };
  [[nodiscard]] std::size_t bank_index(const DramCoord& c) const;
  void pulse(waves::SignalId s, std::uint64_t t, DramWaveCommand code);

  waves::WaveRecorder& rec_;
  Ddr4Organisation org_;
  std::uint64_t tck_;
  std::uint64_t trfc_;
  std::vector<BankSignals> banks_;          // channel-major, then the channel's flat bank index
  std::vector<waves::SignalId> refresh_;    // per channel and rank
  std::vector<waves::SignalId> queue_;      // per channel
};

}  // namespace memvp
