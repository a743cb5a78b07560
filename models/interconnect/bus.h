// The system bus: decodes each physical address to one target port and forwards the
// transaction with the address made relative to the target's base. Forwards DMI requests and
// invalidations, clipped so a DMI region never covers another mapping.
#pragma once

#include <cstdint>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/multi_passthrough_initiator_socket.h>
#include <tlm_utils/multi_passthrough_target_socket.h>

#include "common/types.h"

namespace memvp {

struct BusConfig {
  double clock_hz = 1e9;
  std::uint32_t latency_cycles = 0;  // added to every routed access
};

class Bus : public sc_core::sc_module {
 public:
  tlm_utils::multi_passthrough_target_socket<Bus> targ_socket;    // initiators bind here
  tlm_utils::multi_passthrough_initiator_socket<Bus> init_socket;  // targets, in map() port order

  Bus(sc_core::sc_module_name name, const BusConfig& cfg);

  // How a routed address reaches the target: as an offset from the mapping's base (a device),
  // or unchanged (a further stage of the memory system, such as a cache, that routes again).
  enum class Addressing { Offset, Absolute };

  // Whether a routed access pays this bus's latency, or passes on to a further bus that
  // charges it (a NUMA node's bus handing devices to the system bus: one bus crossing, one
  // latency).
  enum class Latency { Charged, PassThrough };

  // Routes [base, base + size) to init_socket port `port` (the order targets were bound).
  // A later mapping takes precedence where it overlaps an earlier one (e.g. HTIF's tohost
  // inside DRAM), splitting the earlier range.
  void map(unsigned port, PhysAddr base, std::uint64_t size, Addressing addressing = Addressing::Offset,
           Latency latency = Latency::Charged);

  struct Range {
    std::uint64_t start, end;  // inclusive
    unsigned port;
    std::uint64_t base;  // target address = address - base (0 for Addressing::Absolute)
    Latency latency;
  };
  [[nodiscard]] const std::vector<Range>& ranges() const { return ranges_; }

 private:
  const Range* decode(std::uint64_t addr) const;
  void b_transport(int id, tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
  unsigned transport_dbg(int id, tlm::tlm_generic_payload& gp);
  bool get_direct_mem_ptr(int id, tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi);
  void invalidate_direct_mem_ptr(int port, sc_dt::uint64 start, sc_dt::uint64 end);

  BusConfig cfg_;
  sc_core::sc_time latency_;
  std::vector<Range> ranges_;  // sorted, non-overlapping
  mutable const Range* last_ = nullptr;  // the range decode() found last (a lookup cache)
};

}  // namespace memvp
