// make_translation_record(): every field of the record from an mmu::TranslateResult, for an
// L1 hit, a walk with a page-walk-cache hit and a hardware A/D update, and two faults.
#include <gtest/gtest.h>

#include "mmu/trace/record_from_mmu.h"

namespace memvp::trace {
namespace {

mmu::TranslateResult sv48_walk() {
  mmu::TranslateResult r;
  r.va = VirtAddr(0x7fff'1234'5678);
  r.pa = PhysAddr(0x8123'4678);
  r.access = rv::Access::Store;
  r.priv = rv::Priv::U;
  r.mode_bits = 9;
  r.asid = Asid(42);
  r.outcome = r.found_in = mmu::Outcome::Walk;
  r.page_size = mmu::PageSize::k4K;
  r.pte_flags = 0xD7;
  r.latency = Cycles(140);
  r.walk.add({mmu::StepKind::PwcHit, 2, PhysAddr(0x9000'1ff8), 0, Cycles(3)});
  r.walk.add({mmu::StepKind::PteRead, 1, PhysAddr(0x9000'2008), 0, Cycles(40)});
  r.walk.add({mmu::StepKind::PteRead, 0, PhysAddr(0x9000'3010), 0, Cycles(70)});
  r.walk.add({mmu::StepKind::AdUpdate, 0, PhysAddr(0x9000'3010), 0, Cycles(15)});
  r.walk.pwc_hits = 1;
  r.walk.pte_reads = 3;
  r.walk.pte_writes = 1;
  r.walk.cycles = Cycles(131);
  return r;
}

TEST(RecordFromMmu, WalkWithPwcHitAndAdUpdate) {
  const TranslationRecord t = make_translation_record(sv48_walk(), Cycles(123456), HartId(3));
  EXPECT_EQ(t.cycle, 123456u);
  EXPECT_EQ(t.hart, 3u);
  EXPECT_EQ(t.va, 0x7fff'1234'5678u);
  EXPECT_EQ(t.pa, 0x8123'4678u);
  EXPECT_EQ(t.access, 2u);
  EXPECT_EQ(t.priv, 0u);
  EXPECT_EQ(t.asid, 42u);
  EXPECT_EQ(t.vm_mode, 9u);
  EXPECT_EQ(t.outcome, 2u);
  EXPECT_EQ(t.source, 2u);
  EXPECT_EQ(t.fault_cause, kNoCause);
  EXPECT_EQ(t.page_size_log2, 12u);
  EXPECT_EQ(t.pte_flags, 0xD7u);
  EXPECT_EQ(t.latency_cycles, 140u);
  EXPECT_EQ(t.walk_cycles, 131u);
  EXPECT_EQ(t.pte_addr[3], 0u);  // above the PWC hit: not consulted
  EXPECT_EQ(t.pte_addr[2], 0x9000'1ff8u);
  EXPECT_EQ(t.pte_addr[1], 0x9000'2008u);
  EXPECT_EQ(t.pte_addr[0], 0x9000'3010u);
  EXPECT_EQ(t.step_cycles[2], 3u);
  EXPECT_EQ(t.step_cycles[1], 40u);
  EXPECT_EQ(t.step_cycles[0], 70u);
  EXPECT_EQ(t.step_cycles[3], 0u);
  EXPECT_EQ(t.ad_cycles, 15u);
  EXPECT_EQ(t.pwc_mask, 0b100u);
  EXPECT_EQ(t.pte_reads, 3u);
}

TEST(RecordFromMmu, L1HitOnA2MiBPageHasNoWalkFields) {
  mmu::TranslateResult r = sv48_walk();
  r.outcome = r.found_in = mmu::Outcome::L1Hit;
  r.page_size = mmu::PageSize::k2M;
  r.latency = Cycles(1);
  const TranslationRecord t = make_translation_record(r, Cycles(5), HartId(0));
  EXPECT_EQ(t.outcome, 0u);
  EXPECT_EQ(t.source, 0u);
  EXPECT_EQ(t.page_size_log2, 21u);
  EXPECT_EQ(t.walk_cycles, 0u);
  EXPECT_EQ(t.pte_addr[0], 0u);
  EXPECT_EQ(t.pwc_mask, 0u);
  EXPECT_EQ(t.pte_reads, 0u);
}

TEST(RecordFromMmu, FaultFromAWalkThatFoundNoLeaf) {
  mmu::TranslateResult r = sv48_walk();
  r.fault = true;
  r.cause = rv::Exception::StorePageFault;
  r.outcome = mmu::Outcome::Fault;
  r.pte_flags = 0;
  const TranslationRecord t = make_translation_record(r, Cycles(9), HartId(1));
  EXPECT_EQ(t.outcome, 3u);
  EXPECT_EQ(t.source, 2u);
  EXPECT_EQ(t.fault_cause, 15u);
  EXPECT_EQ(t.pa, 0u);
  EXPECT_EQ(t.page_size_log2, 0u);
  EXPECT_EQ(t.pte_addr[0], 0x9000'3010u);
}

TEST(RecordFromMmu, NonCanonicalFaultHasNoSource) {
  mmu::TranslateResult r;
  r.va = VirtAddr(0x0100'0000'0000'0000);
  r.access = rv::Access::Fetch;
  r.priv = rv::Priv::S;
  r.mode_bits = 8;
  r.fault = true;
  r.cause = rv::Exception::InstrPageFault;
  r.outcome = r.found_in = mmu::Outcome::Fault;
  const TranslationRecord t = make_translation_record(r, Cycles(1), HartId(0));
  EXPECT_EQ(t.source, kSourceNone);
  EXPECT_EQ(t.outcome, 3u);
  EXPECT_EQ(t.fault_cause, 12u);
  EXPECT_EQ(t.priv, 1u);
  EXPECT_EQ(t.latency_cycles, 0u);
}

}  // namespace
}  // namespace memvp::trace
