// Random lookups, fills and flushes on a small address range, for the lockstep tests: 4 × 4 × 24
// pages of three ASIDs, so that sets fill, entries are replaced and every sfence.vma form
// (all, by ASID, by VA, by VA and ASID; priv spec §12.2.1) meets entries it must keep and ones
// it must remove, global entries among them.
#pragma once

#include <cstdint>
#include <functional>
#include <random>

#include "mmu/tlb.h"

namespace memvp::rtl {

// Drives `ops` operations from `seed`; `check` runs after the first and then after every 97th.
inline void drive_random_tlb_traffic(mmu::Tlb& tlb, std::uint64_t seed, unsigned ops,
                                     const std::function<void()>& check = [] {}) {
  std::mt19937_64 rng(seed);
  auto pick = [&](unsigned n) { return std::uniform_int_distribution<unsigned>(0, n - 1)(rng); };
  auto vpn = [&] { return (std::uint64_t{pick(4)} << 18) | (std::uint64_t{pick(4)} << 9) | pick(24); };
  for (unsigned op = 0; op < ops; ++op) {
    const unsigned r = pick(20);
    const Asid asid(static_cast<std::uint16_t>(pick(3) + 1));
    if (r < 10) {
      tlb.lookup(VirtAddr(vpn() << 12), asid);
    } else if (r < 18) {
      const mmu::PageSize size = mmu::page_size_at_level(pick(3));
      const std::uint64_t low = (std::uint64_t{1} << (9 * mmu::level_of(size))) - 1;
      tlb.fill(mmu::TlbEntry{vpn() & ~low, (rng() & 0xFFFFFFFFFFFull) & ~low, size, asid, pick(8) == 0,
                             static_cast<std::uint8_t>(rng()), size});
    } else {
      const VirtAddr va(vpn() << 12);
      const unsigned k = pick(4);
      tlb.flush(k == 0 ? mmu::TlbFlush::all() : k == 1 ? mmu::TlbFlush::by_asid(asid)
                : k == 2 ? mmu::TlbFlush::by_va(va) : mmu::TlbFlush::by_va_asid(va, asid));
    }
    if (op % 97 == 0) check();
  }
}

}  // namespace memvp::rtl
