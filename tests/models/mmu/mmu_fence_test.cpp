// sfence.vma's four cases through the whole MMU (§12.2.1), global mappings, ASID-tagged
// entries of two address spaces side by side, satp writes with and without ASIDs, and the
// WARL legalisation of satp.
#include "mmu_fixture.h"

namespace memvp::mmu::test {
namespace {

constexpr std::uint64_t kUserVa = 0x0040'1000;
constexpr std::uint64_t kKernelVa = 0xFFFF'FFC0'0000'1000;  // global kernel page

// Two address spaces (ASIDs 1 and 2) mapping kUserVa to different frames, sharing one global
// kernel page, in separate root tables.
class MmuFence : public MmuTest {
 protected:
  void setup(bool asid_enabled, bool pwc = false) {
    MmuConfig cfg = plain_config();
    cfg.asid_enabled = asid_enabled;
    cfg.pwc.enabled = pwc;
    build(cfg);
    pt().map(VirtAddr(kUserVa), PhysAddr(0x9000'1000), PageSize::k4K, kRwx | kAd);
    pt().map(VirtAddr(kKernelVa), PhysAddr(0x9100'0000), PageSize::k4K, kRwx | kAd | pte_bits::G);
    second_ = std::make_unique<PageTableBuilder>(mem(), kMemBase + 0x8'0000, kSv39);
    second_->map(VirtAddr(kUserVa), PhysAddr(0x9000'2000), PageSize::k4K, kRwx | kAd);
    second_->map(VirtAddr(kKernelVa), PhysAddr(0x9100'0000), PageSize::k4K,
                 kRwx | kAd | pte_bits::G);
    satp1_ = pt().satp(Asid(1));
    satp2_ = second_->satp(Asid(2));
  }
  void use(std::uint64_t satp) {
    ctx_.satp = satp;
    mmu().satp_written(satp);
  }
  // Touches both pages in both address spaces, leaving the L1 DTLB warm.
  void warm() {
    use(satp1_);
    load(kUserVa);
    load(kKernelVa);
    use(satp2_);
    load(kUserVa);
  }
  Outcome outcome_in(std::uint64_t satp, std::uint64_t va) {
    ctx_.satp = satp;
    return load(va).outcome;
  }

  std::unique_ptr<PageTableBuilder> second_;
  std::uint64_t satp1_ = 0, satp2_ = 0;
};

TEST_F(MmuFence, AsidsKeepBothAddressSpaces) {
  setup(true);
  warm();
  EXPECT_EQ(load(kUserVa).pa.value(), 0x9000'2000u);
  ctx_.satp = satp1_;
  const auto r = load(kUserVa);
  EXPECT_EQ(r.outcome, Outcome::L1Hit);
  EXPECT_EQ(r.pa.value(), 0x9000'1000u);
  EXPECT_EQ(r.asid, Asid(1));
  EXPECT_EQ(outcome_in(satp2_, kKernelVa), Outcome::L1Hit);  // global: cached under ASID 1
  EXPECT_EQ(mmu().stats().satp_flushes, 0u);
}

TEST_F(MmuFence, AllFlushesEverything) {  // rs1 = x0, rs2 = x0
  setup(true);
  warm();
  mmu().sfence_vma(std::nullopt, std::nullopt);
  EXPECT_TRUE(mmu().tlb(TlbSlot::L1D).contents().empty());
  EXPECT_TRUE(mmu().tlb(TlbSlot::L2).contents().empty());
  EXPECT_EQ(outcome_in(satp1_, kKernelVa), Outcome::Walk);
}

TEST_F(MmuFence, AsidFlushKeepsOtherAsidsAndGlobals) {  // rs1 = x0, rs2 = ASID
  setup(true);
  warm();
  mmu().sfence_vma(std::nullopt, Asid(1));
  EXPECT_EQ(outcome_in(satp1_, kUserVa), Outcome::Walk);
  EXPECT_EQ(outcome_in(satp2_, kUserVa), Outcome::L1Hit);
  EXPECT_EQ(outcome_in(satp1_, kKernelVa), Outcome::L1Hit);
}

TEST_F(MmuFence, VaFlushRemovesThePageInEveryAsid) {  // rs1 = VA, rs2 = x0
  setup(true);
  warm();
  mmu().sfence_vma(VirtAddr(kUserVa + 0x10), std::nullopt);
  EXPECT_EQ(outcome_in(satp1_, kUserVa), Outcome::Walk);
  EXPECT_EQ(outcome_in(satp2_, kUserVa), Outcome::Walk);
  EXPECT_EQ(outcome_in(satp1_, kKernelVa), Outcome::L1Hit);
  mmu().sfence_vma(VirtAddr(kKernelVa), std::nullopt);  // global entries too
  EXPECT_EQ(outcome_in(satp1_, kKernelVa), Outcome::Walk);
}

TEST_F(MmuFence, VaAsidFlushSparesOtherAsidsAndGlobals) {  // rs1 = VA, rs2 = ASID
  setup(true);
  warm();
  mmu().sfence_vma(VirtAddr(kUserVa), Asid(2));
  EXPECT_EQ(outcome_in(satp2_, kUserVa), Outcome::Walk);
  EXPECT_EQ(outcome_in(satp1_, kUserVa), Outcome::L1Hit);
  mmu().sfence_vma(VirtAddr(kKernelVa), Asid(1));
  EXPECT_EQ(outcome_in(satp1_, kKernelVa), Outcome::L1Hit);
  const auto& s = mmu().stats().sfences;
  EXPECT_EQ(s[static_cast<unsigned>(FlushKind::VaAsid)], 2u);
}

TEST_F(MmuFence, StaleEntryStaysUntilFenced) {  // §12.2.1: no fence, old translation may be used
  setup(true);
  use(satp1_);
  load(kUserVa);
  pt().map(VirtAddr(kUserVa), PhysAddr(0x9000'7000), PageSize::k4K, kRwx | kAd);
  EXPECT_EQ(load(kUserVa).pa.value(), 0x9000'1000u);
  mmu().sfence_vma(VirtAddr(kUserVa), Asid(1));
  EXPECT_EQ(load(kUserVa).pa.value(), 0x9000'7000u);
}

TEST_F(MmuFence, VaFencesKeepThePageWalkCache) {
  setup(true, true);
  use(satp1_);
  load(kUserVa);
  mmu().sfence_vma(VirtAddr(kUserVa), std::nullopt);
  auto r = load(kUserVa);
  EXPECT_EQ(r.outcome, Outcome::Walk);
  EXPECT_EQ(r.walk.pwc_hits, 1u);
  mmu().sfence_vma(std::nullopt, Asid(1));
  r = load(kUserVa);
  EXPECT_EQ(r.walk.pwc_hits, 0u);
  EXPECT_EQ(r.walk.pte_reads, 3u);
}

TEST_F(MmuFence, WithoutAsidsEverySatpWriteFlushesNonGlobal) {
  setup(false);
  use(satp1_);
  EXPECT_EQ(load(kUserVa).asid, Asid(0));
  load(kKernelVa);
  EXPECT_EQ(load(kUserVa).outcome, Outcome::L1Hit);
  use(satp2_);  // context switch
  const auto r = load(kUserVa);
  EXPECT_EQ(r.outcome, Outcome::Walk);
  EXPECT_EQ(r.pa.value(), 0x9000'2000u);
  EXPECT_EQ(load(kKernelVa).outcome, Outcome::L1Hit);  // global survives
  use(satp1_);
  EXPECT_EQ(load(kUserVa).pa.value(), 0x9000'1000u);
  EXPECT_EQ(mmu().stats().satp_flushes, 3u);
  EXPECT_EQ(mmu().stats().satp_writes, 3u);
}

TEST_F(MmuFence, WithoutAsidsAsidFencesActOnAsidZero) {
  setup(false);
  use(satp1_);
  load(kUserVa);
  mmu().sfence_vma(std::nullopt, Asid(5));  // ASIDLEN = 0: rs2's bits are ignored
  EXPECT_EQ(load(kUserVa).outcome, Outcome::Walk);
}

struct Recorder : TranslationObserver {
  std::vector<std::pair<Outcome, sc_time>> translations;
  std::vector<std::pair<FlushKind, FlushCause>> flushes;
  void on_translation(const TranslateResult& r, const sc_time& issued) override {
    translations.emplace_back(r.outcome, issued);
  }
  void on_flush(const TlbFlush& f, FlushCause c, const sc_time&) override {
    flushes.emplace_back(f.kind, c);
  }
};

TEST_F(MmuFence, ObserversSeeTranslationsAndFlushes) {
  setup(false);
  Recorder rec;
  mmu().add_observer(rec);
  use(satp1_);
  sc_time delay(5, SC_NS);
  mmu().translate(VirtAddr(kUserVa), rv::Access::Load, ctx_, delay);
  mmu().translate(VirtAddr(kUserVa), rv::Access::Load, ctx_, delay);
  mmu().sfence_vma(VirtAddr(kUserVa), std::nullopt);
  ASSERT_EQ(rec.translations.size(), 2u);
  EXPECT_EQ(rec.translations[0], std::make_pair(Outcome::Walk, sc_time(5, SC_NS)));
  EXPECT_EQ(rec.translations[1], std::make_pair(Outcome::L1Hit, sc_time(35, SC_NS)));
  ASSERT_EQ(rec.flushes.size(), 2u);
  EXPECT_EQ(rec.flushes[0], std::make_pair(FlushKind::Asid, FlushCause::SatpWrite));
  EXPECT_EQ(rec.flushes[1], std::make_pair(FlushKind::Va, FlushCause::SfenceVma));
}

TEST_F(MmuFence, SatpIsLegalised) {
  setup(false);
  const std::uint64_t sv57 = (std::uint64_t{10} << 60) | 0x80000;
  EXPECT_EQ(mmu().legalize_satp(satp1_, sv57), satp1_);  // unsupported MODE: no effect
  EXPECT_EQ(Satp::decode(mmu().legalize_satp(0, satp2_)).asid, Asid(0));  // ASIDLEN = 0
  EXPECT_EQ(mmu().asid_bits(), 0u);
  EXPECT_EQ(legalize_satp(0, satp2_, 16), satp2_);
  EXPECT_EQ(legalize_satp(0, satp2_ | (std::uint64_t{0xFF00} << 44), 8),
            (satp2_ & ~(std::uint64_t{0xFFFF} << 44)) | (std::uint64_t{2} << 44));
}

}  // namespace
}  // namespace memvp::mmu::test
