// Builds and binds the cache hierarchy: routers, L1s, the shared L2. Binding order matters on
// the L2: port i of its cpu_side is served by port i of its snoop_out, so every L1 binds both
// in the same order before any walker binds cpu_side.
#include "platforms/cache_hierarchy.h"

#include "common/tlm/memory_events.h"

#include <string>

#include <fmt/format.h>

namespace memvp {
namespace {

constexpr unsigned kCachePort = 0, kSystemPort = 1;

}  // namespace

CacheHierarchy::CacheHierarchy(const PlatformConfig& cfg, Bus& downstream, std::vector<Window> uncached,
                               std::string node)
    : cfg_(cfg), system_bus_(downstream), uncached_(std::move(uncached)), node_(std::move(node)),
      l2_(std::make_unique<cache::Cache>((node_ + "_l2").c_str(), cfg.caches.l2)) {
  l2_->mem_side.bind(system_bus_.targ_socket);
  l2_->count_misses_as(MemoryEvents::L2Miss);
}

void CacheHierarchy::attach(Hart& hart, unsigned h) {
  hart_ids_.push_back(h);
  auto make_l1 = [&](const char* kind, const cache::CacheConfig& c) {
    auto l1 = std::make_unique<cache::Cache>(fmt::format("hart{}_{}", h, kind).c_str(), c);
    l1->count_misses_as(c.instruction ? MemoryEvents::L1iMiss : MemoryEvents::L1dMiss);
    l1->mem_side.bind(l2_->cpu_side);
    l2_->snoop_out.bind(l1->snoop_in);
    return l1;
  };
  l1i_.push_back(make_l1("l1i", cfg_.caches.l1i));
  l1d_.push_back(make_l1("l1d", cfg_.caches.l1d));

  routers_.push_back(make_router(fmt::format("hart{}_fetch_router", h), *l1i_.back()));
  hart.fetch_socket.bind(routers_.back()->targ_socket);
  routers_.push_back(make_router(fmt::format("hart{}_data_router", h), *l1d_.back()));
  hart.data_socket.bind(routers_.back()->targ_socket);
}

std::unique_ptr<Bus> CacheHierarchy::make_router(const std::string& name, cache::Cache& cache) {
  auto router = std::make_unique<Bus>(name.c_str(), BusConfig{cfg_.core.clock_hz, 0});
  router->init_socket.bind(cache.cpu_side);
  router->init_socket.bind(system_bus_.targ_socket);
  router->map(kSystemPort, PhysAddr(0), ~0ULL, Bus::Addressing::Absolute);
  router->map(kCachePort, cfg_.memory.base, cfg_.memory.size_bytes, Bus::Addressing::Absolute);
  for (const Window& w : uncached_) router->map(kSystemPort, w.first, w.second, Bus::Addressing::Absolute);
  return router;
}

tlm_utils::multi_passthrough_target_socket<Bus>& CacheHierarchy::dma_port() {
  routers_.push_back(make_router(fmt::format("{}_dma{}_router", node_, dma_count_++), *l2_));
  return routers_.back()->targ_socket;
}

void CacheHierarchy::bind_walkers(const std::vector<Hart*>& harts) {
  for (std::size_t h = 0; h < harts.size(); ++h) {
    auto& target = cfg_.caches.walker == CachesConfig::WalkerEntry::L2 ? l2_->cpu_side : l1d_.at(h)->cpu_side;
    harts[h]->mmu.ptw_socket.bind(target);
  }
}

void CacheHierarchy::attach_waves(waves::WaveRecorder& rec) {
  for (std::size_t h = 0; h < l1i_.size(); ++h) {
    l1i_[h]->attach_waves(rec, fmt::format("hart{}.l1i", hart_ids_[h]));
    l1d_[h]->attach_waves(rec, fmt::format("hart{}.l1d", hart_ids_[h]));
  }
  l2_->attach_waves(rec, node_ + ".l2");
}

void CacheHierarchy::visit_stats(stats::Visitor& v) const {
  for (std::size_t h = 0; h < l1i_.size(); ++h) {
    v.group(fmt::format("hart{}", hart_ids_[h]), "the hart's L1 caches", [&] {
      v.group("l1i", "the hart's L1 instruction cache", *l1i_[h]);
      v.group("l1d", "the hart's L1 data cache", *l1d_[h]);
    });
  }
  v.group(node_, "the node's caches", [&] { v.group("l2", "the node's shared L2", *l2_); });
}

}  // namespace memvp
