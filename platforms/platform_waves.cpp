// Platform::attach_waves: hands the recorder to every block of the selected wave groups, each
// of which registers and reports its own signals (docs/waves.md). Scopes are named as the
// statistics name the blocks: hart<i>, hart<i>.mmu, hart<i>.l1i/l1d, node<n>.l2, node<n>.dram,
// numa.node<a>_to_node<b> for each link direction, dev.plic and dev.virtio<slot> for each disk,
// os.hart<i> with the event port.
#include <fmt/format.h>

#include "platforms/platform.h"

namespace memvp {

void Platform::attach_waves(waves::WaveRecorder& rec, waves::GroupSet groups) {
  for (std::size_t h = 0; h < harts_.size(); ++h) {
    const std::string scope = fmt::format("hart{}", h);
    if (groups.has(waves::Group::Hart)) harts_[h]->attach_waves(rec, scope);
    if (groups.has(waves::Group::Mmu)) harts_[h]->mmu.attach_waves(rec, scope + ".mmu");
  }
  if (groups.has(waves::Group::Cache))
    for (auto& c : caches_) c->attach_waves(rec);
  if (groups.has(waves::Group::Dram))
    for (std::size_t n = 0; n < memory_system_->node_count(); ++n)
      memory_system_->memory(n).attach_waves(rec, fmt::format("node{}.dram", n));
  if (groups.has(waves::Group::Noc)) memory_system_->interconnect().attach_waves(rec, "numa");
  if (groups.has(waves::Group::Dev)) {
    plic_.attach_waves(rec, "dev.plic");
    for (VirtioBlk* d : disks_) d->attach_waves(rec, std::string("dev.") + d->basename());
  }
  if (groups.has(waves::Group::Os) && event_port_) event_port_->attach_waves(rec, "os");
}

}  // namespace memvp
