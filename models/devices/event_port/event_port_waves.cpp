// The `os` group's signals: an event is an instant (a VCD event variable), its type and pid are
// levels that hold until the next event so a viewer shows them beside the arrow.
#include "devices/event_port/event_port_waves.h"

#include <fmt/format.h>

namespace memvp {

OsWaves::OsWaves(waves::WaveRecorder& rec, const std::string& scope, std::uint32_t harts, std::uint32_t nodes)
    : rec_(rec) {
  for (std::uint32_t h = 0; h < harts; ++h) {
    const std::string s = fmt::format("{}.hart{}.", scope, h);
    harts_.push_back({rec.add_signal(s + "event", 1, waves::VarKind::Event), rec.add_signal(s + "type", 16),
                      rec.add_signal(s + "pid", 32), rec.add_signal(s + "current_pid", 32)});
  }
  for (std::uint32_t n = 0; n < nodes; ++n) {
    std::array<waves::SignalId, 3> zones{};
    const char* names[] = {"dma32", "normal", "movable"};  // the kernel's zone_type, in order
    for (std::size_t z = 0; z < zones.size(); ++z)
      zones[z] = rec.add_signal(fmt::format("{}.node{}.{}.free_pages", scope, n, names[z]), 32);
    zone_free_.push_back(zones);
  }
}

void OsWaves::event(const sc_core::sc_time& t, const trace::EventRecord& e) {
  const HartSignals& h = harts_.at(e.hart);
  rec_.event(h.event, t.value());
  rec_.set(h.type, t.value(), e.type);
  rec_.set(h.pid, t.value(), e.pid);
  if (e.type == MEMVP_EV_CONTEXT_SWITCH) rec_.set(h.current_pid, t.value(), e.arg[1] & 0xFFFF'FFFF);
  if (e.type == MEMVP_EV_ZONE_FREE && e.arg[0] < zone_free_.size() && e.arg[1] < 3)
    rec_.set(zone_free_[e.arg[0]][e.arg[1]], t.value(), e.arg[2] & 0xFFFF'FFFF);
}

}  // namespace memvp
