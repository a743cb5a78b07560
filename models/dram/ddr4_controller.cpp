// Ddr4Controller: payload checks, the functional backing store, and the two timing modes:
// synchronised (the caller waits until its arrival time, so requests of all initiators enter
// the queues in time order and a scheduler thread issues commands as time passes) and
// immediate (the request is scheduled when called, against the requests known so far).
#include "dram/ddr4_controller.h"

#include <algorithm>
#include <cstring>
#include <new>

#include "common/error.h"
#include "common/functional_dmi.h"
#include "common/tlm/memory_events.h"

namespace memvp {
namespace {

const Ddr4Config& validated(const Ddr4Config& cfg) {
  cfg.validate();
  return cfg;
}

bool in_thread() {
  return sc_core::sc_is_running() &&
         sc_core::sc_get_current_process_handle().proc_kind() == sc_core::SC_THREAD_PROC_;
}

}  // namespace

Ddr4Controller::Ddr4Controller(sc_core::sc_module_name name, const Ddr4Config& cfg)
    : sc_module(name),
      socket("socket"),
      cfg_(validated(cfg)),
      mapping_(cfg_),
      stats_(cfg_),
      clock_(sc_core::sc_time(cfg_.timing.tck_ns, sc_core::SC_NS)),
      mem_(static_cast<std::uint8_t*>(std::calloc(cfg_.size_bytes, 1))) {
  if (!mem_) throw std::bad_alloc();
  if (clock_.below_resolution())
    throw InputError("dram: tck_ns is below the SystemC time resolution");
  for (std::uint32_t ch = 0; ch < cfg_.org.channels; ++ch)
    channels_.push_back(std::make_unique<Ddr4Channel>(cfg_, ChannelId(ch), stats_));
  socket.register_b_transport(this, &Ddr4Controller::b_transport);
  socket.register_transport_dbg(this, &Ddr4Controller::transport_dbg);
  socket.register_get_direct_mem_ptr(this, &Ddr4Controller::get_direct_mem_ptr);
  SC_HAS_PROCESS(Ddr4Controller);
  if (cfg_.sync_to_arrival) SC_THREAD(scheduler_thread);
}

Ddr4Controller::~Ddr4Controller() = default;

bool Ddr4Controller::check(tlm::tlm_generic_payload& gp) const {
  const std::uint64_t addr = gp.get_address();
  const unsigned len = gp.get_data_length();
  if (len == 0 || addr >= cfg_.size_bytes || len > cfg_.size_bytes - addr) {
    gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return false;
  }
  if (gp.get_streaming_width() != 0 && gp.get_streaming_width() < len) {
    gp.set_response_status(tlm::TLM_BURST_ERROR_RESPONSE);
    return false;
  }
  return true;
}

void Ddr4Controller::copy_data(tlm::tlm_generic_payload& gp) {
  std::uint8_t* mem = mem_.get() + gp.get_address();
  unsigned char* data = gp.get_data_ptr();
  const unsigned len = gp.get_data_length();
  const unsigned char* be = gp.get_byte_enable_ptr();
  const unsigned be_len = gp.get_byte_enable_length();
  if (!be || be_len == 0) {
    if (gp.is_write())
      std::memcpy(mem, data, len);
    else
      std::memcpy(data, mem, len);
  } else {
    for (unsigned i = 0; i < len; ++i) {
      if (be[i % be_len] != TLM_BYTE_ENABLED) continue;
      if (gp.is_write())
        mem[i] = data[i];
      else
        data[i] = mem[i];
    }
  }
  gp.set_response_status(tlm::TLM_OK_RESPONSE);
}

std::vector<std::uint64_t> Ddr4Controller::enqueue(std::uint64_t addr, unsigned len, bool write,
                                                   Cycles arrival) {
  std::vector<std::uint64_t> ids;
  const std::uint64_t burst = cfg_.burst_bytes();
  for (std::uint64_t line = addr / burst * burst; line < addr + len; line += burst) {
    DramRequest r;
    r.id = next_id_++;
    r.write = write;
    r.coord = mapping_.decode(line);
    r.arrival = arrival;
    channels_[r.coord.channel.value()]->enqueue(r);
    ids.push_back(r.id);
  }
  return ids;
}

void Ddr4Controller::collect_events() {
  for (auto& ch : channels_) {
    for (const DramEvent& e : ch->take_accepted())  // a posted write is done once queued
      if (e.write && cfg_.posted_writes) finished_.emplace(e.id, to_time(e.at - e.lag));
    for (const DramEvent& e : ch->take_completed())
      if (!e.write || !cfg_.posted_writes)
        finished_.emplace(e.id, to_time(e.at - e.lag + Cycles(cfg_.backend_latency)));
  }
}

bool Ddr4Controller::all_finished(const std::vector<std::uint64_t>& ids) const {
  return std::all_of(ids.begin(), ids.end(),
                     [&](std::uint64_t id) { return finished_.contains(id); });
}

sc_core::sc_time Ddr4Controller::take_finish_time(const std::vector<std::uint64_t>& ids) {
  sc_core::sc_time t = sc_core::SC_ZERO_TIME;
  for (std::uint64_t id : ids) {
    auto it = finished_.find(id);
    t = std::max(t, it->second);
    finished_.erase(it);
  }
  return t;
}

void Ddr4Controller::b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
  gp.set_dmi_allowed(false);
  if (!check(gp)) return;
  if (gp.is_read() == gp.is_write()) {  // TLM_IGNORE_COMMAND: nothing to move or time
    gp.set_response_status(tlm::TLM_OK_RESPONSE);
    return;
  }
  count_memory_event(gp, gp.is_write() ? MemoryEvents::DramWrite : MemoryEvents::DramRead);
  const bool sync = cfg_.sync_to_arrival && in_thread();
  const sc_core::sc_time frontend = to_time(Cycles(cfg_.frontend_latency));
  if (sync && delay + frontend != sc_core::SC_ZERO_TIME) {  // enter the queue at the arrival
    sc_core::wait(delay + frontend);  // time, in time order with other initiators
    delay = sc_core::SC_ZERO_TIME;
  } else if (!sync) {
    delay += frontend;
  }
  copy_data(gp);
  const sc_core::sc_time arrival = sc_core::sc_time_stamp() + delay;
  const Cycles arrival_cycle = to_cycles_ceil(arrival);
  // Decide every cycle before the arrival first (commands, refreshes, the read/write mode), so
  // this request cannot change a decision in its past.
  for (auto& ch : channels_)
    if (arrival_cycle > Cycles(0)) ch->run_until(arrival_cycle - Cycles(1));
  const std::vector<std::uint64_t> ids =
      enqueue(gp.get_address(), gp.get_data_length(), gp.is_write(), arrival_cycle);
  collect_events();
  if (sync) {
    arrival_event_.notify(sc_core::SC_ZERO_TIME);
    while (!all_finished(ids)) sc_core::wait(progress_event_);
  } else {
    while (!all_finished(ids)) {
      bool progressed = false;
      for (auto& ch : channels_) {
        const Cycles next = ch->next_command_cycle();
        if (next == kNever) continue;
        ch->run_until(next);
        progressed = true;
      }
      if (!progressed) SC_REPORT_FATAL(name(), "DRAM request queued but no command can issue");
      collect_events();
    }
  }
  const sc_core::sc_time done = take_finish_time(ids);
  const sc_core::sc_time now = sc_core::sc_time_stamp();
  delay = done > now ? done - now : sc_core::SC_ZERO_TIME;
}

void Ddr4Controller::scheduler_thread() {
  while (true) {
    Cycles next = kNever;
    for (auto& ch : channels_) next = min_cycles(next, ch->next_command_cycle());
    const sc_core::sc_time now = sc_core::sc_time_stamp();
    if (next == kNever)
      sc_core::wait(arrival_event_);
    else if (to_time(next) > now)
      sc_core::wait(to_time(next) - now, arrival_event_);
    // Let every initiator arriving at this instant enqueue before deciding this cycle.
    sc_core::wait(sc_core::SC_ZERO_TIME);
    const Cycles cycle = to_cycles_floor(sc_core::sc_time_stamp());
    for (auto& ch : channels_) ch->run_until(cycle);
    collect_events();
    progress_event_.notify(sc_core::SC_ZERO_TIME);
  }
}

void Ddr4Controller::add_command_observer(const DramCommandObserver& obs) {
  observers_.push_back(obs);
  install_observers();
}

void Ddr4Controller::install_observers() {
  for (auto& ch : channels_) {
    const Ddr4Channel* c = ch.get();
    ch->set_command_observer([this, c](const DramCommandRecord& r) {
      if (waves_) waves_->command(r, c->queued());
      for (const DramCommandObserver& o : observers_) o(r);
    });
  }
}

void Ddr4Controller::attach_waves(waves::WaveRecorder& rec, const std::string& scope) {
  waves_ = std::make_unique<DramWaves>(rec, scope, cfg_, clock_.period_ticks());
  install_observers();
  // Every command still to come issues at or after its channel's now().
  rec.add_low_water([this] {
    Cycles earliest = kNever;
    for (const auto& ch : channels_) earliest = min_cycles(earliest, ch->now());
    return to_time(earliest).value();
  });
}

void Ddr4Controller::flush() {
  for (auto& ch : channels_) ch->drain();
  collect_events();
}

unsigned Ddr4Controller::transport_dbg(tlm::tlm_generic_payload& gp) {
  const std::uint64_t addr = gp.get_address();
  if (addr >= cfg_.size_bytes) {
    gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return 0;
  }
  const unsigned len =
      static_cast<unsigned>(std::min<std::uint64_t>(gp.get_data_length(), cfg_.size_bytes - addr));
  if (gp.is_write())
    std::memcpy(mem_.get() + addr, gp.get_data_ptr(), len);
  else if (gp.is_read())
    std::memcpy(gp.get_data_ptr(), mem_.get() + addr, len);
  gp.set_response_status(tlm::TLM_OK_RESPONSE);
  return len;
}

bool Ddr4Controller::get_direct_mem_ptr(tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi) {
  // A cache's functional path may move data directly: the cache sends its misses and
  // write-backs here as timed transactions, so every DRAM access is still modelled.
  if (gp.get_extension<FunctionalDmi>()) {
    dmi.set_dmi_ptr(mem_.get());
    dmi.set_start_address(0);
    dmi.set_end_address(cfg_.size_bytes - 1);
    dmi.allow_read_write();
    return true;
  }
  // Denied to anyone else: every access must pass through the timing model. Report the whole
  // range as not-DMI so the initiator does not ask again.
  dmi.set_start_address(0);
  dmi.set_end_address(cfg_.size_bytes - 1);
  dmi.set_granted_access(tlm::tlm_dmi::DMI_ACCESS_NONE);
  return false;
}

}  // namespace memvp
