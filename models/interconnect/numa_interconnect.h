// The NUMA interconnect: routes every physical access to the node whose DRAM holds
// it and charges the links it crosses. Target port i takes node i's misses (its L2 or harts);
// initiator port j leads to node j's memory controller, which sees addresses relative to the
// node's base. Loosely timed: the delay is annotated, b_transport never calls wait().
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/multi_passthrough_initiator_socket.h>
#include <tlm_utils/multi_passthrough_target_socket.h>

#include "common/stats/stats.h"
#include "common/types.h"
#include "interconnect/numa_config.h"
#include "interconnect/numa_link.h"
#include "interconnect/numa_routing.h"
#include "interconnect/numa_stats.h"

namespace memvp {

class NumaInterconnect : public sc_core::sc_module, public stats::Group {
 public:
  tlm_utils::multi_passthrough_target_socket<NumaInterconnect> targ_socket;    // port i: node i's requesters
  tlm_utils::multi_passthrough_initiator_socket<NumaInterconnect> init_socket;  // port j: node j's memory

  // Validates `cfg` (InputError naming the key).
  NumaInterconnect(sc_core::sc_module_name name, const NumaConfig& cfg);

  [[nodiscard]] const NumaConfig& config() const { return cfg_; }
  [[nodiscard]] const NumaStats& stats() const { return stats_; }
  [[nodiscard]] const std::vector<NumaLinkState>& links() const { return links_; }
  // The nodes a message from `from` to `to` visits, both included.
  [[nodiscard]] const std::vector<NodeId>& route(NodeId from, NodeId to) const;
  // The time the link statistics cover: from 0 to now, or to the last link occupancy if later
  // (loosely timed initiators run ahead of SystemC time).
  [[nodiscard]] sc_core::sc_time elapsed() const;
  // Records the `noc` wave group (docs/waves.md) of every link direction under
  // "<scope>.node<a>_to_node<b>" into `rec`, which must outlive the run.
  void attach_waves(waves::WaveRecorder& rec, const std::string& scope);
  // Every statistic under its stable name (docs/interconnect.md).
  void visit_stats(stats::Visitor& v) const override;

 private:
  struct Home {
    NodeId node;
    std::uint64_t offset;  // address relative to the node's base
  };
  // The node holding incoming address `addr` (and the offset), when [addr, addr + len) lies in it.
  [[nodiscard]] std::optional<Home> decode(std::uint64_t addr, std::uint64_t len) const;
  // A message of `bytes` ready at `t` crossing every link of `path`: when it reaches the end.
  sc_core::sc_time cross(const std::vector<NodeId>& path, std::uint64_t bytes, sc_core::sc_time t);
  [[nodiscard]] std::uint64_t request_bytes(const tlm::tlm_generic_payload& gp) const;
  [[nodiscard]] std::uint64_t response_bytes(const tlm::tlm_generic_payload& gp) const;

  void b_transport(int port, tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
  unsigned transport_dbg(int port, tlm::tlm_generic_payload& gp);
  bool get_direct_mem_ptr(int port, tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi);
  void invalidate_direct_mem_ptr(int port, sc_dt::uint64 start, sc_dt::uint64 end);
  void end_of_elaboration() override;

  NumaConfig cfg_;
  std::size_t n_;
  sc_core::sc_time hop_latency_;
  sc_core::sc_time local_latency_;
  std::unique_ptr<NumaRoutingPolicy> routing_;
  std::vector<std::vector<NodeId>> routes_;  // n x n, from-major
  std::vector<NumaLinkState> links_;
  std::vector<LinkChannel*> channel_;        // n x n: the channel from u to its neighbour v
  NumaStats stats_;
};

}  // namespace memvp
