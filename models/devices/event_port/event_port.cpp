// Event port decode: 64-bit aligned accesses only. Hart h's slot is at h * 0x40: ARG0..ARG3
// read back what was written, a write to COMMIT records the event and clears the arguments (so
// the guest writes only the non-zero ones), ID reads the port's identification; other offsets
// read 0 and ignore writes. Anything else, or a slot beyond the harts, is an error response.
#include "devices/event_port/event_port.h"

#include "devices/event_port/event_port_waves.h"
#include "devices/reg_access.h"

namespace memvp {

using namespace devices;

EventPort::EventPort(sc_core::sc_module_name name, const EventPortConfig& cfg)
    : sc_module(name), socket("socket"), cfg_(cfg), clock_(Clock::from_hz(cfg.clock_hz)), slots_(cfg.harts) {
  socket.register_b_transport(this, &EventPort::b_transport);
  socket.register_transport_dbg(this, &EventPort::transport_dbg);
}

EventPort::~EventPort() = default;

void EventPort::attach_waves(waves::WaveRecorder& rec, const std::string& scope) {
  waves_ = std::make_unique<OsWaves>(rec, scope, cfg_.harts, cfg_.nodes);
}

// The write costs what the bus in front of the port charges, as any device register's does:
// the port adds no latency of its own.
void EventPort::b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
  const bool ok = access(gp, sc_core::sc_time_stamp() + delay, false);
  if (!ok) ++bad_accesses_;
  gp.set_response_status(ok ? tlm::TLM_OK_RESPONSE : tlm::TLM_ADDRESS_ERROR_RESPONSE);
}

// A debugger reads the registers; its writes never commit an event.
unsigned EventPort::transport_dbg(tlm::tlm_generic_payload& gp) {
  if (!gp.is_read()) return 0;
  return access(gp, sc_core::sc_time_stamp(), true) ? gp.get_data_length() : 0;
}

bool EventPort::access(tlm::tlm_generic_payload& gp, const sc_core::sc_time& now, bool debug) {
  const std::uint64_t addr = gp.get_address();
  if (!is_plain_access(gp, {8}) || addr >= cfg_.size) return false;
  const std::uint64_t hart = addr / MEMVP_EVENT_SLOT_SIZE, reg = addr % MEMVP_EVENT_SLOT_SIZE;
  if (hart >= slots_.size()) return false;
  Slot& s = slots_[hart];
  const bool is_arg = reg < MEMVP_EVENT_ARG0 + 8 * trace::kEventArgs;
  if (gp.is_read()) {
    std::uint64_t v = 0;
    if (is_arg) v = s.arg[reg / 8];
    else if (reg == MEMVP_EVENT_ID) v = MEMVP_EVENT_ID_VALUE;
    set_payload_value(gp, v);
    return true;
  }
  if (debug) return false;
  if (is_arg) s.arg[reg / 8] = payload_value(gp);
  else if (reg == MEMVP_EVENT_COMMIT) commit(static_cast<std::uint16_t>(hart), payload_value(gp), now);
  return true;
}

void EventPort::commit(std::uint16_t hart, std::uint64_t value, const sc_core::sc_time& now) {
  Slot& s = slots_[hart];
  trace::EventRecord e{};
  e.cycle = clock_.cycles_floor(now).value();
  for (unsigned i = 0; i < trace::kEventArgs; ++i) e.arg[i] = s.arg[i];
  e.pid = static_cast<std::uint32_t>(value >> 32);
  e.type = static_cast<std::uint16_t>(value);
  e.hart = hart;
  s = Slot{};
  if (e.type == MEMVP_EV_NONE || e.type >= MEMVP_EV_NR) {
    ++unknown_types_;
    return;
  }
  ++counts_[e.type];
  for (EventObserver* o : observers_) o->on_event(e);
  if (waves_) waves_->event(now, e);
}

void EventPort::visit_stats(stats::Visitor& v) const {
  v.group("events", "events committed, per type (docs/devices.md)", [&] {
    for (std::uint16_t t = 1; t < MEMVP_EV_NR; ++t) v.counter(trace::event_name(t), counts_[t], "commits of this type");
  });
  v.counter("unknown_types", unknown_types_, "commits of type 0 or a type the port does not know (not recorded)");
  v.counter("bad_accesses", bad_accesses_, "accesses answered with an error (not 64-bit, misaligned, no such slot)");
}

}  // namespace memvp
