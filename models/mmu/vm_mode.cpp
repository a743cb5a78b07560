// satp decoding, WARL legalisation and the canonical-address rule of Sv39/Sv48.
#include "mmu/vm_mode.h"

namespace memvp::mmu {

namespace {
constexpr unsigned kModeShift = 60;
constexpr unsigned kAsidShift = 44;
constexpr std::uint64_t kPpnMask = (std::uint64_t{1} << 44) - 1;
constexpr std::uint64_t kAsidMask = 0xFFFF;
}  // namespace

Satp Satp::decode(std::uint64_t value) {
  Satp s;
  s.mode_bits = static_cast<std::uint8_t>(value >> kModeShift);
  s.asid = Asid(static_cast<std::uint16_t>((value >> kAsidShift) & kAsidMask));
  s.ppn = value & kPpnMask;
  return s;
}

std::uint64_t Satp::encode() const {
  return (std::uint64_t{mode_bits} << kModeShift) |
         ((std::uint64_t{asid.value()} & kAsidMask) << kAsidShift) | (ppn & kPpnMask);
}

const VmInfo* vm_info_for(std::uint8_t mode_bits) {
  switch (static_cast<SatpMode>(mode_bits)) {
    case SatpMode::Sv39: return &kSv39;
    case SatpMode::Sv48: return &kSv48;
    default: return nullptr;
  }
}

bool satp_mode_supported(std::uint8_t mode_bits) {
  return mode_bits == static_cast<std::uint8_t>(SatpMode::Bare) || vm_info_for(mode_bits) != nullptr;
}

std::string_view satp_mode_name(std::uint8_t mode_bits) {
  switch (static_cast<SatpMode>(mode_bits)) {
    case SatpMode::Bare: return "Bare";
    case SatpMode::Sv39: return "Sv39";
    case SatpMode::Sv48: return "Sv48";
  }
  return "unsupported";
}

std::uint64_t legalize_satp(std::uint64_t old_value, std::uint64_t written, unsigned asid_bits) {
  Satp s = Satp::decode(written);
  // §12.1.11: "if satp is written with an unsupported MODE, the entire write has no effect".
  if (!satp_mode_supported(s.mode_bits)) return old_value;
  // §12.1.11: ASID[ASIDLEN-1:0] is writable, the bits above read as zero.
  const std::uint32_t asid_mask = asid_bits >= kAsidMaxBits ? 0xFFFFu : (1u << asid_bits) - 1;
  s.asid = Asid(static_cast<std::uint16_t>(s.asid.value() & asid_mask));
  return s.encode();
}

bool is_canonical(VirtAddr va, const VmInfo& info) {
  // §12.4 / §12.5: bits 63..va_bits must all equal bit va_bits-1.
  const auto sign_extended =
      static_cast<std::uint64_t>(static_cast<std::int64_t>(va.value() << (64 - info.va_bits)) >>
                                 (64 - info.va_bits));
  return sign_extended == va.value();
}

}  // namespace memvp::mmu
