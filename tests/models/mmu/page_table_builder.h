// Builds Sv39/Sv48 page tables by hand in a PteTestMemory: tables are allocated from a bump
// pointer at the memory's base, leaves are written at the level of the requested page size,
// and every PTE address can be looked up to check what the walker read or wrote.
#pragma once

#include <cstdint>

#include "mmu/page_size.h"
#include "mmu/pte.h"
#include "mmu/vm_mode.h"
#include "pte_test_memory.h"

namespace memvp::mmu::test {

class PageTableBuilder {
 public:
  PageTableBuilder(PteTestMemory& mem, PhysAddr base, const VmInfo& info)
      : mem_(mem), info_(info), next_(base) {
    root_ = alloc_table();
  }

  [[nodiscard]] PhysAddr root() const { return root_; }
  [[nodiscard]] std::uint64_t satp(Asid asid = Asid(0)) const {
    return Satp{static_cast<std::uint8_t>(info_.mode), asid, root_.value() >> 12}.encode();
  }

  // Maps the page of `size` containing va to pa with leaf flags; missing tables are created
  // with non-leaf PTEs V | nonleaf_flags. Returns the leaf PTE's address.
  PhysAddr map(VirtAddr va, PhysAddr pa, PageSize size, std::uint64_t flags,
               std::uint64_t nonleaf_flags = 0) {
    PhysAddr table = root_;
    for (unsigned level = info_.levels - 1; level > level_of(size); --level) {
      const PhysAddr slot = table + vpn_index(va, level, info_) * kPteSize;
      const Pte pte(mem_.peek(slot));
      if (!pte.v() || pte.leaf()) {
        const PhysAddr fresh = alloc_table();
        mem_.poke(slot, make_pte(fresh.value() >> 12, pte_bits::V | nonleaf_flags));
        table = fresh;
      } else {
        table = PhysAddr(pte.ppn() << 12);
      }
    }
    const PhysAddr leaf = table + vpn_index(va, level_of(size), info_) * kPteSize;
    mem_.poke(leaf, make_pte(pa.value() >> 12, flags));
    return leaf;
  }

  // The address of the PTE at `level` on va's path (the tables down to it must exist).
  [[nodiscard]] PhysAddr pte_addr(VirtAddr va, unsigned level) const {
    PhysAddr table = root_;
    for (unsigned l = info_.levels - 1; l > level; --l)
      table = PhysAddr(Pte(mem_.peek(table + vpn_index(va, l, info_) * kPteSize)).ppn() << 12);
    return table + vpn_index(va, level, info_) * kPteSize;
  }

  [[nodiscard]] std::uint64_t pte(VirtAddr va, unsigned level) const {
    return mem_.peek(pte_addr(va, level));
  }
  void set_pte(VirtAddr va, unsigned level, std::uint64_t value) {
    mem_.poke(pte_addr(va, level), value);
  }

 private:
  PhysAddr alloc_table() {
    const PhysAddr t = next_;
    next_ += 4096;
    return t;
  }

  PteTestMemory& mem_;
  VmInfo info_;
  PhysAddr next_;
  PhysAddr root_{0};
};

}  // namespace memvp::mmu::test
