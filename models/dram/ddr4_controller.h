// A DDR4 memory controller as a TLM-2.0 LT target: b_transport charges each access the time
// the modelled channels need (queueing, FR-FCFS, bank timing, refresh) while a backing store
// inside keeps the data. Addresses are relative to the start of the node's DRAM. DMI is denied
// so every access is timed; transport_dbg serves loaders without timing.
#pragma once

#include <tlm_utils/simple_target_socket.h>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <systemc>
#include <tlm>
#include <unordered_map>
#include <vector>

#include "common/clock.h"
#include "dram/address_mapping.h"
#include "dram/ddr4_channel.h"
#include "dram/ddr4_config.h"
#include "dram/dram_stats.h"
#include "dram/dram_waves.h"

namespace memvp {

class Ddr4Controller : public sc_core::sc_module, public stats::Group {
 public:
  tlm_utils::simple_target_socket<Ddr4Controller> socket;

  // Validates cfg (InputError on a bad field).
  Ddr4Controller(sc_core::sc_module_name name, const Ddr4Config& cfg);
  ~Ddr4Controller() override;

  // Issues every queued request as if no more arrive (posted writes may still wait in the write
  // queue when the run ends). Called at end_of_simulation; call it before reading final
  // statistics if the run ended without sc_stop.
  void flush();

  // Receives every DRAM command of every channel (times in DRAM clocks of this controller;
  // in immediate mode they may run ahead of SystemC time by the requests' queueing), beside the
  // observers added before. Observers only watch: the commands and their times are the same
  // with or without them.
  void add_command_observer(const DramCommandObserver& obs);

  // Records the `dram` wave group (docs/waves.md) under `scope` into `rec`, which must outlive
  // the run; takes the command observer. Commands issue lazily (a request's arrival decides the
  // cycles before it), so the recorder is told how far back a channel may still report.
  void attach_waves(waves::WaveRecorder& rec, const std::string& scope);

  [[nodiscard]] const Ddr4Config& config() const { return cfg_; }
  [[nodiscard]] const DramStats& stats() const { return stats_; }
  void visit_stats(stats::Visitor& v) const override { stats_.visit_stats(v); }
  [[nodiscard]] const AddressMapping& mapping() const { return mapping_; }
  [[nodiscard]] sc_core::sc_time clock_period() const { return clock_.period(); }
  [[nodiscard]] std::uint64_t size() const { return cfg_.size_bytes; }

 private:
  struct FreeDeleter {
    void operator()(std::uint8_t* p) const { std::free(p); }
  };

  void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
  unsigned transport_dbg(tlm::tlm_generic_payload& gp);
  bool get_direct_mem_ptr(tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi);
  // Checks the payload; sets an error response and returns false if it cannot be served.
  bool check(tlm::tlm_generic_payload& gp) const;
  void copy_data(tlm::tlm_generic_payload& gp);
  // Splits [addr, addr+len) into bursts, enqueues them arriving at `arrival`, returns their ids.
  std::vector<std::uint64_t> enqueue(std::uint64_t addr, unsigned len, bool write, Cycles arrival);
  // Moves accepted/completed events from the channels into finished_.
  void collect_events();
  [[nodiscard]] bool all_finished(const std::vector<std::uint64_t>& ids) const;
  // The latest finishing time of `ids`, which are then forgotten.
  sc_core::sc_time take_finish_time(const std::vector<std::uint64_t>& ids);
  void scheduler_thread();
  // Points every channel at the waves and the observers.
  void install_observers();
  void end_of_simulation() override { flush(); }

  [[nodiscard]] Cycles to_cycles_ceil(const sc_core::sc_time& t) const { return clock_.cycles_ceil(t); }
  [[nodiscard]] Cycles to_cycles_floor(const sc_core::sc_time& t) const { return clock_.cycles_floor(t); }
  [[nodiscard]] sc_core::sc_time to_time(Cycles c) const { return clock_.to_time(c); }

  Ddr4Config cfg_;
  AddressMapping mapping_;
  DramStats stats_;
  Clock clock_;
  std::unique_ptr<std::uint8_t, FreeDeleter> mem_;
  std::vector<std::unique_ptr<Ddr4Channel>> channels_;
  std::unordered_map<std::uint64_t, sc_core::sc_time> finished_;  // request id -> caller may go on
  std::uint64_t next_id_ = 0;
  std::unique_ptr<DramWaves> waves_;
  std::vector<DramCommandObserver> observers_;
  sc_core::sc_event arrival_event_;
  sc_core::sc_event progress_event_;
};

}  // namespace memvp
