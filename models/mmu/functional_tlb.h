// The translations a fast-forwarding MMU (SimMode::Functional) keeps so that it does not walk the
// page tables on every access: a direct-mapped array indexed by the 4 KiB page number (as QEMU's
// softmmu TLB). It is no
// modelled TLB (no geometry, statistics or timing); it keeps what the privileged spec lets any
// implementation cache (§12.3.2) and forgets all of it on every SFENCE.VMA, satp write and mode
// change, which is at least what §12.2.1 requires. Permissions and the A/D rule are checked on
// each use exactly as on a modelled TLB hit (Mmu::classify).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "common/types.h"
#include "mmu/tlb.h"

namespace memvp::mmu {

class FunctionalTlb {
 public:
  [[nodiscard]] std::optional<TlbEntry> lookup(VirtAddr va, Asid asid) const {
    const Slot& s = slots_[index(va)];
    if (s.generation != generation_ || !s.entry.matches(va, asid)) return std::nullopt;
    return s.entry;
  }
  // Caches e for the page of va (e may map a larger page containing it).
  void fill(const TlbEntry& e, VirtAddr va) { slots_[index(va)] = {e, generation_}; }
  // Forgets every translation in O(1): slots of older generations never match.
  void flush() { ++generation_; }

 private:
  static constexpr unsigned kSlots = 8192;  // 32 MiB of 4 KiB pages, 384 KiB of host memory
  struct Slot {
    TlbEntry entry;
    std::uint64_t generation = 0;
  };
  static unsigned index(VirtAddr va) { return (va.value() >> 12) & (kSlots - 1); }

  std::vector<Slot> slots_ = std::vector<Slot>(kSlots);
  std::uint64_t generation_ = 1;  // slots start at generation 0: empty
};

}  // namespace memvp::mmu
