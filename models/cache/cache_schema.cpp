// [cache] keys, with the replacement and write policies by the names the cache block defines.
#include "cache/cache_schema.h"

namespace memvp {

namespace {

KeyTable<cache::CacheConfig> level_keys() {
  using C = cache::CacheConfig;
  return {{
              size_key("size", &C::size_bytes, 64, 1ULL << 32),
              uint_key("ways", &C::ways, 1, 1 << 16),
              uint_key("line_bytes", &C::line_bytes, 8, 4096),
              uint_key("hit_latency_cycles", &C::hit_latency_cycles, 0, 10'000),
              enum_key("replacement", &C::replacement,
                       named({ReplacementKind::Lru, ReplacementKind::TreePlru, ReplacementKind::Fifo,
                              ReplacementKind::Random},
                             replacement_name)),
              uint_key("seed", &C::seed, 0, ~0ULL),
              enum_key("write_policy", &C::write_policy,
                       named({cache::WritePolicy::WriteBack, cache::WritePolicy::WriteThrough},
                             cache::write_policy_name)),
              uint_key("mshrs", &C::mshrs, 1, 1024),
          },
          cache::validate_cache_config};
}

const char* walker_name(CachesConfig::WalkerEntry w) { return w == CachesConfig::WalkerEntry::L2 ? "l2" : "l1d"; }

}  // namespace

const KeyTable<CachesConfig>& cache_keys() {
  using C = CachesConfig;
  static const KeyTable<C> keys{{
      bool_key("enabled", &C::enabled),
      enum_key("walker", &C::walker, named({C::WalkerEntry::L1D, C::WalkerEntry::L2}, walker_name)),
      table_key<C, cache::CacheConfig>("l1i", &C::l1i, level_keys()),
      table_key<C, cache::CacheConfig>("l1d", &C::l1d, level_keys()),
      table_key<C, cache::CacheConfig>("l2", &C::l2, level_keys()),
  }};
  return keys;
}

}  // namespace memvp
