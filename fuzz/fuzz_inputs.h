// What each fuzz target feeds to memvp's own readers: the same functions `memvp run`, `memvp
// dram` and `memvp trace` call, so a crash here is a crash of the command. Every function
// returns normally on good input and throws InputError on bad input (the command's exit 2);
// anything else (another exception, an abort, a sanitizer report) is a bug. The fuzz targets
// (fuzzer_main.cpp) and the regression test (fuzz_regression_test) call them alike.
#pragma once

#include <cstddef>
#include <cstdint>

namespace memvp::fuzz {

// A platform file, then --set assignments: the TOML text up to the first line "%%", then one
// KEY=VALUE per line (platform_input_test shows the split).
void platform_input(const std::uint8_t* data, std::size_t size);
// The same platform input, then the DTB `memvp run` builds from it (and where it goes), checked
// with libfdt.
void dtb_input(const std::uint8_t* data, std::size_t size);
// An ELF file as `memvp run ELF` reads, checks against the default DRAM and loads it.
void elf_input(const std::uint8_t* data, std::size_t size);
// A translation trace file (plain or zstd) as `memvp trace FILE` reads it.
void translation_trace_input(const std::uint8_t* data, std::size_t size);
// A DRAMsim3-format trace as `memvp dram --trace FILE` runs it on the default DDR4.
void dram_trace_input(const std::uint8_t* data, std::size_t size);

}  // namespace memvp::fuzz
