// A TLB array's geometry in the compact form `memvp run --shadow-tlb`, `memvp sweep --one-pass`
// and `memvp trace FILE replay --tlb` take (docs/mmu.md, "Shadow TLBs"):
//   LEVEL[[ARRAY]]:ENTRIESxWAYS[:REPLACEMENT]     e.g. l2:1536x12:lru, l1d[1]:32x4, l1i:64x64:fifo
// LEVEL is l1i, l1d or l2; ARRAY the array of the level it replaces (default 0); REPLACEMENT one
// of the replacement names (default: the replaced array's). Everything else about the level (its
// other arrays, the page sizes each holds) is the platform's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "mmu/mmu_config.h"

namespace memvp::mmu {

enum class TlbSlot : std::uint8_t { L1I, L1D, L2 };

struct TlbGeometry {
  TlbSlot level = TlbSlot::L2;
  unsigned array = 0;
  std::uint32_t entries = 0;
  std::uint32_t ways = 0;
  std::optional<ReplacementKind> replacement;  // none: the replaced array's
};

// "l1i", "l1d", "l2".
std::string_view tlb_slot_name(TlbSlot slot);
// The [mmu] key of the level: "l1_itlb", "l1_dtlb", "l2_tlb".
std::string_view tlb_slot_key(TlbSlot slot);

// Parses `text`; a malformed one is an InputError naming it and the expected form.
TlbGeometry parse_tlb_geometry(std::string_view text);

// The level `g` describes on the platform `cfg`: cfg's level with array g.array given g's entries,
// ways and replacement, always the C++ model (SetAssocTlb). Throws InputError, naming `g` and
// the key as validate_mmu_config() does, for an array the level lacks or a geometry no TLB can have.
TlbLevelConfig shadow_level_config(const MmuConfig& cfg, const TlbGeometry& g);

// The canonical name of `g` on `cfg`: the replacement always given, the array when not 0
// ("l2:512x4:lru", "l1d[1]:32x4:fifo").
std::string tlb_geometry_name(const MmuConfig& cfg, const TlbGeometry& g);

}  // namespace memvp::mmu
