// Directed cases for the Verilated rtl/tlb: one-cycle registered lookups, the returned entry
// and permission bits, superpages, in-place refills, the four sfence.vma kinds (§12.2.1, global
// entries kept by the ASID-specific ones), the port priority, and tree-PLRU and FIFO victims
// in a 4-way set.
#include <gtest/gtest.h>

#include "Vtlb_fifo16x4.h"
#include "Vtlb_fifo16x4___024root.h"
#include "Vtlb_plru16x4.h"
#include "Vtlb_plru16x4___024root.h"
#include "Vtlb_plru8x8.h"
#include "Vtlb_plru8x8___024root.h"
#include "rtl_tlb/rtl_tlb_driver.h"

namespace memvp::rtl {
namespace {

using mmu::PageSize;
using mmu::TlbEntry;
using mmu::TlbFlush;

constexpr std::uint8_t kRwxuad = 0xDF;  // D A U X W R V: a user page, all permissions, not G

TlbEntry page(std::uint64_t vpn, PageSize size, std::uint16_t asid, bool global = false,
              std::uint8_t flags = kRwxuad) {
  return TlbEntry{vpn, vpn + 0x80000, size, Asid(asid), global, flags, size};
}
VirtAddr va_of(std::uint64_t vpn, std::uint64_t offset = 0) { return VirtAddr((vpn << 12) + offset); }

constexpr std::uint64_t k2M = 512;         // 4 KiB pages in a 2 MiB page
constexpr std::uint64_t k1G = 512 * 512;   // in a 1 GiB page

TEST(RtlTlb, LookupAnswersInTheNextCycleWithTheEntry) {
  RtlTlbDriver<Vtlb_plru16x4> t;
  t.fill(page(0x123, PageSize::k4K, 5, false, 0xC7));  // D A W R V
  auto& m = t.model();
  m.lookup_valid_i = 1;
  m.lookup_vpn_i = 0x123;
  m.lookup_asid_i = 5;
  m.lookup_access_i = static_cast<std::uint8_t>(Access::Store);
  m.eval();
  EXPECT_EQ(m.lookup_ready_o, 1);
  EXPECT_EQ(m.resp_valid_o, 0);  // registered: nothing in the request's own cycle
  t.cycle();
  EXPECT_EQ(m.resp_valid_o, 1);
  EXPECT_EQ(m.resp_hit_o, 1);
  EXPECT_EQ(m.resp_vpn_o, 0x123u);
  EXPECT_EQ(m.resp_ppn_o, 0x123u + 0x80000);
  EXPECT_EQ(m.resp_size_o, 0);
  EXPECT_EQ(m.resp_asid_o, 5);
  EXPECT_EQ(m.resp_global_o, 0);
  EXPECT_EQ(m.resp_flags_o, 0xC7);
  EXPECT_EQ(m.resp_access_o, static_cast<std::uint8_t>(Access::Store));
  t.cycle();  // no request: no response
  EXPECT_EQ(m.resp_valid_o, 0);
}

TEST(RtlTlb, MissesOtherAsidsAndAnswersZeros) {
  RtlTlbDriver<Vtlb_plru16x4> t;
  t.fill(page(0x40, PageSize::k4K, 1));
  EXPECT_FALSE(t.lookup(va_of(0x40), Asid(2)));
  EXPECT_EQ(t.model().resp_ppn_o, 0u);
  EXPECT_EQ(t.model().resp_flags_o, 0);
  EXPECT_FALSE(t.lookup(va_of(0x41), Asid(1)));
  auto e = t.lookup(va_of(0x40, 0xFFF), Asid(1), Access::Fetch);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->ppn, 0x40u + 0x80000);
  EXPECT_EQ(t.last_access(), Access::Fetch);
}

TEST(RtlTlb, GlobalEntriesMatchEveryAsid) {
  RtlTlbDriver<Vtlb_plru16x4> t;
  t.fill(page(0x7, PageSize::k4K, 1, true, 0xEF));
  for (std::uint16_t a : {0, 1, 2, 0xFFFF}) {
    auto e = t.lookup(va_of(0x7), Asid(a));
    ASSERT_TRUE(e) << a;
    EXPECT_TRUE(e->global);
    EXPECT_EQ(e->flags, 0xEF);
  }
}

TEST(RtlTlb, SuperpagesCoverTheirWholeRange) {
  RtlTlbDriver<Vtlb_plru16x4> t;
  t.fill(page(3 * k2M, PageSize::k2M, 1));
  t.fill(page(2 * k1G, PageSize::k1G, 1));
  for (std::uint64_t off : {std::uint64_t{0}, std::uint64_t{1}, std::uint64_t{511}}) {
    auto e = t.lookup(va_of(3 * k2M + off, 0x7FF), Asid(1));
    ASSERT_TRUE(e) << off;
    EXPECT_EQ(e->size, PageSize::k2M);
    EXPECT_EQ(e->vpn, 3 * k2M);  // the page base
    EXPECT_EQ(e->translate(va_of(3 * k2M + off, 0x7FF)).value(), ((3 * k2M + 0x80000 + off) << 12) + 0x7FF);
  }
  EXPECT_FALSE(t.lookup(va_of(4 * k2M), Asid(1)));
  for (std::uint64_t off : {std::uint64_t{0}, k2M + 17, k1G - 1}) {
    auto e = t.lookup(va_of(2 * k1G + off), Asid(1));
    ASSERT_TRUE(e) << off;
    EXPECT_EQ(e->size, PageSize::k1G);
    EXPECT_EQ(e->vpn, 2 * k1G);
  }
  EXPECT_FALSE(t.lookup(va_of(3 * k1G), Asid(1)));
}

TEST(RtlTlb, FillIgnoresVpnBitsBelowThePageSize) {
  RtlTlbDriver<Vtlb_plru16x4> t;
  t.fill(page(5 * k2M + 0x33, PageSize::k2M, 1));
  auto e = t.lookup(va_of(5 * k2M), Asid(1));
  ASSERT_TRUE(e);
  EXPECT_EQ(e->vpn, 5 * k2M);
}

TEST(RtlTlb, SmallestPageSizeWinsWhenSeveralMatch) {
  RtlTlbDriver<Vtlb_plru16x4> t;
  TlbEntry big = page(0, PageSize::k2M, 1);
  big.ppn = 0x1000;
  t.fill(big);
  t.fill(page(5, PageSize::k4K, 1));
  EXPECT_EQ(t.lookup(va_of(5), Asid(1))->size, PageSize::k4K);
  EXPECT_EQ(t.lookup(va_of(6), Asid(1))->size, PageSize::k2M);
}

TEST(RtlTlb, RefillOfTheSameTranslationOverwritesInPlace) {
  RtlTlbDriver<Vtlb_plru16x4> t;
  t.fill(page(0x10, PageSize::k4K, 1));
  TlbEntry again = page(0x10, PageSize::k4K, 1);
  again.ppn = 0x999;
  t.fill(again);
  EXPECT_EQ(t.lookup(va_of(0x10), Asid(1))->ppn, 0x999u);
  // Set 0 (vpns 0x10, 0x14, ...) now has one valid way: three more fills evict nothing.
  for (std::uint64_t v : {0x14, 0x18, 0x1C}) t.fill(page(v, PageSize::k4K, 1));
  for (std::uint64_t v : {0x10, 0x14, 0x18, 0x1C}) EXPECT_TRUE(t.lookup(va_of(v), Asid(1))) << v;
  // The same page in another address space is another translation.
  t.fill(page(0x10, PageSize::k4K, 2));
  EXPECT_TRUE(t.lookup(va_of(0x10), Asid(2)));
}

// One entry of each kind the flush rules tell apart, all covering vpn 0x2_0205 (k1G * 0, ...).
struct FlushFixture {
  static constexpr std::uint64_t kVpn = k1G + 2 * k2M + 5;
  RtlTlbDriver<Vtlb_plru16x4> t;
  FlushFixture() {
    t.fill(page(kVpn, PageSize::k4K, 1));                   // ASID 1, 4 KiB
    t.fill(page(k1G + 2 * k2M, PageSize::k2M, 1));          // ASID 1, 2 MiB covering kVpn
    t.fill(page(k1G, PageSize::k1G, 2));                    // ASID 2, 1 GiB covering kVpn
    t.fill(page(kVpn + 1, PageSize::k4K, 1));               // ASID 1, the next 4 KiB page
    t.fill(page(3 * k1G, PageSize::k1G, 3, true));          // global, elsewhere
    t.fill(page(0x77, PageSize::k4K, 3, true));             // global 4 KiB, elsewhere
  }
  bool has(std::uint64_t vpn, std::uint16_t asid) { return t.lookup(va_of(vpn), Asid(asid)).has_value(); }
  bool size_at(std::uint64_t vpn, std::uint16_t asid, PageSize s) {
    auto e = t.lookup(va_of(vpn), Asid(asid));
    return e && e->size == s;
  }
};

TEST(RtlTlbFlush, AllRemovesGlobalEntriesToo) {
  FlushFixture f;
  f.t.flush(TlbFlush::all());
  for (std::uint64_t v : {FlushFixture::kVpn, FlushFixture::kVpn + 1, 3 * k1G, std::uint64_t{0x77}})
    for (std::uint16_t a : {1, 2, 3}) EXPECT_FALSE(f.has(v, a)) << v << " " << a;
}

TEST(RtlTlbFlush, AsidKeepsGlobalEntriesAndOtherAsids) {
  FlushFixture f;
  f.t.flush(TlbFlush::by_asid(Asid(1)));
  EXPECT_FALSE(f.has(FlushFixture::kVpn, 1));
  EXPECT_FALSE(f.has(FlushFixture::kVpn + 1, 1));
  EXPECT_FALSE(f.has(k1G + 2 * k2M + 100, 1));   // the 2 MiB page
  EXPECT_TRUE(f.size_at(FlushFixture::kVpn, 2, PageSize::k1G));
  f.t.flush(TlbFlush::by_asid(Asid(3)));          // the global entries' own ASID
  EXPECT_TRUE(f.has(3 * k1G + 9, 1));
  EXPECT_TRUE(f.has(0x77, 1));
}

TEST(RtlTlbFlush, VaRemovesEveryPageSizeMappingItGlobalOrNot) {
  FlushFixture f;
  f.t.fill(page(FlushFixture::kVpn, PageSize::k4K, 4, true));  // a global page at the VA
  f.t.flush(TlbFlush::by_va(va_of(FlushFixture::kVpn, 0x123)));
  for (std::uint16_t a : {1, 2, 3, 4}) EXPECT_FALSE(f.has(FlushFixture::kVpn, a)) << a;
  EXPECT_FALSE(f.has(k1G + 2 * k2M + 100, 1));         // the 2 MiB page is gone entirely
  EXPECT_FALSE(f.has(k1G + 7, 2));                     // and the 1 GiB page
  EXPECT_TRUE(f.size_at(FlushFixture::kVpn + 1, 1, PageSize::k4K));
  EXPECT_TRUE(f.has(3 * k1G, 1));
  EXPECT_TRUE(f.has(0x77, 1));
}

TEST(RtlTlbFlush, VaAsidRemovesThatAsidsNonGlobalEntriesMappingIt) {
  FlushFixture f;
  f.t.fill(page(FlushFixture::kVpn, PageSize::k4K, 1, true));  // global, at the VA, "ASID 1"
  f.t.flush(TlbFlush::by_va_asid(va_of(FlushFixture::kVpn), Asid(1)));
  // The global 4 KiB page stays (it answers first, being the smallest)...
  auto e = f.t.lookup(va_of(FlushFixture::kVpn), Asid(1));
  ASSERT_TRUE(e);
  EXPECT_TRUE(e->global);
  // ...the ASID 1 2 MiB page mapping the VA is gone, the ASID 2 1 GiB page stays.
  EXPECT_FALSE(f.has(k1G + 2 * k2M + 100, 1));
  EXPECT_TRUE(f.size_at(FlushFixture::kVpn + 2, 2, PageSize::k1G));
  EXPECT_TRUE(f.size_at(FlushFixture::kVpn + 1, 1, PageSize::k4K));  // another VA
}

TEST(RtlTlb, FlushBeatsFillBeatsLookupInOneCycle) {
  RtlTlbDriver<Vtlb_plru16x4> t;
  auto& m = t.model();
  m.flush_valid_i = 1;
  m.flush_kind_i = 0;
  m.fill_valid_i = 1;
  m.fill_vpn_i = 0x5;
  m.fill_size_i = 0;
  m.fill_asid_i = 1;
  m.lookup_valid_i = 1;
  m.eval();
  EXPECT_EQ(m.fill_ready_o, 0);
  EXPECT_EQ(m.lookup_ready_o, 0);
  t.cycle();
  EXPECT_EQ(m.resp_valid_o, 0);
  EXPECT_FALSE(t.lookup(va_of(0x5), Asid(1)));  // the fill was not taken
  m.fill_valid_i = 1;
  m.fill_vpn_i = 0x5;
  m.fill_asid_i = 1;
  m.lookup_valid_i = 1;
  m.eval();
  EXPECT_EQ(m.fill_ready_o, 1);
  EXPECT_EQ(m.lookup_ready_o, 0);
  t.cycle();
  EXPECT_TRUE(t.lookup(va_of(0x5), Asid(1)));
}

// vpns 0, 4, 8, ... all index set 0 of the 4-set TLBs.
std::uint64_t set0(unsigned i) { return 4 * i; }

TEST(RtlTlbReplacement, TreePlruEvictsAwayFromRecentUse) {
  RtlTlbDriver<Vtlb_plru16x4> t;
  for (unsigned i = 0; i < 4; ++i) t.fill(page(set0(i), PageSize::k4K, 1));  // ways 0..3
  // After touching ways 0,1,2,3 the tree points at way 0; a hit on way 0 turns the root to
  // the right half, whose bit (set by the fill of way 3) points at way 2.
  ASSERT_TRUE(t.lookup(va_of(set0(0)), Asid(1)));
  t.fill(page(set0(4), PageSize::k4K, 1));
  EXPECT_FALSE(t.lookup(va_of(set0(2)), Asid(1)));
  for (unsigned i : {0u, 1u, 3u, 4u}) EXPECT_TRUE(t.lookup(va_of(set0(i)), Asid(1))) << i;
  // Those four lookups touched ways 0, 1, 3, 2 (vpn 16 took way 2): the tree now points at way 0.
  t.fill(page(set0(5), PageSize::k4K, 1));
  EXPECT_FALSE(t.lookup(va_of(set0(0)), Asid(1)));
  EXPECT_TRUE(t.lookup(va_of(set0(5)), Asid(1)));
}

TEST(RtlTlbReplacement, FifoEvictsTheOldestFillIgnoringHits) {
  RtlTlbDriver<Vtlb_fifo16x4> t;
  for (unsigned i = 0; i < 4; ++i) t.fill(page(set0(i), PageSize::k4K, 1));
  ASSERT_TRUE(t.lookup(va_of(set0(0)), Asid(1)));
  t.fill(page(set0(4), PageSize::k4K, 1));  // evicts vpn 0 despite its hit
  EXPECT_FALSE(t.lookup(va_of(set0(0)), Asid(1)));
  t.fill(page(set0(5), PageSize::k4K, 1));  // then vpn 4 (set0(1))
  EXPECT_FALSE(t.lookup(va_of(set0(1)), Asid(1)));
  // An invalidated way is refilled first; the order of the others is kept.
  t.flush(TlbFlush::by_va(va_of(set0(3))));
  t.fill(page(set0(6), PageSize::k4K, 1));  // into vpn 12's way
  t.fill(page(set0(7), PageSize::k4K, 1));  // evicts vpn 8 (set0(2)), the oldest left
  EXPECT_FALSE(t.lookup(va_of(set0(2)), Asid(1)));
  for (unsigned i : {4u, 5u, 6u, 7u}) EXPECT_TRUE(t.lookup(va_of(set0(i)), Asid(1))) << i;
}

TEST(RtlTlbReplacement, FullyAssociativeHoldsAnyEightPages) {
  RtlTlbDriver<Vtlb_plru8x8> t;
  for (unsigned i = 0; i < 8; ++i) t.fill(page(8 * i, PageSize::k4K, 1));  // all one set index
  for (unsigned i = 0; i < 8; ++i) EXPECT_TRUE(t.lookup(va_of(8 * i), Asid(1))) << i;
  t.fill(page(64, PageSize::k4K, 1));  // the tree points at way 0 after touching 0..7 in order
  EXPECT_FALSE(t.lookup(va_of(0), Asid(1)));
}

}  // namespace
}  // namespace memvp::rtl
