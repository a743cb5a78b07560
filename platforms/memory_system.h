// The platform's memory side as numa_nodes(cfg) nodes (docs/interconnect.md, "In the platform";
// one node without [numa]): one DRAM model per node, the NumaInterconnect in front of them, and
// per node a requester bus ("node<i>_bus") that sends RAM accesses into the interconnect on the node's port
// and everything else (devices, HTIF's tohost window inside RAM) to the system bus. The node's
// harts, or its CacheHierarchy's L2 and routers, bind to that bus.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "interconnect/bus.h"
#include "interconnect/numa_interconnect.h"
#include "platforms/dram_model.h"
#include "platforms/platform_config.h"

namespace memvp {

class MemorySystem {
 public:
  // A window [base, base + size) inside RAM that goes to the system bus instead (HTIF).
  using Window = std::pair<PhysAddr, std::uint64_t>;

  // Modules are created as children of the current module.
  MemorySystem(const PlatformConfig& cfg, Bus& system_bus, const std::vector<Window>& system_windows);

  [[nodiscard]] std::size_t node_count() const { return node_buses_.size(); }
  [[nodiscard]] Bus& node_bus(std::size_t node) { return *node_buses_.at(node); }
  [[nodiscard]] const Bus& node_bus(std::size_t node) const { return *node_buses_.at(node); }
  [[nodiscard]] const NumaInterconnect& interconnect() const { return *noc_; }
  [[nodiscard]] NumaInterconnect& interconnect() { return *noc_; }
  // The node whose harts hart `h` is one of.
  [[nodiscard]] std::size_t node_of_hart(std::uint32_t h) const { return noc_->config().node_of_hart(HartId(h))->value(); }
  [[nodiscard]] DramModel& memory(std::size_t node) { return *memories_.at(node); }
  [[nodiscard]] const DramModel& memory(std::size_t node) const { return *memories_.at(node); }

 private:
  std::vector<std::unique_ptr<DramModel>> memories_;
  std::unique_ptr<NumaInterconnect> noc_;
  std::vector<std::unique_ptr<Bus>> node_buses_;
};

}  // namespace memvp
