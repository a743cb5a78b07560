// Physical memory protection (priv spec §3.7): the 16 entries QEMU virt has, their pmpcfg0/
// pmpcfg2 and pmpaddr0-15 CSRs with the WARL, grain and lock rules, and the check every physical
// access of the hart makes (fetch, load, store, AMO, and the walker's PTE accesses). Decisions
// are cached so that the check costs a compare or two where one entry decides a whole page.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "common/riscv.h"
#include "common/types.h"
#include "mmu/pte_access_check.h"

namespace memvp {

class Pmp final : public mmu::PteAccessCheck {
 public:
  static constexpr unsigned kEntries = 16;
  static constexpr unsigned kMaxGranularity = 30;  // G: a grain of 2^(G+2) bytes, up to 4 GiB

  explicit Pmp(unsigned granularity = 0);

  // The PMP CSRs (0x3A0-0x3EF) as csrr reads them: pmpcfg0 and pmpcfg2 hold the 16 entries'
  // configurations, the other even pmpcfg and pmpaddr16-63 are read-only zero (entries not
  // implemented); nullopt for the odd pmpcfg, which do not exist on RV64 (§3.7.1).
  [[nodiscard]] std::optional<std::uint64_t> read_csr(unsigned csr) const;
  // Writes with the WARL and lock rules (§3.7.1.2); false when the CSR does not exist.
  bool write_csr(unsigned csr, std::uint64_t value);

  // Whether accesses of privilege `p` are checked at all: S and U always (with no matching
  // entry they fail), M once any entry matches anything, since an access an entry matches only
  // in part fails even in M-mode and even when unlocked (§3.7.1.3) — unless the first active
  // entry is unlocked and spans all 2^57 bytes any entry can reach, as the kernel's does: then
  // every M access lies inside it or beyond every entry (a hart access never straddles 2^57).
  [[nodiscard]] bool applies_to(rv::Priv p) const { return p != rv::Priv::M || check_m_; }
  // Whether an access of `len` bytes at `pa` succeeds (§3.7.1.3): the lowest-numbered entry
  // matching any byte must match all of them and grant the access.
  [[nodiscard]] bool allows(PhysAddr pa, unsigned len, rv::Access kind, rv::Priv p) {
    const std::uint64_t a = pa.value();
    if (a >= first_.lo && a < first_.hi && len <= first_.hi - a) return first_perms_[p == rv::Priv::M] & bit(kind);
    return allows_slow(a, len, kind, p);
  }
  // Whether every access of `kind` within pa's 4 KiB page succeeds (for the fetch unit, which
  // then checks nothing more while it stays in the page).
  [[nodiscard]] bool allows_page(PhysAddr pa, rv::Access kind, rv::Priv p) {
    const std::uint64_t page = pa.value() & ~((std::uint64_t{1} << kPageShift) - 1);
    if (page >= first_.lo && page < first_.hi && (std::uint64_t{1} << kPageShift) <= first_.hi - page)
      return first_perms_[p == rv::Priv::M] & bit(kind);
    return allows_page_slow(pa, kind, p);
  }
  // The walker's implicit PTE accesses, checked with effective privilege S (§3.7.2).
  bool pte_access_allowed(PhysAddr pte, bool write) override;

 private:
  struct Range {
    std::uint64_t lo = 0, hi = 0;  // [lo, hi), empty when lo >= hi
  };
  static constexpr std::uint8_t kR = 1, kW = 2, kX = 4, kL = 0x80;
  static constexpr unsigned kPageShift = 12;
  static constexpr unsigned kCacheSlots = 64;
  static constexpr std::uint8_t kUniform = 0x80;  // cache flag: one decision for the whole page

  static std::uint8_t bit(rv::Access kind) {
    return kind == rv::Access::Fetch ? kX : kind == rv::Access::Load ? kR : kW;
  }
  [[nodiscard]] unsigned mode(unsigned i) const { return (cfg_[i] >> 3) & 3; }
  [[nodiscard]] bool locked(unsigned i) const { return (cfg_[i] & kL) != 0; }
  [[nodiscard]] std::uint64_t read_addr(unsigned i) const;
  void write_cfg_byte(unsigned i, std::uint8_t v);
  void write_addr(unsigned i, std::uint64_t v);
  void recompute();
  // R/W/X an entry grants privilege p (all of them to M when unlocked).
  [[nodiscard]] std::uint8_t perms(unsigned i, bool machine) const {
    return !locked(i) && machine ? (kR | kW | kX) : (cfg_[i] & (kR | kW | kX));
  }
  // The R/W/X granted to bytes [a, b] (inclusive), 0 when an entry matches only some of them.
  [[nodiscard]] std::uint8_t decide(std::uint64_t a, std::uint64_t b, bool machine) const;
  [[nodiscard]] bool allows_slow(std::uint64_t a, unsigned len, rv::Access kind, rv::Priv p);
  [[nodiscard]] bool allows_page_slow(PhysAddr pa, rv::Access kind, rv::Priv p);
  // The page's cached decision: kUniform | R/W/X, or 0 when entries split the page.
  std::uint8_t page_decision(std::uint64_t page, bool machine);

  unsigned g_;
  std::array<std::uint8_t, kEntries> cfg_{};
  std::array<std::uint64_t, kEntries> addr_{};
  std::array<Range, kEntries> range_{};  // what each entry matches, from cfg_ and addr_
  bool check_m_ = false;  // M-mode accesses can fail
  // The lowest-numbered entry that matches anything decides every access inside it.
  Range first_;
  std::array<std::uint8_t, 2> first_perms_{};  // [machine]
  std::array<std::uint64_t, kCacheSlots> cache_tag_{};
  std::array<std::uint8_t, kCacheSlots> cache_decision_{};
};

}  // namespace memvp
