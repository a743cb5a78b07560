// The Sv39/Sv48 page-table entry (priv spec §12.4, "Sv39 page table entry"; Sv48 §12.5 uses
// the same layout):
//   63  62-61  60-54     53-10  9-8  7 6 5 4 3 2 1 0
//   N   PBMT   reserved  PPN    RSW  D A G U X W R V
// Svnapot (N) and Svpbmt (PBMT) are not implemented, so bits 63:54 are all reserved.
#pragma once

#include <cstdint>

namespace memvp::mmu {

namespace pte_bits {
constexpr std::uint64_t V = 1u << 0;
constexpr std::uint64_t R = 1u << 1;
constexpr std::uint64_t W = 1u << 2;
constexpr std::uint64_t X = 1u << 3;
constexpr std::uint64_t U = 1u << 4;
constexpr std::uint64_t G = 1u << 5;
constexpr std::uint64_t A = 1u << 6;
constexpr std::uint64_t D = 1u << 7;
constexpr unsigned kPpnShift = 10;
constexpr std::uint64_t kPpnMask = (std::uint64_t{1} << 44) - 1;   // PPN[3..0], 44 bits
constexpr std::uint64_t kReservedMask = std::uint64_t{0x3FF} << 54;  // bits 63:54
}  // namespace pte_bits

constexpr unsigned kPteSize = 8;  // PTESIZE for Sv39 and Sv48

// A read-only view of one PTE value.
class Pte {
 public:
  constexpr explicit Pte(std::uint64_t raw) : raw_(raw) {}
  [[nodiscard]] constexpr std::uint64_t raw() const { return raw_; }
  [[nodiscard]] constexpr bool v() const { return raw_ & pte_bits::V; }
  [[nodiscard]] constexpr bool r() const { return raw_ & pte_bits::R; }
  [[nodiscard]] constexpr bool w() const { return raw_ & pte_bits::W; }
  [[nodiscard]] constexpr bool x() const { return raw_ & pte_bits::X; }
  [[nodiscard]] constexpr bool u() const { return raw_ & pte_bits::U; }
  [[nodiscard]] constexpr bool g() const { return raw_ & pte_bits::G; }
  [[nodiscard]] constexpr bool a() const { return raw_ & pte_bits::A; }
  [[nodiscard]] constexpr bool d() const { return raw_ & pte_bits::D; }
  // A PTE with R or X set is a leaf; R=W=X=0 points to the next level (§12.3.1).
  [[nodiscard]] constexpr bool leaf() const { return r() || x(); }
  [[nodiscard]] constexpr std::uint64_t ppn() const {
    return (raw_ >> pte_bits::kPpnShift) & pte_bits::kPpnMask;
  }
  [[nodiscard]] constexpr bool reserved_bits_set() const {
    return (raw_ & pte_bits::kReservedMask) != 0;
  }
  // The low eight bits (V R W X U G A D) that a TLB entry keeps.
  [[nodiscard]] constexpr std::uint8_t flags() const { return static_cast<std::uint8_t>(raw_); }

 private:
  std::uint64_t raw_;
};

// Builds a PTE from a physical page number and flag bits (for tests and tools).
constexpr std::uint64_t make_pte(std::uint64_t ppn, std::uint64_t flags) {
  return ((ppn & pte_bits::kPpnMask) << pte_bits::kPpnShift) | flags;
}

}  // namespace memvp::mmu
