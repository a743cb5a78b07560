// The summary of the hand-built trace, every number worked out by hand (trace_fixture.h):
// 20 translations; sources l1 11, l2 3, walk 5, none 1; sorted latencies
// 0, 1×11, 8, 8, 9, 50, 60, 70, 80, 100 (sum 396).
#include <gtest/gtest.h>

#include "trace_fixture.h"
#include "trace_filter.h"
#include "trace_summary.h"

namespace memvp::trace {
namespace {

Summary summarise(const TraceFilter* f = nullptr) {
  SummaryBuilder b;
  for (const TranslationRecord& r : testing::hand_built_trace())
    if (f == nullptr || f->matches(r)) b.add(r);
  return b.finish();
}

TEST(TraceSummary, CountsAndHitRates) {
  const Summary s = summarise();
  EXPECT_EQ(s.translations, 20u);
  EXPECT_EQ(s.by_outcome, (std::array<std::uint64_t, 4>{11, 3, 4, 2}));
  EXPECT_EQ(s.by_source, (std::array<std::uint64_t, 4>{11, 3, 5, 1}));
  EXPECT_EQ(s.l1_lookups, 19u);
  EXPECT_DOUBLE_EQ(s.l1_hit_rate, 11.0 / 19.0);
  EXPECT_EQ(s.l2_lookups, 8u);
  EXPECT_DOUBLE_EQ(s.l2_hit_rate, 3.0 / 8.0);
  EXPECT_EQ(s.walks, 5u);
  EXPECT_EQ(s.walk_cycles, (100u - 9) + (60 - 9) + (70 - 9) + (80 - 9) + (50 - 9));
  EXPECT_EQ(s.pte_reads, 3u + 2 + 2 + 3 + 3);
  EXPECT_EQ(s.pwc_hits, 1u);
  EXPECT_EQ(s.walks_with_pwc_hit, 1u);
  EXPECT_EQ(s.ad_updates, 1u);
  EXPECT_EQ(s.faults_by_cause, (std::map<std::uint8_t, std::uint64_t>{{12, 1}, {13, 1}}));
}

TEST(TraceSummary, ByAccessCountsEachKind) {
  // Access is cycle % 4 except for the two faults (load, fetch).
  std::array<std::uint64_t, 4> want{};
  for (const TranslationRecord& r : testing::hand_built_trace()) ++want[r.access];
  EXPECT_EQ(summarise().by_access, want);
  EXPECT_EQ(want[0] + want[1] + want[2] + want[3], 20u);
}

TEST(TraceSummary, LatencyPercentilesByNearestRank) {
  const LatencyCounts& l = summarise().latency;
  EXPECT_EQ(l.count(), 20u);
  EXPECT_DOUBLE_EQ(l.mean(), 396.0 / 20.0);
  EXPECT_EQ(l.min(), 0u);
  EXPECT_EQ(l.percentile(50), 1u);    // rank 10
  EXPECT_EQ(l.percentile(90), 70u);   // rank 18
  EXPECT_EQ(l.percentile(99), 100u);  // rank 20
  EXPECT_EQ(l.percentile(100), 100u);
  EXPECT_EQ(l.percentile(5), 0u);     // rank 1
  EXPECT_EQ(l.percentile(60), 1u);    // rank 12
  EXPECT_EQ(l.percentile(65), 8u);    // rank 13
  EXPECT_EQ(l.max(), 100u);
}

TEST(TraceSummary, LatenciesBeyondTheDenseRangeCount) {
  LatencyCounts l;
  for (std::uint32_t v : {5u, 70'000u, 70'000u, 1'000'000u}) l.add(v);
  EXPECT_EQ(l.percentile(50), 70'000u);
  EXPECT_EQ(l.percentile(100), 1'000'000u);
  EXPECT_EQ(l.count_between(0, 70'000), 3u);
}

TEST(TraceSummary, GroupsByPageSizeAsidAndHart) {
  const Summary s = summarise();
  ASSERT_EQ(s.by_page_size.size(), 3u);
  EXPECT_EQ(s.by_page_size.at(12).translations, 16u);
  EXPECT_EQ(s.by_page_size.at(21).translations, 2u);
  EXPECT_EQ(s.by_page_size.at(21).walks, 2u);
  EXPECT_DOUBLE_EQ(s.by_page_size.at(21).avg_latency(), 75.0);
  EXPECT_EQ(s.by_page_size.at(0).faults, 2u);
  EXPECT_EQ(s.by_asid.at(1).translations, 10u);
  EXPECT_EQ(s.by_asid.at(1).l1_hits, 6u);
  EXPECT_EQ(s.by_asid.at(1).l2_hits, 2u);
  EXPECT_EQ(s.by_asid.at(1).walks, 2u);
  EXPECT_DOUBLE_EQ(s.by_asid.at(1).avg_latency(), (6 + 16 + 100 + 60) / 10.0);
  EXPECT_EQ(s.by_asid.at(2).walks, 3u);
  EXPECT_EQ(s.by_asid.at(2).faults, 2u);
  EXPECT_EQ(s.by_hart.at(1).latency_sum, 5u + 9 + 70 + 80 + 50 + 0);
}

TEST(TraceSummary, TopPagesByWalks) {
  const Summary s = summarise();
  ASSERT_EQ(s.top_pages.size(), 4u);
  EXPECT_EQ(s.top_pages[0].asid, 2u);
  EXPECT_EQ(s.top_pages[0].page_va, 0x20'0000u);  // both 2 MiB walks
  EXPECT_EQ(s.top_pages[0].page_size_log2, 21u);
  EXPECT_EQ(s.top_pages[0].walks, 2u);
  EXPECT_EQ(s.top_pages[1].page_va, 0x4000'5000u);  // ASID 1 before ASID 2, then by VA
  EXPECT_EQ(s.top_pages[2].page_va, 0x4000'6000u);
  EXPECT_EQ(s.top_pages[3].page_va, 0x5555'0000u);  // the fault: no leaf, counted as 4 KiB
  SummaryBuilder b;
  for (const TranslationRecord& r : testing::hand_built_trace()) b.add(r);
  EXPECT_EQ(b.finish(1).top_pages.size(), 1u);
}

TEST(TraceSummary, FilteredSummary) {
  TraceFilter f;
  f.hart = 0;
  const Summary s = summarise(&f);
  EXPECT_EQ(s.translations, 10u);
  EXPECT_DOUBLE_EQ(s.l1_hit_rate, 0.6);
  EXPECT_DOUBLE_EQ(s.l2_hit_rate, 0.5);
  EXPECT_EQ(s.latency.percentile(50), 1u);
  EXPECT_EQ(s.latency.percentile(90), 60u);
}

TEST(TraceSummary, PrintedTextHasTheNumbers) {
  const std::string text = format_summary(summarise(), FileHeader{{}, 1, kHeaderSize, 88, 0, 500, 2, 0, 0}, "t.bin");
  for (const char* want : {"translations 20", "L1 TLB hit rate 57.89 % (11 of 19 lookups)",
                           "L2 TLB hit rate 37.50 % (3 of 8 lookups)",
                           "latency cycles: avg 19.80  p50 1  p90 70  p99 100  max 100",
                           "0x0000000000200000    2M          2", "cause  13            1"})
    EXPECT_NE(text.find(want), std::string::npos) << want << "\n" << text;
}

TEST(TraceHistogram, EqualWidthAndLog2Bins) {
  const LatencyCounts& l = summarise().latency;
  const std::string lin = format_histogram(l, 4, false);  // width 26: 0..25 holds 0, 1×11, 8, 8, 9
  EXPECT_NE(lin.find("         0..25                  15   75.00% " + std::string(50, '#')), std::string::npos) << lin;
  EXPECT_NE(lin.find("        78..100                  2   10.00% " + std::string(7, '#') + "\n"), std::string::npos) << lin;
  const std::string lg = format_histogram(l, 0, true);
  EXPECT_NE(lg.find("         0..0                    1    5.00%"), std::string::npos) << lg;
  EXPECT_NE(lg.find("        64..127                  3   15.00%"), std::string::npos) << lg;
  EXPECT_EQ(format_histogram(LatencyCounts{}, 10, false), "no translations\n");
}

}  // namespace
}  // namespace memvp::trace
