// The initial RAM disk of `memvp run --initrd FILE`, loaded as QEMU riscv virt loads -initrd:
// the file's bytes at the address QEMU's rule gives, announced to the guest in
// /chosen/linux,initrd-start and linux,initrd-end (Linux Documentation/devicetree/bindings/chosen.txt).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/types.h"
#include "platforms/elf_loader.h"
#include "platforms/platform_config.h"

namespace memvp {

struct Initrd {
  std::string path;
  std::vector<std::uint8_t> bytes;
  PhysAddr address;  // initrd-start; initrd-end is address + bytes.size()
};

// Reads `path` and places it for a kernel entered at image.entry. Throws InputError (one line,
// naming the file) when it cannot be read or does not fit in memory after that address.
Initrd read_initrd(const std::string& path, const PlatformConfig& p, const ElfImage& image);

// Throws InputError when the initrd overlaps a segment of `image` or the DTB.
void check_initrd_clear(const Initrd& initrd, const ElfImage& image, PhysAddr dtb, std::uint64_t dtb_size);

}  // namespace memvp
