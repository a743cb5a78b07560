// The devices' wave group `dev` (docs/waves.md): per virtio-mmio transport the queue
// notifications, the descriptor chains in flight and the interrupt line; per PLIC source the
// pending and claimed bits as they change.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <systemc>

#include "common/waves/wave_recorder.h"

namespace memvp {

class VirtioWaves {
 public:
  // Registers the signals under `scope` ("dev.virtio7").
  VirtioWaves(waves::WaveRecorder& rec, const std::string& scope);

  // The driver wrote QueueNotify for queue `q` at `t`.
  void notify(const sc_core::sc_time& t, unsigned q);
  // A chain was taken from the available ring / returned to the used ring at `t`.
  void chain_taken(const sc_core::sc_time& t) { rec_.add(in_flight_, t.value(), 1); }
  void chain_used(const sc_core::sc_time& t) { rec_.add(in_flight_, t.value(), -1); }
  void interrupt(const sc_core::sc_time& t, bool level) { rec_.set(irq_, t.value(), level ? 1 : 0); }

 private:
  waves::WaveRecorder& rec_;
  waves::SignalId notify_, queue_, in_flight_, irq_;
};

class PlicWaves {
 public:
  // Registers pending and claimed for sources 1 .. sources-1 under `scope` ("dev.plic").
  PlicWaves(waves::WaveRecorder& rec, const std::string& scope, std::uint32_t sources);

  // The gateway and claim state at `t`; only the sources that changed since the last call are
  // reported.
  void sample(const sc_core::sc_time& t, const std::vector<bool>& pending, const std::vector<bool>& claimed);

 private:
  waves::WaveRecorder& rec_;
  std::vector<waves::SignalId> pending_, claimed_;  // by source id; [0] unused
  std::vector<bool> last_pending_, last_claimed_;
};

}  // namespace memvp
