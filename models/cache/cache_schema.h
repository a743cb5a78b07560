// The platform file's [cache] table (docs/cache.md): the switch, the walker's entry level, and
// one sub-table per level with the keys of cache::CacheConfig, each level checked by
// validate_cache_config under its own key.
#pragma once

#include "cache/caches_config.h"
#include "common/config/key_table.h"

namespace memvp {

[[nodiscard]] const KeyTable<CachesConfig>& cache_keys();

}  // namespace memvp
