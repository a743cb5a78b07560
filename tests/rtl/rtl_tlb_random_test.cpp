// Random sequences of lookups, fills and sfence.vma flushes applied to the Verilated rtl/tlb
// and to memvp's SetAssocTlb of the same geometry and policy: every lookup must agree on hit or
// miss and on the entry returned (page, size, PPN, ASID, G, flags), which also checks that both
// chose the same victims. Fills are of whole, aligned leaf pages: the RTL keeps no splintered
// entries (leaf size = size) and clears the VPN bits below the page size, where SetAssocTlb
// stores the entry as given.
#include <gtest/gtest.h>

#include <random>

#include "Vtlb_fifo16x4.h"
#include "Vtlb_fifo16x4___024root.h"
#include "Vtlb_plru16x4.h"
#include "Vtlb_plru16x4___024root.h"
#include "Vtlb_plru8x8.h"
#include "Vtlb_plru8x8___024root.h"
#include "mmu/set_assoc_tlb.h"
#include "rtl_tlb/rtl_tlb_driver.h"

namespace memvp::rtl {
namespace {

using mmu::PageSize;
using mmu::TlbEntry;
using mmu::TlbFlush;

// Addresses from 4 GiB regions x 4 MiB pages x 8 KiB pages, so that pages of every size
// overlap, sets fill up and flushes find something to remove.
struct Generator {
  std::mt19937_64 rng;
  explicit Generator(std::uint64_t seed) : rng(seed) {}
  unsigned pick(unsigned n) { return std::uniform_int_distribution<unsigned>(0, n - 1)(rng); }
  std::uint64_t vpn() {
    return (std::uint64_t{pick(4)} << 18) | (std::uint64_t{pick(4)} << 9) | pick(24);
  }
  Asid asid() { return Asid(static_cast<std::uint16_t>(pick(3) + 1)); }
  TlbEntry entry() {
    const unsigned r = pick(20);
    const PageSize size = r < 12 ? PageSize::k4K : r < 17 ? PageSize::k2M : PageSize::k1G;
    const std::uint64_t low = (std::uint64_t{1} << (mmu::page_shift(size) - 12)) - 1;
    TlbEntry e;
    e.vpn = vpn() & ~low;
    e.ppn = (rng() & ((std::uint64_t{1} << 44) - 1)) & ~low;
    e.size = size;
    e.leaf_size = size;
    e.asid = asid();
    e.global = pick(8) == 0;
    e.flags = static_cast<std::uint8_t>(rng());
    return e;
  }
  TlbFlush flush() {
    const VirtAddr va((vpn() << 12) | pick(4096));
    switch (pick(8)) {
      case 0: return TlbFlush::all();
      case 1: case 2: return TlbFlush::by_asid(asid());
      case 3: case 4: case 5: return TlbFlush::by_va(va);
      default: return TlbFlush::by_va_asid(va, asid());
    }
  }
};

std::string describe(const std::optional<TlbEntry>& e) {
  if (!e) return "miss";
  return "vpn " + std::to_string(e->vpn) + " ppn " + std::to_string(e->ppn) + " size " +
         std::to_string(mmu::level_of(e->size)) + " asid " + std::to_string(e->asid.value()) +
         " g " + std::to_string(e->global) + " flags " + std::to_string(e->flags);
}

bool same(const std::optional<TlbEntry>& a, const std::optional<TlbEntry>& b) {
  if (a.has_value() != b.has_value()) return false;
  if (!a) return true;
  return a->vpn == b->vpn && a->ppn == b->ppn && a->size == b->size && a->asid == b->asid &&
         a->global == b->global && a->flags == b->flags;
}

template <class Model>
void run_against_set_assoc(unsigned entries, unsigned ways, ReplacementKind policy, std::uint64_t seed) {
  RtlTlbDriver<Model> rtl;
  mmu::SetAssocTlb ref("ref", mmu::TlbConfig{entries, ways, policy, 1,
                                             {PageSize::k4K, PageSize::k2M, PageSize::k1G}, 0});
  Generator gen(seed);
  unsigned hits = 0, flushes = 0;
  for (unsigned op = 0; op < 20000; ++op) {
    const unsigned r = gen.pick(20);
    if (r < 10) {
      const VirtAddr va((gen.vpn() << 12) | gen.pick(4096));
      const Asid asid = gen.asid();
      const auto want = ref.lookup(va, asid);
      const auto got = rtl.lookup(va, asid);
      ASSERT_TRUE(same(want, got)) << "op " << op << ": lookup va " << va.value() << " asid "
                                   << asid.value() << ": SetAssocTlb " << describe(want)
                                   << ", RTL " << describe(got);
      hits += want.has_value();
    } else if (r < 18) {
      const TlbEntry e = gen.entry();
      ref.fill(e);
      rtl.fill(e);
    } else {
      const TlbFlush f = gen.flush();
      ref.flush(f);
      rtl.flush(f);
      ++flushes;
    }
  }
  // The sequence exercised both outcomes and evictions (not a trivially empty TLB).
  EXPECT_GT(hits, 1000u);
  EXPECT_GT(ref.stats().misses, 1000u);
  EXPECT_GT(ref.stats().evictions, 500u);
  EXPECT_GT(ref.stats().invalidations, 100u);
  EXPECT_EQ(rtl.cycles(), 20000u);
}

TEST(RtlTlbRandom, TreePlru4WayMatchesSetAssocTlb) {
  for (std::uint64_t seed : {1, 2, 3}) run_against_set_assoc<Vtlb_plru16x4>(16, 4, ReplacementKind::TreePlru, seed);
}

TEST(RtlTlbRandom, Fifo4WayMatchesSetAssocTlb) {
  for (std::uint64_t seed : {1, 2, 3}) run_against_set_assoc<Vtlb_fifo16x4>(16, 4, ReplacementKind::Fifo, seed);
}

TEST(RtlTlbRandom, TreePlruFullyAssociativeMatchesSetAssocTlb) {
  for (std::uint64_t seed : {1, 2, 3}) run_against_set_assoc<Vtlb_plru8x8>(8, 8, ReplacementKind::TreePlru, seed);
}

}  // namespace
}  // namespace memvp::rtl
