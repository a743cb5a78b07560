// The caches between the harts and the system bus when [cache] enabled = true: per hart an L1I
// and an L1D, a shared L2 that keeps them coherent (docs/cache.md), and per hart two routers
// (Buses with absolute addressing) that send RAM accesses through the L1s and everything else
// (devices, HTIF's tohost inside RAM) straight to the system bus, since caches may not hold
// device registers.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "cache/cache.h"
#include "core/hart.h"
#include "interconnect/bus.h"
#include "platforms/platform_config.h"

namespace memvp {

class CacheHierarchy : public stats::Group {
 public:
  // A window [base, base + size) that bypasses the caches although it lies in RAM.
  using Window = std::pair<PhysAddr, std::uint64_t>;

  // `downstream` takes the L2's misses and everything the caches must not hold: a NUMA node's
  // bus. `node` ("node1") prefixes the L2's module and statistics names, as every node has its
  // own L2.
  CacheHierarchy(const PlatformConfig& cfg, Bus& downstream, std::vector<Window> uncached, std::string node);

  // Routes hart h's fetches and data; call for harts 0, 1, ... in order, then bind_walkers().
  void attach(Hart& hart, unsigned h);
  // The page-table walkers enter at the L1D of their hart or at the L2 ([cache] walker).
  void bind_walkers(const std::vector<Hart*>& harts);

  // Where a device's DMA binds: a new router sending RAM through the L2 (which snoops the L1s
  // on the device's writes, keeping them coherent with it) and everything else to the node's
  // bus. Call after bind_walkers().
  [[nodiscard]] tlm_utils::multi_passthrough_target_socket<Bus>& dma_port();

  // Records every cache's `cache` wave group (docs/waves.md) into `rec`, under the names of
  // the statistics: hart<i>.l1i/l1d and <node>.l2.
  void attach_waves(waves::WaveRecorder& rec);

  // Every cache's statistics, as groups hart<i>.l1i/l1d and <node>.l2.
  void visit_stats(stats::Visitor& v) const override;

 private:
  // A router: RAM (less the uncached windows) to `cache`, everything else to the node's bus; the
  // addresses stay absolute, as the caches and the node's bus route them again.
  std::unique_ptr<Bus> make_router(const std::string& name, cache::Cache& cache);

  const PlatformConfig& cfg_;
  Bus& system_bus_;
  std::vector<Window> uncached_;
  std::string node_;
  std::vector<unsigned> hart_ids_;  // the harts attached, in order
  std::unique_ptr<cache::Cache> l2_;
  std::vector<std::unique_ptr<cache::Cache>> l1i_, l1d_;
  std::vector<std::unique_ptr<Bus>> routers_;
  unsigned dma_count_ = 0;
};

}  // namespace memvp
