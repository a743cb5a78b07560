// Builds and binds the memory system. Node buses keep addresses absolute (the interconnect decodes
// the home node from the physical address, so its incoming_base is 0) and map each node's RAM as
// its own range: a debug write that the loader splits at range ends never crosses a node, which
// the interconnect would reject.
#include "platforms/memory_system.h"

#include <fmt/format.h>

namespace memvp {
namespace {

constexpr unsigned kNocPort = 0, kSystemPort = 1;

}  // namespace

MemorySystem::MemorySystem(const PlatformConfig& cfg, Bus& system_bus, const std::vector<Window>& system_windows) {
  const NumaConfig numa = numa_nodes(cfg);
  for (const NumaNode& node : numa.nodes) {
    MemoryConfig mc = cfg.memory;  // make_dram_model gives the model mc.size_bytes
    mc.base = node.base;
    mc.size_bytes = node.size_bytes;
    memories_.push_back(make_dram_model(fmt::format("node{}_memory", node.id.value()).c_str(), mc));
  }
  noc_ = std::make_unique<NumaInterconnect>("numa", numa);
  for (auto& m : memories_) noc_->init_socket.bind(m->socket());

  for (const NumaNode& node : numa.nodes) {
    // The node bus stands where the system bus stood in front of RAM, so RAM accesses pay the
    // [bus] latency here; everything else crosses the system bus too, which charges it, so it
    // passes through this one free: every access pays the bus latency once. With one node (no
    // links, no local latency) a RAM access costs the bus and the memory, nothing more.
    auto bus = std::make_unique<Bus>(fmt::format("node{}_bus", node.id.value()).c_str(), cfg.bus);
    bus->init_socket.bind(noc_->targ_socket);
    bus->init_socket.bind(system_bus.targ_socket);
    bus->map(kSystemPort, PhysAddr(0), ~0ULL, Bus::Addressing::Absolute, Bus::Latency::PassThrough);
    for (const NumaNode& home : numa.nodes) bus->map(kNocPort, home.base, home.size_bytes, Bus::Addressing::Absolute);
    for (const Window& w : system_windows)
      bus->map(kSystemPort, w.first, w.second, Bus::Addressing::Absolute, Bus::Latency::PassThrough);
    node_buses_.push_back(std::move(bus));
  }
}

}  // namespace memvp
