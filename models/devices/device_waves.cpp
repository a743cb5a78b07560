// The `dev` group's signals. A notification is an event with the queue index beside it
// (virtio 1.2 §4.2.2: QueueNotify carries the queue index); the interrupt is the transport's
// level output (InterruptStatus != 0, §4.2.2.1).
#include "devices/device_waves.h"

namespace memvp {

VirtioWaves::VirtioWaves(waves::WaveRecorder& rec, const std::string& scope)
    : rec_(rec),
      notify_(rec.add_signal(scope + ".queue_notify", 1, waves::VarKind::Event)),
      queue_(rec.add_signal(scope + ".notified_queue", 16)),
      in_flight_(rec.add_signal(scope + ".chains_in_flight", 16)),
      irq_(rec.add_signal(scope + ".interrupt", 1)) {}

void VirtioWaves::notify(const sc_core::sc_time& t, unsigned q) {
  rec_.event(notify_, t.value());
  rec_.set(queue_, t.value(), q);
}

PlicWaves::PlicWaves(waves::WaveRecorder& rec, const std::string& scope, std::uint32_t sources)
    : rec_(rec), pending_(sources), claimed_(sources), last_pending_(sources), last_claimed_(sources) {
  for (std::uint32_t id = 1; id < sources; ++id) {
    pending_[id] = rec.add_signal(scope + ".source" + std::to_string(id) + ".pending", 1);
    claimed_[id] = rec.add_signal(scope + ".source" + std::to_string(id) + ".claimed", 1);
  }
}

void PlicWaves::sample(const sc_core::sc_time& t, const std::vector<bool>& pending, const std::vector<bool>& claimed) {
  for (std::size_t id = 1; id < pending_.size(); ++id) {
    if (pending[id] != last_pending_[id]) rec_.set(pending_[id], t.value(), pending[id]);
    if (claimed[id] != last_claimed_[id]) rec_.set(claimed_[id], t.value(), claimed[id]);
    last_pending_[id] = pending[id];
    last_claimed_[id] = claimed[id];
  }
}

}  // namespace memvp
