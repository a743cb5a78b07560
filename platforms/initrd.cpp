// Placement of the initial RAM disk: QEMU hw/riscv/boot.c riscv_load_initrd() puts it far enough
// above the kernel's entry that a kernel decompressing itself does not overwrite it, yet low
// enough to stay reachable: half-way into RAM below 256 MiB of RAM, 128 MiB above the entry
// otherwise.
#include "platforms/initrd.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <fmt/format.h>

#include "common/error.h"

namespace memvp {

namespace {

constexpr std::uint64_t kMiB = 1024 * 1024;

bool overlaps(std::uint64_t a, std::uint64_t a_size, std::uint64_t b, std::uint64_t b_size) {
  return a < b + b_size && b < a + a_size;
}

}  // namespace

Initrd read_initrd(const std::string& path, const PlatformConfig& p, const ElfImage& image) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw InputError(path + ": no such initrd file");
  if (!std::filesystem::is_regular_file(path, ec)) throw InputError(path + ": the initrd is not a regular file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot read the initrd");
  Initrd initrd{path, std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), {}), PhysAddr(0)};
  const std::uint64_t base = p.memory.base.value();
  const std::uint64_t end = base + p.memory.size_bytes;
  const std::uint64_t start = image.entry + std::min(p.memory.size_bytes / 2, 128 * kMiB);
  if (image.entry < base || start > end || end - start < initrd.bytes.size()) {
    throw InputError(fmt::format("{}: the {}-byte initrd at {:#x} does not fit in memory [{:#x}, {:#x})", path,
                                 initrd.bytes.size(), start, base, end));
  }
  initrd.address = PhysAddr(start);
  return initrd;
}

void check_initrd_clear(const Initrd& initrd, const ElfImage& image, PhysAddr dtb, std::uint64_t dtb_size) {
  const std::uint64_t a = initrd.address.value(), size = initrd.bytes.size();
  const auto fail = [&](const char* what, std::uint64_t lo, std::uint64_t hi) {
    throw InputError(fmt::format("{}: the initrd at [{:#x}, {:#x}) overlaps {} at [{:#x}, {:#x})", initrd.path, a,
                                 a + size, what, lo, hi));
  };
  for (const auto& s : image.segments) {
    if (overlaps(a, size, s.paddr.value(), s.mem_size)) fail("a segment of the ELF", s.paddr.value(), s.paddr.value() + s.mem_size);
  }
  if (overlaps(a, size, dtb.value(), dtb_size)) fail("the DTB", dtb.value(), dtb.value() + dtb_size);
}

}  // namespace memvp
