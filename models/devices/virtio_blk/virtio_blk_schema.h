// [[disk]]: one table per disk, in the order the disks take the virtio slots (the first in the
// highest slot, as QEMU virt gives its first -device), and the --disk option's spelling of one.
#pragma once

#include <string_view>

#include "common/config/key_table.h"
#include "devices/virtio_blk/virtio_blk.h"

namespace memvp {

[[nodiscard]] const KeyTable<DiskConfig>& disk_keys();

// "FILE[,ro][,snapshot][,serial=S][,timing=P]" as a disk; throws InputError naming the problem.
[[nodiscard]] DiskConfig parse_disk_option(std::string_view spec);

}  // namespace memvp
