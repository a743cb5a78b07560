// Pmp on its own (priv spec §3.7.1): CSR WARL rules, the grain, OFF/TOR/NA4/NAPOT matching,
// priority, whole-access matching, the lock rules and M-mode, and the walker's S-mode check.
#include <gtest/gtest.h>

#include "core/csr_numbers.h"
#include "core/pmp.h"

namespace memvp {
namespace {

constexpr std::uint64_t kR = 1, kW = 2, kX = 4, kTor = 1 << 3, kNa4 = 2 << 3, kNapot = 3 << 3, kL = 0x80;
constexpr auto S = rv::Priv::S, U = rv::Priv::U, M = rv::Priv::M;
constexpr auto Load = rv::Access::Load, Store = rv::Access::Store, Fetch = rv::Access::Fetch;

bool allows(Pmp& p, std::uint64_t pa, unsigned len, rv::Access k, rv::Priv priv) {
  return p.allows(PhysAddr(pa), len, k, priv);
}
// pmp<i>cfg = cfg, the other entries of its CSR unchanged.
void set_cfg(Pmp& p, unsigned i, std::uint64_t cfg) {
  const unsigned csr = csrn::pmpcfg0 + (i / 8) * 2;
  std::uint64_t v = *p.read_csr(csr);
  v = (v & ~(0xFFULL << (8 * (i % 8)))) | (cfg << (8 * (i % 8)));
  p.write_csr(csr, v);
}
void set_addr(Pmp& p, unsigned i, std::uint64_t v) { p.write_csr(csrn::pmpaddr0 + i, v); }

TEST(PmpTest, NoEntryDeniesSAndUButNotM) {
  Pmp p;
  EXPECT_FALSE(p.applies_to(M));
  EXPECT_TRUE(allows(p, 0x8000'0000, 8, Load, M));
  EXPECT_FALSE(allows(p, 0x8000'0000, 8, Load, S));
  EXPECT_FALSE(allows(p, 0x8000'0000, 2, Fetch, U));
}

TEST(PmpTest, CsrsHoldSixteenEntriesAndOddCfgsDoNotExist) {
  Pmp p;
  p.write_csr(csrn::pmpcfg0 + 2, 0x0101010101010101ULL);
  EXPECT_EQ(*p.read_csr(csrn::pmpcfg0 + 2), 0x0101010101010101ULL);
  EXPECT_FALSE(p.read_csr(csrn::pmpcfg0 + 1).has_value());
  EXPECT_EQ(*p.read_csr(csrn::pmpcfg0 + 4), 0u);  // entries 16-23 are not implemented
  p.write_csr(csrn::pmpaddr0 + 20, 123);
  EXPECT_EQ(*p.read_csr(csrn::pmpaddr0 + 20), 0u);
  set_addr(p, 3, ~0ULL);  // bits 63:54 do not exist (56-bit physical addresses)
  EXPECT_EQ(*p.read_csr(csrn::pmpaddr0 + 3), (1ULL << 54) - 1);
}

TEST(PmpTest, CfgWritesAreLegalised) {
  Pmp p;
  set_cfg(p, 0, 0x60 | kNapot | kR);  // bits 6:5 read as zero
  EXPECT_EQ(*p.read_csr(csrn::pmpcfg0) & 0xFF, kNapot | kR);
  set_cfg(p, 0, kNapot | kW);  // R = 0, W = 1 is reserved: the write is ignored
  EXPECT_EQ(*p.read_csr(csrn::pmpcfg0) & 0xFF, kNapot | kR);
}

TEST(PmpTest, TorMatchesFromThePreviousAddress) {
  Pmp p;
  set_addr(p, 0, 0x1000 >> 2);
  set_addr(p, 1, 0x2000 >> 2);
  set_cfg(p, 1, kTor | kR | kW);
  EXPECT_FALSE(allows(p, 0xFF8, 8, Load, S));
  EXPECT_TRUE(allows(p, 0x1000, 8, Store, S));
  EXPECT_TRUE(allows(p, 0x1FF8, 8, Load, S));
  EXPECT_FALSE(allows(p, 0x1FFC, 8, Load, S));  // partly outside: the access fails
  EXPECT_FALSE(allows(p, 0x1000, 2, Fetch, S));
  set_cfg(p, 0, kTor | kX);  // entry 0 TOR: from address 0
  EXPECT_TRUE(allows(p, 0x0, 4, Fetch, U));
}

TEST(PmpTest, Na4AndNapotSizes) {
  Pmp p;
  set_addr(p, 0, 0x100 >> 2);
  set_cfg(p, 0, kNa4 | kR);
  EXPECT_TRUE(allows(p, 0x100, 4, Load, S));
  EXPECT_FALSE(allows(p, 0x100, 8, Load, S));  // the entry matches only half of it
  set_addr(p, 1, (0x4000 >> 2) | 0x3FF);       // 10 trailing ones: 8 KiB at 0x4000
  set_cfg(p, 1, kNapot | kR | kW);
  EXPECT_TRUE(allows(p, 0x4000, 8, Store, S));
  EXPECT_TRUE(allows(p, 0x5FF8, 8, Store, S));
  EXPECT_FALSE(allows(p, 0x6000, 8, Store, S));
  set_addr(p, 2, ~0ULL);  // all ones: every address
  set_cfg(p, 2, kNapot | kX);
  EXPECT_TRUE(allows(p, 0xFF'FFFF'FFFF'FFF0, 4, Fetch, U));
}

TEST(PmpTest, TheLowestNumberedMatchDecides) {
  Pmp p;
  set_addr(p, 0, (0x8000 >> 2) | 0x1FF);  // 4 KiB at 0x8000, read only
  set_cfg(p, 0, kNapot | kR);
  set_addr(p, 1, ~0ULL);
  set_cfg(p, 1, kNapot | kR | kW | kX);
  EXPECT_FALSE(allows(p, 0x8010, 8, Store, S));
  EXPECT_TRUE(allows(p, 0x9010, 8, Store, S));
  EXPECT_FALSE(p.allows_page(PhysAddr(0x8000), Store, S));
  EXPECT_TRUE(p.allows_page(PhysAddr(0x9000), Store, S));
  set_cfg(p, 0, 0);  // the cached decisions go with the write
  EXPECT_TRUE(allows(p, 0x8010, 8, Store, S));
}

TEST(PmpTest, LockedEntriesApplyToMAndIgnoreWrites) {
  Pmp p;
  set_addr(p, 4, 0x1000 >> 2);
  set_addr(p, 5, 0x2000 >> 2);
  set_cfg(p, 5, kL | kTor | kR);
  EXPECT_TRUE(p.applies_to(M));
  EXPECT_TRUE(allows(p, 0x1800, 8, Load, M));
  EXPECT_FALSE(allows(p, 0x1800, 8, Store, M));
  EXPECT_TRUE(allows(p, 0x3000, 8, Store, M));  // no match: M succeeds
  set_cfg(p, 5, 0);
  set_addr(p, 5, 0);
  set_addr(p, 4, 0);  // the bottom of a locked TOR entry
  EXPECT_EQ(*p.read_csr(csrn::pmpcfg0) >> 40 & 0xFF, kL | kTor | kR);
  EXPECT_EQ(*p.read_csr(csrn::pmpaddr0 + 5), 0x2000u >> 2);
  EXPECT_EQ(*p.read_csr(csrn::pmpaddr0 + 4), 0x1000u >> 2);
  set_cfg(p, 6, kL);  // L locks even an OFF entry
  set_addr(p, 6, 77);
  EXPECT_EQ(*p.read_csr(csrn::pmpaddr0 + 6), 0u);
}

TEST(PmpTest, UnlockedEntriesDoNotRestrictMUnlessTheyMatchPartly) {
  Pmp p;
  EXPECT_FALSE(p.applies_to(M));
  set_addr(p, 0, 0x1000 >> 2);
  set_cfg(p, 0, kNa4);  // no permissions at all
  EXPECT_TRUE(p.applies_to(M));
  EXPECT_TRUE(allows(p, 0x1000, 4, Store, M));
  EXPECT_FALSE(allows(p, 0x1000, 4, Load, S));
  EXPECT_FALSE(allows(p, 0x1000, 8, Load, M));  // §3.7.1.3: a partial match fails, even for M
  EXPECT_TRUE(allows(p, 0x2000, 8, Load, M));
  set_cfg(p, 0, 0);
  set_addr(p, 1, ~0ULL);
  set_cfg(p, 1, kNapot);  // the first active entry covers everything: M needs no check
  EXPECT_FALSE(p.applies_to(M));
  set_cfg(p, 1, kNapot | kL);
  EXPECT_TRUE(p.applies_to(M));
}

TEST(PmpTest, GrainHidesLowAddressBitsAndNa4) {
  Pmp p(2);  // 16-byte grain
  set_addr(p, 0, ~0ULL);  // OFF: bits G-1:0 read as zeros
  EXPECT_EQ(*p.read_csr(csrn::pmpaddr0), ((1ULL << 54) - 1) & ~3ULL);
  set_addr(p, 0, 0x1000 >> 2);
  set_cfg(p, 0, kNapot | kR);  // NAPOT: bits G-2:0 read as ones
  EXPECT_EQ(*p.read_csr(csrn::pmpaddr0), (0x1000u >> 2) | 1);
  EXPECT_TRUE(allows(p, 0x1008, 8, Load, S));  // a 16-byte region
  EXPECT_FALSE(allows(p, 0x1010, 8, Load, S));
  set_cfg(p, 1, kNa4 | kR);  // NA4 cannot be selected with G >= 1
  EXPECT_EQ(*p.read_csr(csrn::pmpcfg0) >> 8 & 0xFF, 0u);
  EXPECT_THROW(Pmp(31), std::exception);
}

TEST(PmpTest, PageTableAccessesAreCheckedAsS) {
  Pmp p;
  EXPECT_FALSE(p.pte_access_allowed(PhysAddr(0x8000'0000), false));
  set_addr(p, 0, ~0ULL);
  set_cfg(p, 0, kNapot | kR);
  EXPECT_TRUE(p.pte_access_allowed(PhysAddr(0x8000'0000), false));
  EXPECT_FALSE(p.pte_access_allowed(PhysAddr(0x8000'0000), true));
}

}  // namespace
}  // namespace memvp
