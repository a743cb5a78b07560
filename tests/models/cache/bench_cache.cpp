// Simulation speed of the cache hierarchy: loads, stores and fetch-line reads per second into
// an L1 (32 KiB, 8-way) over an L2 (1 MiB, 16-way), as the hart issues them (one b_transport
// each, no DMI). Built as memvp_cache_bench; not a test. The hits are called from outside any
// SystemC process, which is fine because a hit never waits.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <memory>

#include <tlm_utils/simple_initiator_socket.h>

#include "cache/cache.h"
#include "test_memory.h"

namespace memvp::test {
namespace {

struct Driver : sc_core::sc_module {
  tlm_utils::simple_initiator_socket<Driver> socket{"socket"};
  explicit Driver(sc_core::sc_module_name n) : sc_module(n) {}
};

struct Hierarchy {
  Driver cpu{"cpu"};
  cache::Cache l1;
  cache::Cache l2;
  TestMemory mem{"mem", 100, 50};
  tlm::tlm_generic_payload gp;
  std::uint64_t data = 0;

  static cache::CacheConfig l1_config() { return cache::CacheConfig{}; }
  static cache::CacheConfig l2_config() {
    cache::CacheConfig c;
    c.size_bytes = 1 << 20;
    c.ways = 16;
    c.hit_latency_cycles = 14;
    return c;
  }
  explicit Hierarchy(bool grant_dmi) : l1("l1d", l1_config()), l2("l2", l2_config()) {
    cpu.socket.bind(l1.cpu_side);
    l1.mem_side.bind(l2.cpu_side);
    l2.snoop_out.bind(l1.snoop_in);
    l2.mem_side.bind(mem.socket);
    mem.grant_dmi = grant_dmi;
    sc_core::sc_start(sc_core::SC_ZERO_TIME);  // elaborate
  }
  void access(tlm::tlm_command cmd, std::uint64_t addr, unsigned len, void* buf) {
    gp.set_command(cmd);
    gp.set_address(addr);
    gp.set_data_ptr(static_cast<unsigned char*>(buf));
    gp.set_data_length(len);
    gp.set_streaming_width(len);
    gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
    cpu.socket->b_transport(gp, delay);
  }
};

// MEMVP_BENCH_DMI=1: memory grants the caches DMI for their functional path (as SimpleMemory
// does); otherwise every access's data goes down by transport_dbg (as with the DDR4 model).
Hierarchy& hierarchy() {
  static auto* h = [] {
    setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 1);
    const char* dmi = std::getenv("MEMVP_BENCH_DMI");
    return new Hierarchy(dmi && dmi[0] == '1');
  }();
  return *h;
}

// Loads over a working set of `range(0)` bytes, 8 bytes apart.
void run(benchmark::State& state, tlm::tlm_command cmd, unsigned len) {
  Hierarchy& h = hierarchy();
  const std::uint64_t span = static_cast<std::uint64_t>(state.range(0));
  std::uint8_t buf[64] = {};
  const unsigned stride = len < 8 ? 8 : len;
  for (std::uint64_t a = 0; a < span; a += stride) h.access(cmd, a, len, buf);  // warm up
  std::uint64_t addr = 0;
  for (auto _ : state) {
    h.access(cmd, addr, len, buf);
    addr += stride;
    if (addr >= span) addr = 0;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_LoadHitL1(benchmark::State& s) { run(s, tlm::TLM_READ_COMMAND, 8); }
void BM_StoreHitL1(benchmark::State& s) { run(s, tlm::TLM_WRITE_COMMAND, 8); }
void BM_FetchLineHitL1(benchmark::State& s) { run(s, tlm::TLM_READ_COMMAND, 64); }
void BM_LoadHitL2(benchmark::State& s) { run(s, tlm::TLM_READ_COMMAND, 8); }

BENCHMARK(BM_LoadHitL1)->Arg(16 << 10);
BENCHMARK(BM_StoreHitL1)->Arg(16 << 10);
BENCHMARK(BM_FetchLineHitL1)->Arg(16 << 10);
BENCHMARK(BM_LoadHitL2)->Arg(512 << 10);  // L1 misses, L2 hits

}  // namespace
}  // namespace memvp::test
