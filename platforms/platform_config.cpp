// The platform-file schema: one function per table, each naming its keys, defaults (taken from
// the block's config struct) and ranges; then the checks that involve several blocks.
#include "platforms/platform_config.h"

#include <algorithm>
#include <bit>

#include <fmt/format.h>

#include "platforms/config_reader.h"
#include "platforms/ddr4_config_reader.h"
#include "platforms/mmu_config_reader.h"
#include "platforms/numa_config_reader.h"

namespace memvp {

namespace {

constexpr std::uint64_t kPage = 4096;
constexpr std::uint64_t kMaxAddr = (1ULL << 56) - 1;  // Sv48/Sv39 physical addresses are 56 bits

std::uint32_t get_u32(ConfigReader& r, const std::string& key, std::uint32_t def, std::uint32_t min, std::uint32_t max) {
  return static_cast<std::uint32_t>(r.get_uint(key, def, min, max));
}

std::uint32_t get_pow2(ConfigReader& r, const std::string& key, std::uint32_t def, std::uint32_t max) {
  const auto v = get_u32(r, key, def, 1, max);
  if (!std::has_single_bit(v)) r.fail(key, fmt::format("{} is not a power of two", v));
  return v;
}

std::uint64_t get_base(ConfigReader& r, const std::string& key, std::uint64_t def) {
  const auto v = r.get_uint(key, def, 0, kMaxAddr);
  if (v % kPage != 0) r.fail(key, fmt::format("{:#x} is not aligned to 4 KiB", v));
  return v;
}

void read_core(ConfigReader& r, HartConfig& c) {
  c.clock_hz = r.get_double("core.clock_hz", c.clock_hz, 1e6, 1e11);
  c.timebase_hz = r.get_uint("core.timebase_hz", c.timebase_hz, 1, 1'000'000'000);
  c.quantum_cycles = r.get_uint("core.quantum_cycles", c.quantum_cycles, 1, 100'000'000);
  c.load_use_penalty = get_u32(r, "core.load_use_penalty", c.load_use_penalty, 0, 100);
  c.mul_latency = get_u32(r, "core.mul_latency", c.mul_latency, 1, 100);
  c.div_latency = get_u32(r, "core.div_latency", c.div_latency, 1, 1000);

  auto& bp = c.branch_predictor;
  bp.kind = r.get_enum<BranchPredictorKind>("core.branch_predictor.kind", bp.kind,
                                            {{"static", BranchPredictorKind::StaticNotTaken},
                                             {"bimodal", BranchPredictorKind::Bimodal},
                                             {"gshare", BranchPredictorKind::Gshare}});
  bp.entries = get_pow2(r, "core.branch_predictor.entries", bp.entries, 1u << 20);
  bp.history_bits = get_u32(r, "core.branch_predictor.history_bits", bp.history_bits, 1, 30);
  bp.btb_entries = get_pow2(r, "core.branch_predictor.btb_entries", bp.btb_entries, 1u << 16);
  bp.ras_entries = get_u32(r, "core.branch_predictor.ras_entries", bp.ras_entries, 0, 64);
  bp.mispredict_penalty = get_u32(r, "core.branch_predictor.mispredict_penalty", bp.mispredict_penalty, 0, 100);
}

void read_memory(ConfigReader& r, MemoryConfig& m) {
  m.base = PhysAddr(get_base(r, "memory.base", m.base.value()));
  m.size_bytes = r.get_size("memory.size", m.size_bytes, 1ULL << 20, 16ULL << 30);
  if (m.size_bytes % kPage != 0) r.fail("memory.size", "is not a multiple of 4 KiB");
  if (m.base.value() + m.size_bytes - 1 > kMaxAddr) r.fail("memory.size", "memory ends beyond 2^56");
  m.model = r.get_enum<MemoryModel>("memory.model", m.model,
                                    {{to_string(MemoryModel::Simple), MemoryModel::Simple},
                                     {to_string(MemoryModel::Ddr4), MemoryModel::Ddr4}});
  m.simple.latency_cycles = get_u32(r, "memory.latency_cycles", m.simple.latency_cycles, 0, 100'000);
  read_ddr4_config(r, m.ddr4);
  m.simple.size_bytes = m.size_bytes;
  m.ddr4.size_bytes = m.size_bytes;
}

}  // namespace

NumaConfig numa_fabric(const PlatformConfig& p) {
  if (p.numa) return *p.numa;
  std::vector<HartId> harts;
  for (std::uint32_t h = 0; h < p.harts; ++h) harts.emplace_back(h);
  NumaConfig one;
  one.nodes = NumaConfig::contiguous_nodes(p.memory.base, {p.memory.size_bytes}, {harts});
  return one;
}

std::vector<ClintPlacement> clint_placements(const PlatformConfig& p) {
  std::vector<ClintPlacement> out;
  for (const NumaNode& n : numa_fabric(p).nodes) {
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
                            {"finisher.base", p.finisher.base.value(), p.finisher.size}};
  for (std::size_t i = 0; i < std::size(regions); ++i) {
    for (std::size_t j = i + 1; j < std::size(regions); ++j) {
      // Blame the region the platform file moved, when only one of the two was moved.
      const bool swap = !r.defines(regions[j].key) && r.defines(regions[i].key);
      const Region& a = swap ? regions[j] : regions[i];
      const Region& b = swap ? regions[i] : regions[j];
      if (a.base < b.base + b.size && b.base < a.base + a.size) {
        r.fail(b.key, fmt::format("[{:#x}, {:#x}) overlaps {} [{:#x}, {:#x})", b.base, b.base + b.size, a.key,
                                  a.base, a.base + a.size));
      }
    }
  }
}

}  // namespace

const char* to_string(MemoryModel m) { return m == MemoryModel::Ddr4 ? "ddr4" : "simple"; }

PlatformConfig read_platform_config(ConfigReader& r) {
  PlatformConfig p;
  p.name = r.get_string("platform.name", p.name);
  p.harts = get_u32(r, "platform.harts", p.harts, 1, 64);
  read_core(r, p.core);
  read_mmu_config(r, p.core.mmu);
  read_memory(r, p.memory);
  read_cache_config(r, p.caches, p.core.clock_hz);
  p.numa = read_numa_config(r, p.memory.base, p.memory.size_bytes, p.harts);
  p.bus.latency_cycles = get_u32(r, "bus.latency_cycles", p.bus.latency_cycles, 0, 10'000);
  p.uart.base = PhysAddr(get_base(r, "uart.base", p.uart.base.value()));
  p.clint.base = PhysAddr(get_base(r, "clint.base", p.clint.base.value()));
  p.finisher.base = PhysAddr(get_base(r, "finisher.base", p.finisher.base.value()));
  p.dtb.address = r.get_uint("dtb.address", p.dtb.address, 0, kMaxAddr);
  if (p.dtb.address % 8 != 0) r.fail("dtb.address", "is not aligned to 8 bytes");
  p.dtb.bootargs = r.get_string("dtb.bootargs", p.dtb.bootargs);
  r.finish();

  // The bus and the simple memory count cycles of the core clock; DDR4 has its own (tck_ns).
  p.bus.clock_hz = p.core.clock_hz;
  p.memory.simple.clock_hz = p.core.clock_hz;
  p.clint.harts = p.harts;
  p.clint.timebase_hz = p.core.timebase_hz;
  if (static_cast<double>(p.core.timebase_hz) > p.core.clock_hz) {
    r.fail("core.timebase_hz", fmt::format("{} Hz is faster than core.clock_hz ({:g} Hz)", p.core.timebase_hz,
                                           p.core.clock_hz));
  }
  check_regions(r, p);
  if (p.memory.model == MemoryModel::Ddr4) validate_ddr4_config(r, p.memory.ddr4);
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
  seed_mmu_defaults(reader, PlatformConfig{}.core.mmu);
  for (const auto& s : sets) reader.set(s);
  return read_platform_config(reader);
}

}  // namespace memvp
