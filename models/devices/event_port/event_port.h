// The event port ("memvp,event-port", docs/devices.md): a register window through which the
// guest kernel reports its own events (page faults, context switches, shootdowns, ...). Each
// hart has a slot of four argument registers and a commit register; a commit becomes one
// trace::EventRecord dated at the writing hart's local time, which the port counts and hands
// to its observers (the event trace, the `os` wave group). Present only on memvp.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include "common/clock.h"
#include "common/stats/stats.h"
#include "common/trace/event_record.h"
#include "common/types.h"
#include "common/waves/wave_recorder.h"

namespace memvp {

struct EventPortConfig {
  bool enable = false;         // [event_port] enable: off keeps the port out of the map and DTB
  PhysAddr base{0x0010'2000};  // after QEMU virt's test device and RTC, where virt maps nothing
  std::uint64_t size = 0x1000;
  std::uint32_t harts = 1;     // the platform's; one slot each
  std::uint32_t nodes = 1;     // the platform's NUMA nodes, for the `os` group's zone signals
  double clock_hz = 1e9;       // the harts' clock, whose cycles date the events
};

// Receives every committed event, in the order the harts commit them (not time order across
// harts: temporal decoupling lets one hart run ahead of another).
class EventObserver {
 public:
  virtual void on_event(const trace::EventRecord& e) = 0;

 protected:
  ~EventObserver() = default;
};

class OsWaves;

class EventPort : public sc_core::sc_module, public stats::Group {
 public:
  static constexpr std::uint32_t kMaxHarts = 0x1000 / MEMVP_EVENT_SLOT_SIZE;

  tlm_utils::simple_target_socket<EventPort> socket;

  EventPort(sc_core::sc_module_name name, const EventPortConfig& cfg);
  ~EventPort() override;

  // `o` must outlive the run.
  void add_observer(EventObserver& o) { observers_.push_back(&o); }
  // The `os` wave group: per hart under `scope` ("os.hart0", ...).
  void attach_waves(waves::WaveRecorder& rec, const std::string& scope);

  [[nodiscard]] const EventPortConfig& config() const { return cfg_; }
  [[nodiscard]] std::uint64_t count(std::uint16_t type) const { return type < MEMVP_EV_NR ? counts_[type] : 0; }

  void visit_stats(stats::Visitor& v) const override;

 private:
  struct Slot {
    std::array<std::uint64_t, trace::kEventArgs> arg{};
  };

  void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
  unsigned transport_dbg(tlm::tlm_generic_payload& gp);
  // Performs the access at the initiator's local time `now`; false for an access the port has
  // no register for (the initiator gets an error response).
  bool access(tlm::tlm_generic_payload& gp, const sc_core::sc_time& now, bool debug);
  void commit(std::uint16_t hart, std::uint64_t value, const sc_core::sc_time& now);

  EventPortConfig cfg_;
  Clock clock_;
  std::vector<Slot> slots_;
  std::vector<EventObserver*> observers_;
  std::unique_ptr<OsWaves> waves_;
  std::array<std::uint64_t, MEMVP_EV_NR> counts_{};
  std::uint64_t unknown_types_ = 0;  // commits of type 0 or a type the port does not know
  std::uint64_t bad_accesses_ = 0;   // accesses answered with an error response
};

}  // namespace memvp
