// The Verilated rtl/tlb as an mmu::Tlb (RtlTlb) in lockstep with SetAssocTlb behind a
// ShadowTlb, as the MMU would run them: on random lookups, fills and flushes no lookup differs,
// and the two report the same entries and statistics; a shadow with another replacement policy,
// or one whose ASID flush removes global entries (built with TLB_FAULT_ASID_FLUSH_REMOVES_GLOBAL),
// is caught.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <random>
#include <tuple>

#include "Vtlb_fifo16x4.h"
#include "Vtlb_fifo16x4___024root.h"
#include "Vtlb_faulty16x4.h"
#include "Vtlb_faulty16x4___024root.h"
#include "Vtlb_plru16x4.h"
#include "Vtlb_plru16x4___024root.h"
#include "mmu/set_assoc_tlb.h"
#include "mmu/shadow_tlb.h"
#include "rtl_tlb/rtl_tlb.h"
#include "random_tlb_traffic.h"

namespace memvp::rtl {
namespace {

using mmu::PageSize;
using mmu::TlbEntry;
using mmu::TlbFlush;

const mmu::PageSizeSet kSv39Sizes{PageSize::k4K, PageSize::k2M, PageSize::k1G};

std::vector<std::tuple<std::uint64_t, int, std::uint16_t, bool, std::uint64_t, int>> sorted(
    const std::vector<TlbEntry>& entries) {
  std::vector<std::tuple<std::uint64_t, int, std::uint16_t, bool, std::uint64_t, int>> out;
  for (const TlbEntry& e : entries)
    out.emplace_back(e.vpn, static_cast<int>(e.size), e.asid.value(), e.global, e.ppn, e.flags);
  std::sort(out.begin(), out.end());
  return out;
}

TEST(RtlTlbLockstep, ShadowOfSetAssocTlbNeverDiffers) {
  auto ref = std::make_unique<mmu::SetAssocTlb>(
      "ref", mmu::TlbConfig{16, 4, ReplacementKind::TreePlru, 1, kSv39Sizes, 0});
  auto rtl = std::make_unique<RtlTlb<Vtlb_plru16x4>>("rtl", mmu::TlbConfig{16, 4, mmu::ReplacementKind::TreePlru, 1, kSv39Sizes, 0});
  const mmu::Tlb& r = *ref;
  const mmu::Tlb& s = *rtl;
  mmu::ShadowTlb lockstep(std::move(ref), std::move(rtl));
  drive_random_tlb_traffic(lockstep, 7, 20000, [&] {
    ASSERT_EQ(sorted(s.contents()), sorted(r.contents()));
  });
  EXPECT_EQ(lockstep.mismatches(), 0u);
  EXPECT_EQ(sorted(s.contents()), sorted(r.contents()));
  EXPECT_EQ(s.stats().lookups, r.stats().lookups);
  EXPECT_EQ(s.stats().hits, r.stats().hits);
  EXPECT_EQ(s.stats().fills, r.stats().fills);
  EXPECT_EQ(s.stats().evictions, r.stats().evictions);
  EXPECT_EQ(s.stats().flushes, r.stats().flushes);
  EXPECT_EQ(s.stats().invalidations, r.stats().invalidations);
  EXPECT_GT(r.stats().hits, 1000u);
  EXPECT_GT(r.stats().evictions, 500u);
}

TEST(RtlTlbLockstep, AnotherReplacementPolicyIsCaught) {
  auto ref = std::make_unique<mmu::SetAssocTlb>(
      "ref", mmu::TlbConfig{16, 4, ReplacementKind::TreePlru, 1, kSv39Sizes, 0});
  auto rtl = std::make_unique<RtlTlb<Vtlb_fifo16x4>>("rtl", mmu::TlbConfig{16, 4, mmu::ReplacementKind::TreePlru, 1, kSv39Sizes, 0});
  mmu::ShadowTlb lockstep(std::move(ref), std::move(rtl));
  drive_random_tlb_traffic(lockstep, 7, 20000, [] {});
  EXPECT_GT(lockstep.mismatches(), 0u);
  ASSERT_FALSE(lockstep.first_mismatches().empty());
  const mmu::TlbMismatch& m = lockstep.first_mismatches().front();
  EXPECT_NE(m.reference.has_value(), m.shadow.has_value());  // a victim the other kept
}

TEST(RtlTlbLockstep, AsidFlushRemovingGlobalEntriesIsCaught) {
  auto ref = std::make_unique<mmu::SetAssocTlb>(
      "ref", mmu::TlbConfig{16, 4, ReplacementKind::TreePlru, 1, kSv39Sizes, 0});
  auto rtl = std::make_unique<RtlTlb<Vtlb_faulty16x4>>("rtl", mmu::TlbConfig{16, 4, mmu::ReplacementKind::TreePlru, 1, kSv39Sizes, 0});
  mmu::ShadowTlb lockstep(std::move(ref), std::move(rtl));
  const VirtAddr kernel_va(0x3000);
  lockstep.fill(TlbEntry{3, 0x80003, PageSize::k4K, Asid(1), true, 0xEF, PageSize::k4K});
  lockstep.flush(TlbFlush::by_asid(Asid(1)));        // a context's ASID is recycled
  EXPECT_TRUE(lockstep.lookup(kernel_va, Asid(2)));  // the reference keeps the global page
  ASSERT_EQ(lockstep.mismatches(), 1u);
  const mmu::TlbMismatch& m = lockstep.first_mismatches().front();
  EXPECT_EQ(m.va.value(), kernel_va.value());
  EXPECT_TRUE(m.reference && m.reference->global);
  EXPECT_FALSE(m.shadow);
  drive_random_tlb_traffic(lockstep, 7, 20000, [] {});  // and on random traffic
  EXPECT_GT(lockstep.mismatches(), 1u);
}

}  // namespace
}  // namespace memvp::rtl
