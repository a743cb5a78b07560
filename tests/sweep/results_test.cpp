// results.csv of `memvp sweep`: the metrics computed from a statistics document, empty columns
// where a metric does not apply, the p99 translation latency from the MMU's histogram, --metrics
// selection, RFC 4180 quoting and a failed point's row.
#include "tools/memvp/sweep_results.h"

#include <sstream>

#include <gtest/gtest.h>

#include "common/error.h"
#include "mmu/latency_histogram.h"

namespace memvp::sweep {
namespace {

using nlohmann::json;

json tlb(std::uint64_t misses) { return {{"lookups", 0}, {"hits", 0}, {"misses", misses}}; }

// 100 translations: 90 of 1 cycle, 9 of 40 and one of 300.
json latency_histogram() {
  json h = json::array();
  for (unsigned b = 0; b < mmu::kLatencyBuckets; ++b) h.push_back(0);
  h[1] = 90;
  h[mmu::latency_bucket(40)] = 9;
  h[mmu::latency_bucket(300)] = 1;
  return h;
}

// Two harts, caches, DDR4: every metric has a value.
json two_hart_stats() {
  json hart = {{"cycles", 1000},
               {"mmu",
                {{"walks", 4},
                 {"walk_cycles", 100},
                 {"translations", 100},
                 {"translation_cycles", 750},
                 {"latency_histogram", latency_histogram()},
                 {"l1_itlb", tlb(1)},
                 {"l1_dtlb", tlb(2)},
                 {"l2_tlb", tlb(4)},
                 {"pwc", {{"probes", 8}, {"hits_by_level", {0, 3, 1, 0}}}}}}};
  return {{"sim", {{"cycles", 1000}, {"instret", 2000}, {"host_seconds", 0.5}, {"end_reason", "guest_exit"}}},
          {"harts", {hart, hart}},
          {"memory", {{{"model", "ddr4"}, {"row_hits", 3}, {"row_misses", 0}, {"row_conflicts", 1}}}},
          {"caches",
           {{"hart0", {{"l1i", {{"misses", 2}}}, {"l1d", {{"misses", 4}}}}},
            {"hart1", {{"l1i", {{"misses", 0}}}, {"l1d", {{"misses", 4}}}}},
            {"node0", {{"l2", {{"misses", 1}}}}}}}};
}

std::string value_of(const json& stats, const std::string& column) {
  const auto& columns = metric_columns();
  const auto values = metric_values(stats);
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == column) return values[i];
  }
  ADD_FAILURE() << "no column " << column;
  return {};
}

TEST(SweepResults, MetricsSumHartsAndScalePerKiloInstruction) {
  const json stats = two_hart_stats();
  EXPECT_EQ(value_of(stats, "cycles"), "1000");
  EXPECT_EQ(value_of(stats, "instructions"), "2000");
  EXPECT_EQ(value_of(stats, "ipc"), "2");
  EXPECT_EQ(value_of(stats, "l2_tlb_misses"), "8");
  EXPECT_EQ(value_of(stats, "l2_tlb_mpki"), "4");
  EXPECT_EQ(value_of(stats, "walks"), "8");
  EXPECT_EQ(value_of(stats, "avg_walk_cycles"), "25");
  EXPECT_EQ(value_of(stats, "walk_cycles_share"), "0.1");
  EXPECT_EQ(value_of(stats, "pwc_hit_rate"), "0.5");
  EXPECT_EQ(value_of(stats, "l1i_mpki"), "1");
  EXPECT_EQ(value_of(stats, "l1d_mpki"), "4");
  EXPECT_EQ(value_of(stats, "l2_mpki"), "0.5");
  EXPECT_EQ(value_of(stats, "dram_row_hit_rate"), "0.75");
  EXPECT_EQ(value_of(stats, "host_seconds"), "0.5");
  EXPECT_EQ(value_of(stats, "avg_translation_cycles"), "7.5");
  // Rank 198 of 200 (both harts) lies in 40's bucket, [40, 44): its last latency.
  EXPECT_EQ(value_of(stats, "p99_translation_cycles"), "43");
}

TEST(SweepResults, P99IsExactBelowSixteenCycles) {
  json stats = two_hart_stats();
  for (auto& hart : stats["harts"]) {
    auto& h = hart["mmu"]["latency_histogram"];
    for (auto& n : h) n = 0;
    h[0] = 98;
    h[12] = 2;  // 196 of 0 cycles, 4 of 12 cycles: rank 198 of 200 is 12
  }
  EXPECT_EQ(value_of(stats, "p99_translation_cycles"), "12");
  for (auto& hart : stats["harts"]) hart["mmu"]["latency_histogram"][12] = 0;
  EXPECT_EQ(value_of(stats, "p99_translation_cycles"), "0");
  for (auto& hart : stats["harts"]) hart["mmu"]["latency_histogram"][0] = 0;
  EXPECT_EQ(value_of(stats, "p99_translation_cycles"), "");
}

TEST(SweepResults, MetricsAreSelectedByName) {
  EXPECT_EQ(select_metrics("").size(), metric_columns().size());
  const auto chosen = select_metrics("ipc,l2_tlb_mpki");
  ASSERT_EQ(chosen.size(), 2U);
  EXPECT_EQ(metric_columns()[chosen[0]], "ipc");
  EXPECT_EQ(metric_columns()[chosen[1]], "l2_tlb_mpki");
  EXPECT_THROW(select_metrics("ipc,mips"), InputError);
  EXPECT_THROW(select_metrics("ipc,ipc"), InputError);
  EXPECT_THROW(select_metrics("ipc,"), InputError);

  const GridPoint point = expand_grid({{"a", {"1"}}})[0];
  std::ostringstream csv;
  write_csv_header(csv, {"a"}, chosen);
  write_csv_row(csv, "0", point, {0, two_hart_stats(), ""}, chosen);
  write_csv_row(csv, "1", point, {std::nullopt, std::nullopt, "no results"}, chosen);
  EXPECT_EQ(csv.str(),
            "point,a,exit_status,end_reason,ipc,l2_tlb_mpki,message\n"
            "0,1,0,guest_exit,2,4,\n"
            "1,1,,,,,no results\n");
}

TEST(SweepResults, MetricsThatDoNotApplyAreEmpty) {
  json stats = two_hart_stats();
  stats.erase("caches");
  stats["memory"] = {{{"model", "simple"}, {"accesses", 3}}};
  for (auto& hart : stats["harts"]) hart["mmu"]["pwc"]["probes"] = 0;
  EXPECT_EQ(value_of(stats, "l1d_mpki"), "");
  EXPECT_EQ(value_of(stats, "dram_row_hit_rate"), "");
  EXPECT_EQ(value_of(stats, "pwc_hit_rate"), "");
}

TEST(SweepResults, HeaderAndRowsLineUp) {
  const std::vector<GridAxis> axes{{"mmu.l2_tlb[0].entries", {"512"}}, {"boot.thp", {"never"}}};
  const GridPoint point = expand_grid(axes)[0];
  const auto all = select_metrics("");
  std::ostringstream csv;
  write_csv_header(csv, {"mmu.l2_tlb[0].entries", "boot.thp"}, all);
  write_csv_row(csv, "0", point, {0, two_hart_stats(), ""}, all);
  write_csv_row(csv, "1", point, {4, std::nullopt, "memvp: guest crash, \"trap\""}, all);
  std::istringstream lines(csv.str());
  std::string header, ok, failed;
  std::getline(lines, header);
  std::getline(lines, ok);
  std::getline(lines, failed);
  EXPECT_TRUE(header.starts_with("point,mmu.l2_tlb[0].entries,boot.thp,exit_status,end_reason,cycles,"));
  EXPECT_TRUE(header.ends_with(",host_seconds,avg_translation_cycles,p99_translation_cycles,message"));
  EXPECT_TRUE(ok.starts_with("0,512,never,0,guest_exit,1000,2000,2,"));
  EXPECT_TRUE(failed.starts_with("1,512,never,4,,"));
  EXPECT_TRUE(failed.ends_with(",\"memvp: guest crash, \"\"trap\"\"\""));
  const auto commas = [](const std::string& s) { return std::count(s.begin(), s.end(), ','); };
  EXPECT_EQ(commas(ok), commas(header));
  EXPECT_EQ(commas(failed), commas(header) + 1);  // the quoted message holds one comma
}

TEST(SweepResults, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(csv_field("lru"), "lru");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
}

}  // namespace
}  // namespace memvp::sweep
