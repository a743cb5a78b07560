// LockstepTlb (impl = "lockstep"): the C++ SetAssocTlb and the Verilated TLB agree on random
// traffic; the faulty RTL's ASID flush is reported at the flush itself, in one line with the
// cycle, the hart, the operation and both answers, with both arrays dumped; a fill whose victim
// differs (a FIFO RTL beside a tree-PLRU reference) is reported at that fill.
#include <gtest/gtest.h>

#include <random>

#include "Vtlb_faulty16x4.h"
#include "Vtlb_faulty16x4___024root.h"
#include "Vtlb_fifo16x4.h"
#include "Vtlb_fifo16x4___024root.h"
#include "Vtlb_plru16x4.h"
#include "Vtlb_plru16x4___024root.h"
#include "rtl_tlb/lockstep_tlb.h"
#include "random_tlb_traffic.h"

namespace memvp::rtl {
namespace {

using mmu::PageSize;
using mmu::TlbEntry;
using mmu::TlbFlush;

const mmu::TlbConfig kPlru16x4{16, 4, mmu::ReplacementKind::TreePlru, 1,
                                {PageSize::k4K, PageSize::k2M, PageSize::k1G}, 0};

struct Fixture {
  std::uint64_t cycle = 1234;
  std::vector<TlbDivergence> reports;

  template <class Model>
  LockstepTlb make() {
    return LockstepTlb(std::make_unique<mmu::SetAssocTlb>("hart0.l1_dtlb[0]", kPlru16x4),
                       std::make_unique<RtlTlb<Model>>("hart0.l1_dtlb[0]", kPlru16x4), mmu::TlbSite{"hart0", &cycle},
                       [this](const TlbDivergence& d) { reports.push_back(d); });
  }
};

TEST(LockstepTlb, AgreesOnRandomTraffic) {
  Fixture f;
  LockstepTlb t = f.make<Vtlb_plru16x4>();
  drive_random_tlb_traffic(t, 3, 20000);
  EXPECT_TRUE(f.reports.empty()) << f.reports.front().line;
  EXPECT_FALSE(t.diverged());
  EXPECT_EQ(t.stats().lookups, t.rtl().stats().lookups);
  EXPECT_EQ(t.stats().hits, t.rtl().stats().hits);
  EXPECT_EQ(t.stats().evictions, t.rtl().stats().evictions);
  EXPECT_EQ(t.stats().invalidations, t.rtl().stats().invalidations);
  EXPECT_GT(t.stats().evictions, 500u);
}

TEST(LockstepTlb, FaultyAsidFlushIsReportedAtTheFlush) {
  Fixture f;
  LockstepTlb t = f.make<Vtlb_faulty16x4>();
  t.fill(TlbEntry{3, 0x80003, PageSize::k4K, Asid(1), true, 0xEF, PageSize::k4K});
  EXPECT_TRUE(f.reports.empty());
  f.cycle = 5678;
  t.flush(TlbFlush::by_asid(Asid(1)));
  ASSERT_EQ(f.reports.size(), 1u);
  EXPECT_EQ(f.reports[0].line,
            "lockstep divergence at cycle 5678 on hart0 hart0.l1_dtlb[0] (rtl cycle 2): flush asid=1: "
            "cpp invalidations 0, rtl invalidations 1; set 3 way 0: "
            "cpp vpn=0x3 ppn=0x80003 size=4K asid=1 g=1 flags=0xef, rtl empty");
  EXPECT_EQ(f.reports[0].dump,
            "  cpp hart0.l1_dtlb[0] set 3 way 0: vpn=0x3 ppn=0x80003 size=4K asid=1 g=1 flags=0xef\n"
            "  rtl hart0.l1_dtlb[0]: no valid entry\n");
  EXPECT_TRUE(t.lookup(VirtAddr(0x3000), Asid(2)));  // the C++ answer is used; reported once
  EXPECT_EQ(f.reports.size(), 1u);
}

TEST(LockstepTlb, ADifferentVictimIsReportedAtTheFill) {
  Fixture f;
  LockstepTlb t = f.make<Vtlb_fifo16x4>();
  // Set 0 of 4 sets: pages 0, 4, 8, 12 fill its four ways; a hit on page 0 makes tree-PLRU spare
  // way 0 and evict way 2, where FIFO evicts way 0 (the oldest).
  for (std::uint64_t vpn : {0, 4, 8, 12}) t.fill(TlbEntry{vpn, 0x100 + vpn, PageSize::k4K, Asid(1), false, 0xCF});
  EXPECT_TRUE(t.lookup(VirtAddr(0), Asid(1)));
  EXPECT_TRUE(f.reports.empty());
  t.fill(TlbEntry{16, 0x116, PageSize::k4K, Asid(1), false, 0xCF});
  ASSERT_EQ(f.reports.size(), 1u);
  EXPECT_NE(f.reports[0].line.find(": fill vpn=0x10 ppn=0x116 size=4K asid=1 g=0 flags=0xcf: set 0 way "),
            std::string::npos)
      << f.reports[0].line;
}

}  // namespace
}  // namespace memvp::rtl
