// results.csv of `memvp sweep`: the metrics computed from a statistics document, empty columns
// where a metric does not apply, RFC 4180 quoting and a failed point's row.
#include "tools/memvp/sweep_results.h"

#include <sstream>

#include <gtest/gtest.h>

namespace memvp::sweep {
namespace {

using nlohmann::json;

json tlb(std::uint64_t misses) { return {{"lookups", 0}, {"hits", 0}, {"misses", misses}}; }

// Two harts, caches, DDR4: every metric has a value.
json two_hart_stats() {
  json hart = {{"cycles", 1000},
               {"mmu",
                {{"walks", 4},
                 {"walk_cycles", 100},
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
  std::ostringstream csv;
  write_csv_header(csv, axes);
  write_csv_row(csv, "0", point, {0, two_hart_stats(), ""});
  write_csv_row(csv, "1", point, {4, std::nullopt, "memvp: guest crash, \"trap\""});
  std::istringstream lines(csv.str());
  std::string header, ok, failed;
  std::getline(lines, header);
  std::getline(lines, ok);
  std::getline(lines, failed);
  EXPECT_TRUE(header.starts_with("point,mmu.l2_tlb[0].entries,boot.thp,exit_status,end_reason,cycles,"));
  EXPECT_TRUE(header.ends_with(",host_seconds,message"));
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
