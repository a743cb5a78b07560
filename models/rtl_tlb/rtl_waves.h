// `memvp run --rtl-waves FILE` (docs/mmu.md "RTL waves"): the Verilated TLB arrays (impl = rtl
// or lockstep) traced into FST files, one per hart: hart 0's arrays into FILE, another hart's
// into FILE with ".hartN" before its extension. Enabled before the platform is built (the
// models are built in their file's context), started once it is.
#pragma once

#include <cstddef>
#include <string>

#include "mmu/tlb_impl.h"

namespace memvp::rtl {

class RtlFstFile;

void enable_rtl_waves(const std::string& path);
// The file of site's hart (created on first use), or nullptr without --rtl-waves.
RtlFstFile* rtl_wave_file(const mmu::TlbSite& site);
// Opens the files; the number of arrays traced (0: nothing to trace, no file written).
std::size_t start_rtl_waves();
void close_rtl_waves();

// "rtl.hart1.fst" for ("rtl.fst", "hart1"); the path itself for hart0.
std::string rtl_wave_path(const std::string& path, const std::string& hart);

}  // namespace memvp::rtl
