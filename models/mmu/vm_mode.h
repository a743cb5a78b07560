// The satp register (priv spec §12.1.11) and the translation modes memvp implements: Bare, Sv39
// (§12.4) and Sv48 (§12.5). One VmInfo table row describes each paged mode, so the walker, the
// page-walk cache and the canonical-address check are written once for both.
#pragma once

#include <cstdint>
#include <string_view>

#include "common/types.h"

namespace memvp::mmu {

// satp.MODE encodings for SXLEN=64 (§12.1.11).
enum class SatpMode : std::uint8_t { Bare = 0, Sv39 = 8, Sv48 = 9 };

constexpr unsigned kMaxLevels = 4;  // Sv48

struct VmInfo {
  SatpMode mode;
  unsigned levels;    // LEVELS in §12.3.2
  unsigned vpn_bits;  // bits of each vpn[i]
  unsigned va_bits;   // bits 63:va_bits must equal bit va_bits-1
};

constexpr VmInfo kSv39{SatpMode::Sv39, 3, 9, 39};
constexpr VmInfo kSv48{SatpMode::Sv48, 4, 9, 48};

// satp fields for SXLEN=64: MODE 63:60, ASID 59:44, PPN 43:0 (§12.1.11).
struct Satp {
  std::uint8_t mode_bits = 0;
  Asid asid{0};
  std::uint64_t ppn = 0;

  static Satp decode(std::uint64_t value);
  [[nodiscard]] std::uint64_t encode() const;
  [[nodiscard]] PhysAddr root() const { return PhysAddr(ppn << 12); }
};

constexpr unsigned kAsidMaxBits = 16;  // ASIDMAX for Sv39/Sv48

// The row for a paged mode, or nullptr for Bare and for encodings memvp does not implement.
const VmInfo* vm_info_for(std::uint8_t mode_bits);
bool satp_mode_supported(std::uint8_t mode_bits);  // Bare, Sv39 or Sv48
std::string_view satp_mode_name(std::uint8_t mode_bits);

// The value satp takes when software writes `written` (WARL, §12.1.11): a write selecting an
// unsupported MODE has no effect at all; ASID bits above asid_bits read as zero.
std::uint64_t legalize_satp(std::uint64_t old_value, std::uint64_t written, unsigned asid_bits);

// Bits 63:va_bits of a virtual address must all equal bit va_bits-1 (§12.4, §12.5).
bool is_canonical(VirtAddr va, const VmInfo& info);

// va.vpn[level]: the index into the page table at that level.
constexpr std::uint64_t vpn_index(VirtAddr va, unsigned level, const VmInfo& info) {
  return (va.value() >> (12 + info.vpn_bits * level)) & ((std::uint64_t{1} << info.vpn_bits) - 1);
}

}  // namespace memvp::mmu
