// The flattened device tree handed to the guest in a1 at boot (Devicetree Specification v0.4;
// RISC-V bindings in Linux Documentation/devicetree/bindings/riscv/cpus.yaml): cpus with their
// interrupt controllers, memory, the CLINT, UART and test finisher, and /chosen. Built from the
// platform description, so the guest discovers exactly the machine that memvp models.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/types.h"
#include "platforms/initrd.h"
#include "platforms/platform_config.h"

namespace memvp {

// The DTB blob for `p` with /chosen/bootargs = `bootargs` and, given an initrd,
// /chosen/linux,initrd-start and linux,initrd-end.
std::vector<std::uint8_t> build_dtb(const PlatformConfig& p, const std::string& bootargs,
                                    const Initrd* initrd = nullptr);

// Where a DTB of `size` bytes goes: p.dtb.address when set, else QEMU virt's rule (the highest
// 2 MiB-aligned address below min(end of DRAM, 3 GiB) that leaves room for it). InputError when
// it does not fit in memory.
PhysAddr dtb_address(const PlatformConfig& p, std::uint64_t size);

}  // namespace memvp
