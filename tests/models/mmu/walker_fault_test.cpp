// Every fault rule of the translation process (§12.3.2), each on hand-built Sv39 tables: the
// right cause for fetch, load and store, and the PTE state the walker leaves in memory.
#include "mmu_fixture.h"

namespace memvp::mmu::test {
namespace {

using rv::Exception;
constexpr std::uint64_t kVa = 0x0040'1000;
constexpr PhysAddr kPa{0x9000'0000};
constexpr std::uint64_t kUser = pte_bits::U;

class WalkerFault : public MmuTest {
 protected:
  void SetUp() override { build(); }
  PhysAddr leaf(std::uint64_t flags) { return pt().map(VirtAddr(kVa), kPa, PageSize::k4K, flags); }
  void expect_faults(std::uint64_t va, Exception fetch, Exception load, Exception store) {
    EXPECT_EQ(this->fetch(va).cause, fetch);
    EXPECT_EQ(this->load(va).cause, load);
    EXPECT_EQ(this->store(va).cause, store);
    EXPECT_TRUE(this->load(va).fault);
  }
  void expect_page_faults(std::uint64_t va = kVa) {
    expect_faults(va, Exception::InstrPageFault, Exception::LoadPageFault, Exception::StorePageFault);
  }
};

TEST_F(WalkerFault, ValidLeafTranslates) {
  leaf(kRwx | kAd);
  const auto r = load(kVa + 0x123);
  EXPECT_FALSE(r.fault);
  EXPECT_EQ(r.pa.value(), kPa.value() + 0x123);
  EXPECT_EQ(r.outcome, Outcome::Walk);
  EXPECT_EQ(r.page_size, PageSize::k4K);
}

TEST_F(WalkerFault, InvalidPteFaults) {  // step 3: V = 0
  leaf((kRwx | kAd) & ~pte_bits::V);
  expect_page_faults();
}

TEST_F(WalkerFault, InvalidNonLeafFaults) {  // step 3 at an upper level
  leaf(kRwx | kAd);
  pt().set_pte(VirtAddr(kVa), 1, 0);
  EXPECT_EQ(load(kVa).walk.pte_reads, 2u);
  expect_page_faults();
}

TEST_F(WalkerFault, WriteWithoutReadIsReserved) {  // step 3: R = 0, W = 1
  leaf(pte_bits::V | pte_bits::W | kAd);
  expect_page_faults();
  leaf(pte_bits::V | pte_bits::W | pte_bits::X | kAd);
  expect_page_faults();
}

TEST_F(WalkerFault, ReservedHighBitsFault) {  // step 3 with §12.4: bits 63:54
  for (unsigned bit : {54u, 60u, 61u, 62u, 63u}) {
    SCOPED_TRACE(bit);
    mmu().sfence_vma(std::nullopt, std::nullopt);
    leaf(kRwx | kAd | (std::uint64_t{1} << bit));
    expect_page_faults();
  }
}

TEST_F(WalkerFault, RswBitsAreIgnored) {
  leaf(kRwx | kAd | (3u << 8));
  EXPECT_FALSE(load(kVa).fault);
}

TEST_F(WalkerFault, NonLeafWithReservedAduFaults) {  // §12.3.1: D, A, U reserved in non-leaf PTEs
  for (std::uint64_t bit : {pte_bits::A, pte_bits::D, pte_bits::U}) {
    mmu().sfence_vma(std::nullopt, std::nullopt);
    leaf(kRwx | kAd);
    pt().set_pte(VirtAddr(kVa), 2, pt().pte(VirtAddr(kVa), 2) | bit);
    expect_page_faults();
    pt().set_pte(VirtAddr(kVa), 2, pt().pte(VirtAddr(kVa), 2) & ~bit);
  }
}

TEST_F(WalkerFault, PointerAtLastLevelFaults) {  // step 4: i < 0
  const PhysAddr pte = leaf(kRwx | kAd);
  mem().poke(pte, make_pte(0x80010, pte_bits::V));
  EXPECT_EQ(load(kVa).walk.pte_reads, 3u);
  expect_page_faults();
}

TEST_F(WalkerFault, FetchNeedsExecute) {  // step 8
  leaf(pte_bits::V | pte_bits::R | pte_bits::W | kAd);
  EXPECT_EQ(fetch(kVa).cause, Exception::InstrPageFault);
  EXPECT_FALSE(load(kVa).fault);
  EXPECT_FALSE(store(kVa).fault);
}

TEST_F(WalkerFault, LoadNeedsReadOrMxrExecute) {  // steps 6 and 8 with MXR (§12.1.1.2)
  leaf(pte_bits::V | pte_bits::X | kAd);
  EXPECT_FALSE(fetch(kVa).fault);
  EXPECT_EQ(load(kVa).cause, Exception::LoadPageFault);
  ctx_.mxr = true;
  EXPECT_FALSE(load(kVa).fault);
  EXPECT_EQ(store(kVa).cause, Exception::StorePageFault);
}

TEST_F(WalkerFault, StoreAndAmoNeedWrite) {  // step 8
  leaf(pte_bits::V | pte_bits::R | pte_bits::X | kAd);
  EXPECT_EQ(store(kVa).cause, Exception::StorePageFault);
  EXPECT_EQ(translate(kVa, rv::Access::Amo).cause, Exception::StorePageFault);
  EXPECT_FALSE(load(kVa).fault);
}

TEST_F(WalkerFault, SupervisorNeedsSumForUserPages) {  // §12.1.1.2 SUM
  leaf(kRwx | kAd | kUser);
  EXPECT_EQ(load(kVa).cause, Exception::LoadPageFault);
  EXPECT_EQ(store(kVa).cause, Exception::StorePageFault);
  ctx_.sum = true;
  EXPECT_FALSE(load(kVa).fault);
  EXPECT_FALSE(store(kVa).fault);
  // §12.3.1: never fetch from a U page in S-mode, whatever SUM says.
  EXPECT_EQ(fetch(kVa).cause, Exception::InstrPageFault);
}

TEST_F(WalkerFault, UserModeNeedsUserPages) {  // §12.3.1 U bit
  leaf(kRwx | kAd);
  ctx_.priv = rv::Priv::U;
  expect_page_faults();
  leaf(kRwx | kAd | kUser);
  mmu().sfence_vma(std::nullopt, std::nullopt);
  EXPECT_FALSE(fetch(kVa).fault);
  EXPECT_FALSE(load(kVa).fault);
  EXPECT_FALSE(store(kVa).fault);
}

TEST_F(WalkerFault, SumDoesNotApplyToUserMode) {
  leaf(kRwx | kAd);
  ctx_.priv = rv::Priv::U;
  ctx_.sum = true;
  EXPECT_EQ(load(kVa).cause, Exception::LoadPageFault);
}

TEST_F(WalkerFault, MprvPrivilegeIsWhatTheHartPasses) {
  // M-mode with MPRV=1 and MPP=U: the hart passes effective privilege U for loads/stores and
  // M for fetches (§3.1.6.4).
  leaf(kRwx | kAd);
  ctx_.priv = rv::Priv::U;
  EXPECT_EQ(load(kVa).cause, Exception::LoadPageFault);
  ctx_.priv = rv::Priv::M;
  const auto r = fetch(kVa);
  EXPECT_FALSE(r.fault);
  EXPECT_EQ(r.outcome, Outcome::Bare);
  EXPECT_EQ(r.pa.value(), kVa);
  // MPP = S: S-mode rules, so a U page needs SUM.
  leaf(kRwx | kAd | kUser);
  mmu().sfence_vma(std::nullopt, std::nullopt);
  ctx_.priv = rv::Priv::S;
  EXPECT_TRUE(load(kVa).fault);
}

TEST_F(WalkerFault, MisalignedSuperpagesFault) {  // step 5
  pt().map(VirtAddr(0x4000'0000), PhysAddr(0x9000'1000), PageSize::k2M, kRwx | kAd);
  expect_page_faults(0x4000'0000);
  pt().map(VirtAddr(0x3F'C000'0000), PhysAddr(0xC020'0000), PageSize::k1G, kRwx | kAd);
  expect_page_faults(0x3F'C000'0000);
}

TEST_F(WalkerFault, NonCanonicalAddressFaultsWithoutWalking) {  // §12.4
  leaf(kRwx | kAd);
  const std::uint64_t bad = 0x0000'0080'0000'0000;  // bit 39 set, bit 38 clear
  expect_page_faults(bad);
  EXPECT_EQ(mem().reads(), 0u);
  EXPECT_EQ(load(bad).found_in, Outcome::Fault);
  EXPECT_EQ(load(0xFFFF'FF80'0000'0000).cause, Exception::LoadPageFault);  // canonical, unmapped
}

TEST_F(WalkerFault, PteReadErrorIsAnAccessFault) {  // step 2
  leaf(kRwx | kAd);
  mem().fail_at(pt().pte_addr(VirtAddr(kVa), 1));
  expect_faults(kVa, Exception::InstrAccessFault, Exception::LoadAccessFault,
                Exception::StoreAccessFault);
  EXPECT_EQ(translate(kVa, rv::Access::Amo).cause, Exception::StoreAccessFault);
}

// The hart's PMP as the walker sees it: refuses the PTE reads or writes at one address.
class RefusePte final : public PteAccessCheck {
 public:
  PhysAddr refused{0};
  bool refuse_reads = true;
  bool pte_access_allowed(PhysAddr pte, bool write) override { return pte != refused || (write ? false : !refuse_reads); }
};

TEST_F(WalkerFault, PteReadRefusedByPmpIsAnAccessFaultWithoutARead) {  // step 2, §3.7.2
  leaf(kRwx | kAd);
  RefusePte pmp;
  pmp.refused = pt().pte_addr(VirtAddr(kVa), 1);
  ctx_.pte_check = &pmp;
  expect_faults(kVa, Exception::InstrAccessFault, Exception::LoadAccessFault,
                Exception::StoreAccessFault);
  const WalkRecord walk = load(kVa).walk;  // the refused PTE is not read
  for (unsigned i = 0; i < walk.count; ++i) EXPECT_NE(walk.steps[i].pte_addr, pmp.refused);
  ctx_.pte_check = nullptr;
  EXPECT_FALSE(load(kVa).fault);
}

TEST_F(WalkerFault, AdWriteRefusedByPmpIsAnAccessFault) {  // step 9
  const PhysAddr pte = leaf(kRwx);
  RefusePte pmp;
  pmp.refused = pte;
  pmp.refuse_reads = false;
  ctx_.pte_check = &pmp;
  EXPECT_EQ(load(kVa).cause, Exception::LoadAccessFault);
  EXPECT_EQ(mem().peek(pte) & pte_bits::A, 0u);
}

class SvadeWalker : public WalkerFault {
 protected:
  void SetUp() override {
    MmuConfig cfg;
    cfg.hardware_ad_update = false;
    build(cfg);
  }
};

TEST_F(SvadeWalker, ClearAccessedFaultsEveryAccess) {  // step 9, first option
  const PhysAddr pte = pt().map(VirtAddr(kVa), kPa, PageSize::k4K, kRwx | pte_bits::D);
  expect_page_faults();
  EXPECT_EQ(mem().peek(pte), make_pte(kPa.value() >> 12, kRwx | pte_bits::D));
  EXPECT_EQ(mem().writes(), 0u);
}

TEST_F(SvadeWalker, ClearDirtyFaultsStoresOnly) {
  const PhysAddr pte = pt().map(VirtAddr(kVa), kPa, PageSize::k4K, kRwx | pte_bits::A);
  EXPECT_FALSE(load(kVa).fault);
  EXPECT_FALSE(fetch(kVa).fault);
  EXPECT_EQ(store(kVa).cause, Exception::StorePageFault);
  EXPECT_EQ(translate(kVa, rv::Access::Amo).cause, Exception::StorePageFault);
  // Software sets D and fences the page; the store then succeeds.
  mem().poke(pte, mem().peek(pte) | pte_bits::D);
  mmu().sfence_vma(VirtAddr(kVa), std::nullopt);
  EXPECT_FALSE(store(kVa).fault);
  EXPECT_EQ(mem().writes(), 0u);
}

TEST_F(WalkerFault, HardwareSetsAccessedOnLoad) {  // step 9, second option
  const PhysAddr pte = leaf(kRwx);
  const auto r = load(kVa);
  EXPECT_FALSE(r.fault);
  EXPECT_EQ(mem().peek(pte), make_pte(kPa.value() >> 12, kRwx | pte_bits::A));
  EXPECT_EQ(r.walk.pte_writes, 1u);
  EXPECT_EQ(r.walk.pte_reads, 4u);  // three levels plus the atomic compare
  EXPECT_EQ(r.walk.steps[r.walk.count - 1].kind, StepKind::AdUpdate);
  EXPECT_EQ(r.walk.steps[r.walk.count - 1].pte_addr, pte);
}

TEST_F(WalkerFault, HardwareSetsDirtyOnStore) {
  const PhysAddr pte = leaf(kRwx);
  EXPECT_FALSE(store(kVa).fault);
  EXPECT_EQ(mem().peek(pte), make_pte(kPa.value() >> 12, kRwx | kAd));
  EXPECT_EQ(mem().writes(), 1u);
}

TEST_F(WalkerFault, StoreAfterLoadRewalksToSetDirty) {
  const PhysAddr pte = leaf(kRwx);
  EXPECT_EQ(load(kVa).outcome, Outcome::Walk);  // sets A only
  EXPECT_EQ(load(kVa).outcome, Outcome::L1Hit);
  const auto s = store(kVa);  // the cached entry has D = 0: walk again to set it
  EXPECT_EQ(s.outcome, Outcome::Walk);
  EXPECT_TRUE(mem().peek(pte) & pte_bits::D);
  EXPECT_EQ(store(kVa).outcome, Outcome::L1Hit);
  EXPECT_EQ(mem().writes(), 2u);
}

TEST_F(WalkerFault, AdWriteErrorIsAnAccessFault) {  // step 9: the PTE store fails
  const PhysAddr pte = leaf(kRwx);
  mem().fail_writes_at(pte);
  EXPECT_EQ(load(kVa).cause, Exception::LoadAccessFault);
  EXPECT_EQ(store(kVa).cause, Exception::StoreAccessFault);
  EXPECT_EQ(mem().peek(pte) & pte_bits::A, 0u);
}

TEST_F(WalkerFault, AdCompareSeesAnInterveningStore) {  // step 9: compare fails, back to step 2
  const PhysAddr pte = leaf(kRwx);
  // Another hart invalidates the PTE right after this walk first read it.
  bool done = false;
  mem().on_access([&](const PteTestMemory::Access& a) {
    if (!done && a.addr == pte.value() && a.cmd == tlm::TLM_READ_COMMAND) {
      done = true;
      mem().poke(pte, 0);
    }
  });
  const auto r = store(kVa);
  EXPECT_EQ(r.cause, Exception::StorePageFault);  // the re-walked PTE has V = 0
  EXPECT_EQ(mem().peek(pte), 0u);                  // and nothing was written
  EXPECT_EQ(mem().writes(), 0u);
  EXPECT_EQ(r.walk.pte_reads, 5u);  // 3 levels, the compare, the leaf again
}

TEST_F(WalkerFault, AdCompareRetriesWithTheNewValue) {
  const PhysAddr pte = leaf(kRwx);
  bool done = false;
  mem().on_access([&](const PteTestMemory::Access& a) {
    if (!done && a.addr == pte.value() && a.cmd == tlm::TLM_READ_COMMAND) {
      done = true;
      mem().poke(pte, mem().peek(pte) | (1u << 8));  // software sets an RSW bit meanwhile
    }
  });
  EXPECT_FALSE(load(kVa).fault);
  EXPECT_EQ(mem().peek(pte), make_pte(kPa.value() >> 12, kRwx | pte_bits::A | (1u << 8)));
}

TEST_F(WalkerFault, PermissionFaultLeavesAccessedClear) {  // step 8 precedes step 9
  const PhysAddr pte = leaf(pte_bits::V | pte_bits::R);
  EXPECT_TRUE(store(kVa).fault);
  EXPECT_EQ(mem().peek(pte) & pte_bits::A, 0u);
  EXPECT_EQ(mem().writes(), 0u);
}

TEST_F(WalkerFault, BareModeIsIdentity) {
  leaf(kRwx | kAd);
  ctx_.satp = 0;
  const auto r = store(0x1234'5678);
  EXPECT_EQ(r.outcome, Outcome::Bare);
  EXPECT_EQ(r.pa.value(), 0x1234'5678u);
  EXPECT_EQ(r.latency, Cycles(0));
  EXPECT_EQ(mem().reads(), 0u);
}

}  // namespace
}  // namespace memvp::mmu::test
