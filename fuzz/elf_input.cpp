// fuzz_elf: an ELF file as `memvp run ELF` reads, checks and loads it.
#include "common/types.h"
#include "fuzz/fuzz_inputs.h"
#include "fuzz/memory_file.h"
#include "platforms/elf_loader.h"

namespace memvp::fuzz {

void elf_input(const std::uint8_t* data, std::size_t size) {
  const MemoryFile file(data, size);
  const ElfImage image = read_elf(file.path());
  // The default platform's DRAM (QEMU virt's VIRT_DRAM, 128 MiB: platforms/default.toml [memory]).
  const std::uint64_t lo = 0x8000'0000;
  const std::uint64_t dram_size = 128ULL << 20;
  check_elf_fits(image, PhysAddr{lo}, dram_size);
  load_elf(image, [&](PhysAddr addr, const std::uint8_t*, std::size_t len) {
    check(addr.value() >= lo && addr.value() - lo <= dram_size && len <= dram_size - (addr.value() - lo));
  });
}

}  // namespace memvp::fuzz
