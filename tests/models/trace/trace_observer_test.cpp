// TranslationTraceObserver: translations become records dated in hart-clock cycles; Bare
// translations (translation off) are not recorded.
#include <gtest/gtest.h>

#include "mmu/trace/trace_observer.h"
#include "trace_fixture.h"
#include "trace_reader.h"

namespace memvp::trace {
namespace {

TEST(TraceObserver, RecordsTranslatedAccessesInHartCycles) {
  const std::string path = testing::temp_path("trace_observer.bin");
  const sc_core::sc_time period(500, sc_core::SC_PS);  // 2 GHz
  {
    TranslationTraceWriter writer(path, TraceFileInfo{500, 4});
    TranslationTraceObserver obs(writer, HartId(3), period);
    mmu::TranslateResult bare;
    bare.outcome = bare.found_in = mmu::Outcome::Bare;
    obs.on_translation(bare, period * 10.0);
    mmu::TranslateResult hit;
    hit.va = VirtAddr(0x4000);
    hit.pa = PhysAddr(0x8000'4000);
    hit.outcome = hit.found_in = mmu::Outcome::L1Hit;
    hit.pte_flags = 0xCF;
    hit.latency = Cycles(1);
    obs.on_translation(hit, period * 1234.0);
    writer.close();
  }
  TraceReader reader(path);
  std::vector<TranslationRecord> recs;
  reader.for_each([&](const TranslationRecord& r) { recs.push_back(r); });
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].cycle, 1234u);
  EXPECT_EQ(recs[0].hart, 3u);
  EXPECT_EQ(recs[0].va, 0x4000u);
  EXPECT_EQ(recs[0].pa, 0x8000'4000u);
  EXPECT_EQ(recs[0].outcome, 0u);
}

}  // namespace
}  // namespace memvp::trace
