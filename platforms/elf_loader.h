// Reads a RISC-V ELF64 executable (System V gABI, "ELF-64 Object File Format"; RISC-V ELF psABI)
// into its loadable segments, entry point and the HTIF symbols `tohost`/`fromhost`, then writes
// the segments through a callback, so the platform can load it into any target on the bus.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/types.h"

namespace memvp {

struct ElfSegment {
  PhysAddr paddr;                  // p_paddr: where it is loaded (bare metal, as QEMU -bios none)
  std::uint64_t vaddr = 0;         // p_vaddr: to translate symbol values
  std::vector<std::uint8_t> data;  // p_filesz bytes from the file
  std::uint64_t mem_size = 0;      // p_memsz >= data.size(); the rest is zero-filled
};

struct ElfImage {
  std::string path;
  std::uint64_t entry = 0;
  std::vector<ElfSegment> segments;
  std::optional<PhysAddr> tohost;    // physical address of the `tohost` symbol, if defined
  std::optional<PhysAddr> fromhost;  // likewise `fromhost`
};

// Parses the file. Throws InputError (one line, naming the file) when it does not exist, is not
// an ELF, is not ELFCLASS64 little-endian EM_RISCV ET_EXEC, is truncated, or loads nothing.
ElfImage read_elf(const std::string& path);

// Throws InputError unless every segment and the entry point lie inside [base, base + size).
void check_elf_fits(const ElfImage& image, PhysAddr base, std::uint64_t size);

// Writes every segment: its file bytes, then zeros up to its memory size.
using LoadWriter = std::function<void(PhysAddr addr, const std::uint8_t* data, std::size_t len)>;
void load_elf(const ElfImage& image, const LoadWriter& write);

}  // namespace memvp
