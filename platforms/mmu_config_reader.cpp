// [mmu] schema: keys mirror mmu::MmuConfig field by field; enums and page sizes by the names the
// MMU block defines (replacement_name, page_size_name).
#include "platforms/mmu_config_reader.h"

#include <fmt/format.h>

namespace memvp {

namespace {

constexpr const char* kLevels[] = {"mmu.l1_itlb", "mmu.l1_dtlb", "mmu.l2_tlb"};

mmu::TlbLevelConfig& level(mmu::MmuConfig& c, int i) {
  return i == 0 ? c.l1_itlb : i == 1 ? c.l1_dtlb : c.l2_tlb;
}

toml::array level_to_toml(const mmu::TlbLevelConfig& level) {
  toml::array arrays;
  for (const auto& t : level.arrays) {
    toml::array sizes;
    for (auto s : {mmu::PageSize::k4K, mmu::PageSize::k2M, mmu::PageSize::k1G, mmu::PageSize::k512G}) {
      if (t.page_sizes.contains(s)) sizes.push_back(std::string(mmu::page_size_name(s)));
    }
    arrays.push_back(toml::table{{"entries", t.entries},
                                 {"ways", t.ways},
                                 {"replacement", std::string(mmu::replacement_name(t.replacement))},
                                 {"seed", static_cast<std::int64_t>(t.seed)},
                                 {"page_sizes", sizes},
                                 {"latency_cycles", t.latency_cycles}});
  }
  return arrays;
}

mmu::TlbConfig read_tlb(ConfigReader& r, const std::string& prefix, const mmu::TlbConfig& def) {
  mmu::TlbConfig t = def;
  t.entries = static_cast<std::uint32_t>(r.get_uint(prefix + ".entries", def.entries, 1, 1u << 20));
  t.ways = static_cast<std::uint32_t>(r.get_uint(prefix + ".ways", def.ways, 1, 1u << 20));
  const std::string repl = r.get_string(prefix + ".replacement", std::string(mmu::replacement_name(def.replacement)));
  const auto kind = mmu::replacement_from_name(repl);
  if (!kind) r.fail(prefix + ".replacement", "\"" + repl + "\" is not one of \"lru\", \"tree_plru\", \"fifo\", \"random\"");
  t.replacement = *kind;
  t.seed = r.get_uint(prefix + ".seed", def.seed, 0, ~0ULL >> 1);
  t.page_sizes = {};
  for (const auto& name : r.get_string_list(prefix + ".page_sizes", {"4K"})) {
    const auto size = mmu::page_size_from_name(name);
    if (!size) r.fail(prefix + ".page_sizes", "\"" + name + "\" is not one of \"4K\", \"2M\", \"1G\", \"512G\"");
    t.page_sizes.add(*size);
  }
  t.latency_cycles = static_cast<std::uint32_t>(r.get_uint(prefix + ".latency_cycles", def.latency_cycles, 0, 10'000));
  return t;
}

}  // namespace

void seed_mmu_defaults(ConfigReader& r, const mmu::MmuConfig& defaults) {
  mmu::MmuConfig d = defaults;
  for (int i = 0; i < 3; ++i) r.seed(kLevels[i], level_to_toml(level(d, i)));
}

void read_mmu_config(ConfigReader& r, mmu::MmuConfig& c) {
  for (int i = 0; i < 3; ++i) {
    const std::size_t n = r.table_array_size(kLevels[i]);
    if (n == 0) continue;  // not seeded and not in the file: the defaults stay
    mmu::TlbLevelConfig lvl;
    for (std::size_t a = 0; a < n; ++a) {
      const mmu::TlbConfig def = a < level(c, i).arrays.size() ? level(c, i).arrays[a] : mmu::TlbConfig{};
      lvl.arrays.push_back(read_tlb(r, fmt::format("{}[{}]", kLevels[i], a), def));
    }
    level(c, i) = lvl;
  }
  c.pwc.enabled = r.get_bool("mmu.pwc.enabled", c.pwc.enabled);
  const std::vector<std::uint64_t> def_entries(c.pwc.entries.begin(), c.pwc.entries.end());
  const auto entries = r.get_uint_list("mmu.pwc.entries", def_entries, 0, 1u << 16);
  if (entries.size() != c.pwc.entries.size()) {
    r.fail("mmu.pwc.entries", fmt::format("expected {} counts (one per page-table level, level 0 first), got {}",
                                          c.pwc.entries.size(), entries.size()));
  }
  for (std::size_t i = 0; i < entries.size(); ++i) c.pwc.entries[i] = static_cast<std::uint32_t>(entries[i]);
  c.pwc.latency_cycles = static_cast<std::uint32_t>(r.get_uint("mmu.pwc.latency_cycles", c.pwc.latency_cycles, 0, 10'000));
  c.hardware_ad_update = r.get_bool("mmu.hardware_ad_update", c.hardware_ad_update);
  c.asid_enabled = r.get_bool("mmu.asid_enabled", c.asid_enabled);
  c.walk_start_cycles = static_cast<std::uint32_t>(r.get_uint("mmu.walk_start_cycles", c.walk_start_cycles, 0, 10'000));
  c.walk_step_cycles = static_cast<std::uint32_t>(r.get_uint("mmu.walk_step_cycles", c.walk_step_cycles, 0, 10'000));
  try {
    mmu::validate_mmu_config(c);
  } catch (const InputError& e) {
    throw InputError(r.origin() + ": " + e.what());
  }
}

}  // namespace memvp
