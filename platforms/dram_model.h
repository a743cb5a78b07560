// The platform's DRAM as the builder sees it, whatever model [memory] model names: one TLM target
// socket to map on the bus, an end-of-run hook and the model's statistics (a stats::Group:
// "model" names the model, the model's own statistics follow). make_dram_model() is the
// one place that turns MemoryModel into a SystemC module (SimpleMemory or Ddr4Controller).
#pragma once

#include <functional>
#include <memory>

#include <systemc>
#include <tlm>

#include "common/stats/stats.h"
#include "common/waves/wave_recorder.h"
#include "platforms/platform_config.h"

namespace memvp {

class DramModel : public stats::Group {
 public:
  virtual ~DramModel() = default;

  // The model's target socket; addresses on it are offsets from [memory] base.
  [[nodiscard]] virtual tlm::tlm_target_socket<>& socket() = 0;
  // Called once when the run has ended, before statistics are read: work the model still holds
  // (DDR4 posted writes in the write queue) completes so that it is counted.
  virtual void finish() {}
  // Records the model's `dram` wave group (docs/waves.md) under `scope`; a model without DRAM
  // commands to show (the simple memory) registers nothing.
  virtual void attach_waves(waves::WaveRecorder& rec, const std::string& scope) {}
  // Calls `burst` for every data burst the model moves from now on: the time of its column
  // command, its channel, whether it writes, its bytes. Returns false, and never calls it, for
  // a model without DRAM commands (the simple memory). Observing never changes timing.
  using BurstObserver = std::function<void(const sc_core::sc_time& at, unsigned channel, bool write, unsigned bytes)>;
  virtual bool observe_bursts(const BurstObserver& burst) { return false; }
};

// Constructs the model `cfg.model` names as child module `name` of the current module, sized
// cfg.size_bytes. Throws InputError when the model rejects its configuration.
[[nodiscard]] std::unique_ptr<DramModel> make_dram_model(const char* name, const MemoryConfig& cfg);

}  // namespace memvp
