// Reads [cache] into CachesConfig: the switch, the walker's entry level, and one table per
// level with the fields of cache::CacheConfig; geometry is validated by the cache model's own
// rules, reported against the key that names it.
#include "platforms/cache_config_reader.h"

#include <string>

#include "common/error.h"
#include "common/replacement/replacement_policy.h"

namespace memvp {
namespace {

// A value named in the platform file, parsed by the model's own name function.
template <class Parse>
auto by_name(ConfigReader& r, const std::string& key, std::string_view def, Parse parse, const char* choices) {
  const std::string name = r.get_string(key, std::string(def));
  const auto value = parse(name);
  if (!value) r.fail(key, "\"" + name + "\" is not one of " + choices);
  return *value;
}

void read_level(ConfigReader& r, const std::string& where, cache::CacheConfig& c, double clock_hz) {
  c.size_bytes = r.get_size(where + ".size", c.size_bytes, 64, 1ULL << 32);
  c.ways = static_cast<std::uint32_t>(r.get_uint(where + ".ways", c.ways, 1, 1 << 16));
  c.line_bytes = static_cast<std::uint32_t>(r.get_uint(where + ".line_bytes", c.line_bytes, 8, 4096));
  c.hit_latency_cycles = static_cast<std::uint32_t>(r.get_uint(where + ".hit_latency_cycles", c.hit_latency_cycles, 0, 10'000));
  c.replacement = by_name(r, where + ".replacement", replacement_name(c.replacement), replacement_from_name,
                          "\"lru\", \"tree_plru\", \"fifo\", \"random\"");
  c.seed = r.get_uint(where + ".seed", c.seed, 0, ~0ULL);
  c.write_policy = by_name(r, where + ".write_policy", cache::write_policy_name(c.write_policy),
                           cache::write_policy_from_name, "\"write_back\", \"write_through\"");
  c.mshrs = static_cast<std::uint32_t>(r.get_uint(where + ".mshrs", c.mshrs, 1, 1024));
  c.clock_hz = clock_hz;
  try {
    cache::validate_cache_config(c, where);
  } catch (const InputError& e) {
    // The model's message starts with the key it concerns ("cache.l1d.ways: ...").
    const std::string msg = e.what();
    const auto colon = msg.find(": ");
    r.fail(colon == std::string::npos ? where : msg.substr(0, colon),
           colon == std::string::npos ? msg : msg.substr(colon + 2));
  }
}

}  // namespace

void read_cache_config(ConfigReader& r, CachesConfig& c, double clock_hz) {
  c.enabled = r.get_bool("cache.enabled", c.enabled);
  c.walker = r.get_enum<CachesConfig::WalkerEntry>("cache.walker", c.walker,
                                                   {{"l1d", CachesConfig::WalkerEntry::L1D},
                                                    {"l2", CachesConfig::WalkerEntry::L2}});
  read_level(r, "cache.l1i", c.l1i, clock_hz);
  read_level(r, "cache.l1d", c.l1d, clock_hz);
  read_level(r, "cache.l2", c.l2, clock_hz);
}

}  // namespace memvp
