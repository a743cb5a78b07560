// The `cache` group's signals: three event variables and two counts of things in flight.
#include "cache/cache_waves.h"

namespace memvp::cache {

CacheWaves::CacheWaves(waves::WaveRecorder& rec, const std::string& scope)
    : rec_(rec),
      access_(rec.add_signal(scope + ".access", 1, waves::VarKind::Event)),
      miss_(rec.add_signal(scope + ".miss", 1, waves::VarKind::Event)),
      writeback_(rec.add_signal(scope + ".writeback", 1, waves::VarKind::Event)),
      fills_(rec.add_signal(scope + ".fills", 16)),
      mshrs_(rec.add_signal(scope + ".mshrs", 16)) {}

}  // namespace memvp::cache
