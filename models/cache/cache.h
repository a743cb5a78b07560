// A timing cache as one TLM-2.0 module, for the L1I, L1D and L2 roles: tags, state
// and replacement only. Data stays in memory: every access is done untimed below (by DMI if
// granted, else transport_dbg) so data is always right, and is charged what this cache models:
// its hit latency, plus on a miss a timed line fill (and a dirty victim's write-back) below.
// Coherence between the L1s above a shared cache is a timing approximation through the snoop
// sockets (docs/cache.md); functional correctness never depends on it.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/multi_passthrough_initiator_socket.h>
#include <tlm_utils/multi_passthrough_target_socket.h>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include "cache/cache_config.h"
#include "cache/cache_op.h"
#include "cache/cache_stats.h"
#include "cache/cache_waves.h"
#include "cache/mshr_file.h"
#include "cache/tag_array.h"
#include "common/clock.h"
#include "common/tlm/dmi_region.h"
#include "common/tlm/hit_path.h"
#include "common/tlm/memory_events.h"
#include "common/types.h"

namespace memvp::cache {

class Cache : public sc_core::sc_module, public stats::Group, public HitPath {
 public:
  // Upstream initiators (a hart's socket, an L1's mem_side, the walker) bind here. Port i of
  // cpu_side is served by port i of snoop_out: bind the caches first, in the same order on
  // both, and initiators that hold no lines (the walker) after them.
  tlm_utils::multi_passthrough_target_socket<Cache> cpu_side;
  tlm_utils::simple_initiator_socket<Cache> mem_side;  // the next level or memory
  // Snoops from the shared cache below (an L1's side); may stay unbound.
  tlm_utils::simple_target_socket_optional<Cache> snoop_in;
  // Snoops to the caches above (the shared cache's side); may stay unbound.
  tlm_utils::multi_passthrough_initiator_socket_optional<Cache> snoop_out;

  // Throws InputError (under the key prefix "cache.<name>") if cfg is invalid.
  Cache(sc_core::sc_module_name name, const CacheConfig& cfg);
  ~Cache() override;

  [[nodiscard]] const CacheConfig& config() const { return cfg_; }
  [[nodiscard]] const CacheStats& stats() const { return stats_; }
  void visit_stats(stats::Visitor& v) const override { stats_.visit_stats(v); }
  // Records the `cache` wave group (docs/waves.md) under `scope` into `rec`, which must
  // outlive the run. Waves only watch: the cache's timing is the same with or without.
  void attach_waves(waves::WaveRecorder& rec, const std::string& scope) {
    waves_ = std::make_unique<CacheWaves>(rec, scope);
  }
  // Inspection for tests and tools: is the line holding `addr` present / dirty here?
  [[nodiscard]] bool holds(PhysAddr addr) const;
  // Counts each miss as `kind` on the transaction that missed (common/tlm/memory_events.h):
  // the role this cache plays for the harts' performance counters. Unset: counted as nothing.
  void count_misses_as(MemoryEvents::Kind kind) { miss_event_ = kind; }
  [[nodiscard]] bool dirty(PhysAddr addr) const;
  // HitPath (common/tlm/hit_path.h), offered by an L1 to its initiator: a load or fetch that
  // hits, or a store that hits an owned line of a write-back cache, done as b_transport does it.
  bool try_access(std::uint64_t addr, unsigned char* data, unsigned len, bool write,
                  sc_core::sc_time& delay) override;

 private:
  struct Transfer;  // a pooled payload for timed transactions

  void end_of_elaboration() override;

  // cpu_side
  void b_transport(int port, tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
  unsigned transport_dbg(int port, tlm::tlm_generic_payload& gp);
  bool get_direct_mem_ptr(int port, tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi);
  // snoop_in
  void snoop(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);

  // What an access asks of this level, whoever sent it.
  struct Request {
    int port;
    AccessKind kind;             // for the statistics
    bool write;                  // modifies the line here (a store, write-back, write-through)
    bool own;                    // needs ownership (write-allocate fill, upgrade)
    bool full_line;              // a write-back: a miss needs no fill
    CacheOpExtension* op;        // set for a request of a cache above; carries the reply
    MemoryEvents* events;        // the requester's event counts, if it keeps them
  };
  [[nodiscard]] Request request_of(int port, const tlm::tlm_generic_payload& gp,
                                   CacheOpExtension* op) const;

  // One line's worth of an access. Returns false if the level below answered with an error.
  bool access_line(const Request& r, std::uint64_t line, sc_core::sc_time& delay);
  bool miss(const Request& r, unsigned set, std::uint64_t line, sc_core::sc_time& delay);
  // Settles the state of a line whose fill or upgrade (result `ok`, `shared`) came back; the
  // line may have been snooped or evicted meanwhile. Returns false if it was dropped for `!ok`.
  bool finish(const Request& r, unsigned set, std::uint64_t line, bool ok, bool shared);
  // A timed line transaction through mem_side; `shared` receives the ReadShared response.
  // What it cost below is added to `events` when given.
  bool send_down(CacheOp op, std::uint64_t line, AccessKind kind, sc_core::sc_time& delay,
                 bool* shared = nullptr, MemoryEvents* events = nullptr);
  bool forward_functional(tlm::tlm_generic_payload& gp);
  // The direct pointer covering [addr, addr + len) for a read or write, asking the level below
  // once per range it has not answered for yet; nullptr: use debug transport.
  unsigned char* functional_ptr(std::uint64_t addr, unsigned len, bool write);
  void request_dmi(std::uint64_t addr);
  void invalidate_dmi(sc_dt::uint64 start, sc_dt::uint64 end);

  // Directory of the upstream caches (cache_coherence.cpp).
  // Records request `r` for the line now in (set, way) and snoops the other upstream copies
  // it conflicts with; answers a fill's `shared`.
  void track_request(const Request& r, unsigned set, unsigned way, sc_core::sc_time& delay);
  // Snoops every sharer in `mask`; returns true if one of them held the line dirty.
  bool snoop_up(std::uint64_t line, std::uint64_t mask, CacheOp op, sc_core::sc_time& delay);
  [[nodiscard]] bool tracks(int port) const { return port >= 0 && port < tracked_ports_; }

  std::unique_ptr<Transfer> acquire();
  void release(std::unique_ptr<Transfer> t);

  CacheConfig cfg_;
  MemoryEvents::Kind miss_event_ = MemoryEvents::kKinds;
  unsigned line_shift_;
  Clock clock_;
  sc_core::sc_time hit_latency_;
  TagArray tags_;
  MshrFile mshrs_;
  CacheStats stats_;
  int tracked_ports_ = 0;  // cpu_side ports with a snoop channel: the upstream caches
  tlm::tlm_generic_payload dbg_gp_;    // the untimed functional forward (never waits)
  // The functional path's direct pointers from below (FunctionalDmi): a few ranges, since with
  // NUMA each node's memory answers for its own range only. A refused range is kept too (ptr
  // null), so it is not asked again. All are forgotten when the level below invalidates.
  static constexpr unsigned kDmiRegions = 8;
  std::array<DmiRegion, kDmiRegions> dmi_{};
  unsigned dmi_next_ = 0;  // the slot the next answer replaces (round robin)
  tlm::tlm_generic_payload snoop_gp_;  // snoops complete without waiting
  CacheOpExtension* snoop_ext_;        // owned by snoop_gp_
  std::vector<std::unique_ptr<Transfer>> pool_;  // transfers may wait in the level below
  std::vector<std::uint8_t> disabled_bytes_;     // byte enables of a data-less write
  std::unique_ptr<CacheWaves> waves_;            // the wave group, when recorded
};

}  // namespace memvp::cache
