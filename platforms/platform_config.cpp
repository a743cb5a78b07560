// The platform file: its tables in the order a file lists them, each read by its block's key
// table (models/<block>/*_schema.h) and checked by its block; here only [platform], [memory] and
// [dtb], which describe the machine rather than one block, and the checks that involve several
// blocks (node sizes against memory.size, the timebase against the clock, overlapping regions,
// the DTB inside memory).
#include "platforms/platform_config.h"

#include <algorithm>

#include <fmt/format.h>

#include "cache/cache_schema.h"
#include "common/config/config_reader.h"
#include "common/error.h"
#include "common/config/key_table.h"
#include "core/core_schema.h"
#include "devices/devices_schema.h"
#include "devices/event_port/event_port_schema.h"
#include "devices/virtio_blk/virtio_blk_schema.h"
#include "dram/dram_schema.h"
#include "interconnect/interconnect_schema.h"
#include "mmu/mmu_schema.h"

namespace memvp {

namespace {

constexpr std::uint64_t kPage = 4096;

KeyTable<PlatformConfig> machine_keys() {
  return {{
      string_key("name", &PlatformConfig::name),
      uint_key("harts", &PlatformConfig::harts, 1, 64),
  }};
}

KeyTable<MemoryConfig> memory_keys() {
  using M = MemoryConfig;
  return {{
              page_address_key("base", &M::base),
              size_key("size", &M::size_bytes, 1ULL << 20, 16ULL << 30),
              enum_key("model", &M::model,
                       named({MemoryModel::Simple, MemoryModel::Ddr4}, [](MemoryModel m) { return to_string(m); })),
              group_key(&M::simple, simple_memory_keys()),
              table_key<M, Ddr4Config>("ddr4", &M::ddr4, ddr4_keys()),
          },
          [](const M& m, const ConfigScope& where) {
            where.require(m.size_bytes % kPage == 0, "size", "is not a multiple of 4 KiB");
            where.require(m.base.value() + m.size_bytes - 1 <= kMaxPhysAddr, "size", "memory ends beyond 2^56");
          }};
}

KeyTable<DtbConfig> dtb_keys() {
  return {{
              uint_key("address", &DtbConfig::address, 0, kMaxPhysAddr),
              string_key("bootargs", &DtbConfig::bootargs),
          },
          [](const DtbConfig& d, const ConfigScope& where) {
            where.require(d.address % 8 == 0, "address", "is not aligned to 8 bytes");
          }};
}

// [numa] with its nodes laid out from memory.base as QEMU virt does; one node, or none, is no
// NUMA fabric. Node-local buses in front of the interconnect keep addresses absolute (see
// memory_system.h), hence incoming_base 0.
std::optional<NumaConfig> read_numa(ConfigReader& r, const std::string& key, const PlatformConfig& p) {
  NumaConfig c;
  numa_keys().read(r, key, c);
  const std::string nodes_key = key + ".nodes";
  if (c.nodes.empty()) {
    if (r.defines(key)) r.fail(nodes_key, "[numa] needs at least one [[numa.nodes]]");
    return std::nullopt;
  }
  std::vector<std::uint64_t> sizes;
  std::vector<std::vector<HartId>> harts;
  std::uint64_t total = 0;
  for (const NumaNode& n : c.nodes) {
    sizes.push_back(n.size_bytes);
    harts.push_back(n.harts);
    total += n.size_bytes;
  }
  if (total != p.memory.size_bytes) {
    r.fail(nodes_key, fmt::format("node sizes add up to {:#x} bytes but memory.size is {:#x}; they must be equal",
                                  total, p.memory.size_bytes));
  }
  c.nodes = NumaConfig::contiguous_nodes(p.memory.base, sizes, harts);
  c.validate(p.harts, ConfigScope(key, &r));
  if (c.nodes.size() == 1) return std::nullopt;
  c.incoming_base = PhysAddr(0);
  return c;
}

Key<PlatformConfig> numa_key() {
  return {kNumaTable,
          [](ConfigReader& r, const std::string& key, PlatformConfig& p) { p.numa = read_numa(r, key, p); },
          [](const PlatformConfig& p, toml::table& out) {
            if (p.numa) out.insert(kNumaTable, numa_keys().write(*p.numa));
          },
          {}};
}

}  // namespace

NumaConfig numa_nodes(const PlatformConfig& p) {
  if (p.numa) return *p.numa;
  std::vector<HartId> harts;
  for (std::uint32_t h = 0; h < p.harts; ++h) harts.emplace_back(h);
  NumaConfig one;
  one.nodes = NumaConfig::contiguous_nodes(p.memory.base, {p.memory.size_bytes}, {harts});
  return one;
}

const KeyTable<PlatformConfig>& platform_keys() {
  using P = PlatformConfig;
  static const KeyTable<P> keys{{
      table_key<P, P>("platform", [](auto& p) -> auto& { return p; }, machine_keys()),
      table_key<P, HartConfig>("core", &P::core, core_keys()),
      table_key<P, mmu::MmuConfig>(mmu::kMmuTable, [](auto& p) -> auto& { return p.core.mmu; }, mmu::mmu_keys()),
      table_key<P, MemoryConfig>("memory", &P::memory, memory_keys()),
      table_key<P, CachesConfig>("cache", &P::caches, cache_keys()),
      numa_key(),
      table_key<P, BusConfig>("bus", &P::bus, bus_keys()),
      table_key<P, Uart16550Config>("uart", &P::uart, uart_keys()),
      table_key<P, ClintConfig>("clint", &P::clint, clint_keys()),
      table_key<P, PlicConfig>("plic", &P::plic, plic_keys()),
      table_key<P, TestFinisherConfig>("finisher", &P::finisher, finisher_keys()),
      table_key<P, EventPortConfig>("event_port", &P::event_port, event_port_keys()),
      table_key<P, VirtioConfig>("virtio", &P::virtio, virtio_keys()),
      table_array_key<P, DiskConfig>("disk", &P::disks, disk_keys()),
      table_key<P, DtbConfig>("dtb", &P::dtb, dtb_keys()),
  }};
  return keys;
}

std::vector<ClintPlacement> clint_placements(const PlatformConfig& p) {
  std::vector<ClintPlacement> out;
  for (const NumaNode& n : numa_nodes(p).nodes) {
    ClintPlacement c{p.clint, {}, n.id};
    for (HartId h : n.harts) c.harts.push_back(h.value());
    std::sort(c.harts.begin(), c.harts.end());
    c.cfg.base = PhysAddr(p.clint.base.value() + n.id.value() * p.clint.size);
    c.cfg.harts = static_cast<std::uint32_t>(c.harts.size());
    out.push_back(std::move(c));
  }
  return out;
}

namespace {

struct Region {
  const char* key;  // the base key that places it
  std::uint64_t base, size;
};

// Device and memory windows must not overlap: the bus would silently route one over the other.
void check_regions(ConfigReader& r, const PlatformConfig& p) {
  const Region regions[] = {{"memory.base", p.memory.base.value(), p.memory.size_bytes},
                            {"uart.base", p.uart.base.value(), p.uart.size},
                            {"clint.base", p.clint.base.value(), p.clint.size * clint_placements(p).size()},
                            {"plic.base", p.plic.base.value(), p.plic.size},
                            {"finisher.base", p.finisher.base.value(), p.finisher.size},
                            {"virtio.base", p.virtio.base.value(), p.virtio.slot_size * p.virtio.slots},
                            // A disabled event port maps nothing.
                            {"event_port.base", p.event_port.base.value(), p.event_port.enable ? p.event_port.size : 0}};
  for (std::size_t i = 0; i < std::size(regions); ++i) {
    for (std::size_t j = i + 1; j < std::size(regions); ++j) {
      // Blame the region the platform file moved, when only one of the two was moved.
      const bool swap = !r.defines(regions[j].key) && r.defines(regions[i].key);
      const Region& a = swap ? regions[j] : regions[i];
      const Region& b = swap ? regions[i] : regions[j];
      if (a.size == 0 || b.size == 0) continue;  // maps nothing
      if (a.base < b.base + b.size && b.base < a.base + a.size) {
        r.fail(b.key, fmt::format("[{:#x}, {:#x}) overlaps {} [{:#x}, {:#x})", b.base, b.base + b.size, a.key,
                                  a.base, a.base + a.size));
      }
    }
  }
}

// An L2 keeps one sharer bit per L1 above it in a 64-bit vector (models/cache, tag_array.h), so
// with caches a node holds at most 32 harts (an L1I and an L1D each).
void check_cached_harts(ConfigReader& r, const PlatformConfig& p) {
  constexpr std::size_t kMaxCachedHarts = 32;
  if (!p.caches.enabled) return;
  std::size_t most = p.harts;
  if (p.numa) {
    most = 0;
    for (const NumaNode& n : p.numa->nodes) most = std::max(most, n.harts.size());
  }
  if (most > kMaxCachedHarts) {
    r.fail("cache.enabled", fmt::format("an L2 serves at most {} harts, the platform puts {} on one node "
                                        "(cache.enabled=false, or more NUMA nodes)", kMaxCachedHarts, most));
  }
}

}  // namespace

const char* to_string(MemoryModel m) { return m == MemoryModel::Ddr4 ? "ddr4" : "simple"; }

PlatformConfig read_platform_config(ConfigReader& r) {
  PlatformConfig p;
  platform_keys().read(r, "", p);
  r.finish();

  // The bus, the simple memory and the caches count cycles of the core clock; DDR4 has its own
  // (tck_ns). [memory] size is the size of whichever model serves it.
  p.bus.clock_hz = p.core.clock_hz;
  p.memory.simple.clock_hz = p.core.clock_hz;
  for (cache::CacheConfig* c : {&p.caches.l1i, &p.caches.l1d, &p.caches.l2}) c->clock_hz = p.core.clock_hz;
  p.memory.simple.size_bytes = p.memory.size_bytes;
  p.memory.ddr4.size_bytes = p.memory.size_bytes;
  p.clint.harts = p.harts;
  p.event_port.harts = p.harts;
  p.event_port.nodes = p.numa ? static_cast<std::uint32_t>(p.numa->nodes.size()) : 1;
  p.event_port.clock_hz = p.core.clock_hz;
  if (p.event_port.enable && p.harts > EventPort::kMaxHarts) {
    r.fail("event_port.enable", fmt::format("the port has slots for {} harts, the platform has {}", EventPort::kMaxHarts,
                                            p.harts));
  }
  p.clint.timebase_hz = p.core.timebase_hz;
  if (p.plic.sources <= kUartIrq) {
    r.fail("plic.sources", fmt::format("{} sources leave no source {} for the UART", p.plic.sources, kUartIrq));
  }
  if (p.virtio.slots > 0 && p.virtio.first_irq + p.virtio.slots > p.plic.sources) {
    r.fail("virtio.slots", fmt::format("{} slots need PLIC sources {}..{}, but plic.sources is {}", p.virtio.slots,
                                       p.virtio.first_irq, p.virtio.first_irq + p.virtio.slots - 1, p.plic.sources));
  }
  if (p.disks.size() > p.virtio.slots) {
    r.fail("disk", fmt::format("{} disks but only {} virtio slots (virtio.slots)", p.disks.size(), p.virtio.slots));
  }
  if (static_cast<double>(p.core.timebase_hz) > p.core.clock_hz) {
    r.fail("core.timebase_hz", fmt::format("{} Hz is faster than core.clock_hz ({:g} Hz)", p.core.timebase_hz,
                                           p.core.clock_hz));
  }
  check_regions(r, p);
  check_cached_harts(r, p);
  if (p.memory.model == MemoryModel::Ddr4) p.memory.ddr4.validate(ConfigScope("memory.ddr4", &r));
  if (p.dtb.address != 0) {
    const std::uint64_t lo = p.memory.base.value();
    const std::uint64_t hi = lo + p.memory.size_bytes;
    if (p.dtb.address < lo || p.dtb.address >= hi) r.fail("dtb.address", "is not inside memory");
  }
  return p;
}

PlatformConfig load_platform_config(const std::optional<std::string>& path, const std::vector<std::string>& sets) {
  return load_platform_config(path ? ConfigReader::from_file(*path) : ConfigReader::from_string("", "<built-in platform>"),
                              sets);
}

PlatformConfig load_platform_config(ConfigReader reader, const std::vector<std::string>& sets) {
  platform_keys().seed(reader, "", PlatformConfig{});
  for (const auto& s : sets) reader.set(s);
  return read_platform_config(reader);
}

void add_disk_options(PlatformConfig& p, const std::vector<std::string>& specs) {
  for (const std::string& spec : specs) p.disks.push_back(parse_disk_option(spec));
  if (p.disks.size() > p.virtio.slots) {
    throw InputError(fmt::format("--disk: {} disks but only {} virtio slots (virtio.slots)", p.disks.size(), p.virtio.slots));
  }
}

}  // namespace memvp
