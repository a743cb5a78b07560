// Platform::attach_waves: hands the recorder to every block of the selected wave groups, each
// of which registers and reports its own signals (docs/waves.md). Scopes are named as the
// statistics name the blocks: hart<i>, hart<i>.mmu, the caches by module name, node<n>.dram,
// the NUMA links by their end nodes, the devices by name.
#include <fmt/format.h>

#include "platforms/platform.h"

namespace memvp {

void Platform::attach_waves(waves::WaveRecorder& rec, waves::GroupSet groups) {
  for (std::size_t h = 0; h < harts_.size(); ++h) {
    const std::string scope = fmt::format("hart{}", h);
    if (groups.has(waves::Group::Hart)) harts_[h]->attach_waves(rec, scope);
    if (groups.has(waves::Group::Mmu)) harts_[h]->mmu.attach_waves(rec, scope + ".mmu");
  }
}

}  // namespace memvp
