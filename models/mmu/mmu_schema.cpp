// [mmu] keys, by the names the MMU block defines (replacement_name, page_size_name). A level
// given in the file replaces the default level; its arrays' keys default to the default level's
// array at the same index.
#include "mmu/mmu_schema.h"

#include <algorithm>

#include "mmu/tlb_impl.h"

namespace memvp::mmu {

namespace {

constexpr std::uint32_t kMaxCycles = 10'000;

std::vector<std::pair<std::string, PageSize>> page_size_names() {
  std::vector<std::pair<std::string, PageSize>> out;
  for (unsigned l = 0; l < kNumPageSizes; ++l) {
    const PageSize s = page_size_at_level(l);
    out.emplace_back(page_size_name(s), s);
  }
  return out;
}

// page_sizes = ["4K", "2M"]: the set of sizes a TLB array holds.
Key<TlbConfig> page_sizes_key() {
  return {"page_sizes",
          [](ConfigReader& r, const std::string& key, TlbConfig& t) {
            const auto names = page_size_names();
            std::vector<std::string> def, choices;
            for (const auto& [n, s] : names) {
              choices.push_back(n);
              if (t.page_sizes.contains(s)) def.push_back(n);
            }
            PageSizeSet sizes;
            for (const auto& name : r.get_string_list(key, def)) {
              const auto it = std::find_if(names.begin(), names.end(), [&](const auto& n) { return n.first == name; });
              if (it == names.end()) r.fail(key, not_one_of(name, choices));
              sizes.add(it->second);
            }
            t.page_sizes = sizes;
          },
          [](const TlbConfig& t, toml::table& out) {
            toml::array a;
            for (const auto& [n, s] : page_size_names()) {
              if (t.page_sizes.contains(s)) a.push_back(n);
            }
            out.insert("page_sizes", a);
          },
          {}};
}

KeyTable<TlbConfig> tlb_keys() {
  using T = TlbConfig;
  return {{
      uint_key("entries", &T::entries, 1, 1u << 20),
      uint_key("ways", &T::ways, 1, 1u << 20),
      enum_key("replacement", &T::replacement,
               named({ReplacementKind::Lru, ReplacementKind::TreePlru, ReplacementKind::Fifo, ReplacementKind::Random},
                     replacement_name)),
      uint_key("seed", &T::seed, 0, ~0ULL >> 1),
      page_sizes_key(),
      uint_key("latency_cycles", &T::latency_cycles, 0, kMaxCycles),
      enum_key("impl", &T::impl, named({TlbImpl::Cpp, TlbImpl::Rtl, TlbImpl::Lockstep}, tlb_impl_name)),
  }};
}

// entries = [0, 32, 4, 2]: one count per page-table level, level 0 first.
Key<PwcConfig> pwc_entries_key() {
  return {"entries",
          [](ConfigReader& r, const std::string& key, PwcConfig& c) {
            const std::vector<std::uint64_t> def(c.entries.begin(), c.entries.end());
            const auto entries = r.get_uint_list(key, def, 0, 1u << 16);
            if (entries.size() != c.entries.size()) {
              r.fail(key, fmt::format("expected {} counts (one per page-table level, level 0 first), got {}",
                                      c.entries.size(), entries.size()));
            }
            for (std::size_t i = 0; i < entries.size(); ++i) c.entries[i] = static_cast<std::uint32_t>(entries[i]);
          },
          [](const PwcConfig& c, toml::table& out) {
            toml::array a;
            for (std::uint32_t e : c.entries) a.push_back(static_cast<std::int64_t>(e));
            out.insert("entries", a);
          },
          {}};
}

KeyTable<PwcConfig> pwc_keys() {
  return {{
      bool_key("enabled", &PwcConfig::enabled),
      pwc_entries_key(),
      uint_key("latency_cycles", &PwcConfig::latency_cycles, 0, kMaxCycles),
  }};
}

}  // namespace

const KeyTable<MmuConfig>& mmu_keys() {
  using M = MmuConfig;
  static const KeyTable<M> keys = [] {
    std::vector<Key<M>> k;
    for (const TlbLevelKey& l : kTlbLevels) {
      auto arrays = [level = l.level](auto& m) -> auto& { return (m.*level).arrays; };
      k.push_back(table_array_key<M, TlbConfig>(l.name, arrays, tlb_keys()));
    }
    k.push_back(table_key<M, PwcConfig>("pwc", &M::pwc, pwc_keys()));
    k.push_back(bool_key("hardware_ad_update", &M::hardware_ad_update));
    k.push_back(bool_key("asid_enabled", &M::asid_enabled));
    k.push_back(uint_key("walk_start_cycles", &M::walk_start_cycles, 0, kMaxCycles));
    k.push_back(uint_key("walk_step_cycles", &M::walk_step_cycles, 0, kMaxCycles));
    return KeyTable<M>(std::move(k), validate_mmu_config);
  }();
  return keys;
}

}  // namespace memvp::mmu
