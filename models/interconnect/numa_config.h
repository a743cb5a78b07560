// Parameters of the NUMA interconnect, filled from the platform file's [numa] table: the nodes
// (contiguous DRAM ranges from node 0 up, as QEMU virt lays them out, and their harts), the SLIT
// distance matrix the guest sees, the link graph, link latency and bandwidth. validate() is the
// one place that checks them; each problem is one InputError line naming the key.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "common/config/config_scope.h"
#include "common/types.h"

namespace memvp {

struct NumaNode {
  NodeId id{0};                // must equal the node's index in NumaConfig::nodes
  PhysAddr base{0x8000'0000};  // first byte of the node's DRAM
  std::uint64_t size_bytes = 0;
  std::vector<HartId> harts;   // harts whose numa-node-id is this node
};

// A bidirectional link between two nodes; each direction has its own bandwidth and queue.
struct NumaLinkSpec {
  NodeId a{0};
  NodeId b{0};
  auto operator<=>(const NumaLinkSpec&) const = default;
};

// full: every pair of nodes linked (a two-socket or fully connected four-socket machine);
// ring: node i linked to node i+1 and the last to node 0; explicit: NumaConfig::links.
enum class NumaTopology { Full, Ring, Explicit };
// shortest: fewest hops; among equal routes the next hop is the lowest-numbered node.
enum class NumaRouting { Shortest };

inline constexpr const char* kNumaTable = "numa";  // the platform file's table
inline constexpr std::uint32_t kLocalDistance = 10;    // ACPI SLIT / Linux LOCAL_DISTANCE
inline constexpr std::uint32_t kMaxDistance = 254;     // 255 means "unreachable" in a SLIT
inline constexpr double kDefaultHopLatencyNs = 27.0;   // docs/interconnect.md, "Defaults"
inline constexpr double kUpiLinkGbps = 20.8;           // one UPI link (10.4 GT/s x 2 bytes), each way

struct NumaConfig {
  std::vector<NumaNode> nodes;
  // distances[i][j]: SLIT distance from node i to node j. Empty: 10 on the diagonal and
  // 10 + 10 x (hops of the route) elsewhere, so a fully connected machine gets Linux's 20.
  std::vector<std::vector<std::uint32_t>> distances;
  NumaTopology topology = NumaTopology::Full;
  std::vector<NumaLinkSpec> links;  // topology = explicit only
  NumaRouting routing = NumaRouting::Shortest;
  // Latency of one link crossing (flight, both routers), in ns or in cycles of clock_hz; at most
  // one of the two may be given; neither: kDefaultHopLatencyNs.
  std::optional<double> hop_latency_ns;
  std::optional<Cycles> hop_latency_cycles;
  double clock_hz = 2e9;            // interconnect clock, for hop_latency_cycles
  double local_latency_ns = 0;      // added to every access that stays in its node
  double link_bandwidth_gbps = kUpiLinkGbps;  // bytes per ns, each direction of each link
  std::uint32_t header_bytes = 16;  // a request (and a write's completion) on the wire
  // The physical address the target sockets see as address 0: 0 when initiators send physical
  // addresses; the DRAM base when a Bus mapping in front of the interconnect rebases them.
  PhysAddr incoming_base{0};

  // Reports the first bad key under `where`. With `hart_count`, every hart 0..count-1 must
  // belong to exactly one node.
  void validate(std::optional<std::uint32_t> hart_count = std::nullopt,
                const ConfigScope& where = ConfigScope(kNumaTable)) const;

  [[nodiscard]] std::size_t node_count() const { return nodes.size(); }
  // The links the topology describes, each with a < b, sorted.
  [[nodiscard]] std::vector<NumaLinkSpec> link_list() const;
  // The distance matrix the guest sees: `distances`, or the hop-count default.
  [[nodiscard]] std::vector<std::vector<std::uint32_t>> distance_matrix() const;
  [[nodiscard]] double hop_latency_in_ns() const;
  // The node whose DRAM holds `pa`, if any.
  [[nodiscard]] std::optional<NodeId> home_of(PhysAddr pa) const;
  [[nodiscard]] std::optional<NodeId> node_of_hart(HartId h) const;

  // Nodes laid out as QEMU virt does: node 0 at `base`, each next node where the previous ends.
  static std::vector<NumaNode> contiguous_nodes(PhysAddr base, const std::vector<std::uint64_t>& sizes,
                                                const std::vector<std::vector<HartId>>& harts);
};

// Enums by name, as the platform file spells them (interconnect_schema.cpp).
[[nodiscard]] const char* to_string(NumaTopology t);
[[nodiscard]] const char* to_string(NumaRouting r);

}  // namespace memvp
