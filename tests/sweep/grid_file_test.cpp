// `memvp sweep --grid-file`: TOML [[point]] tables and CSV rows become points with a value (or
// "" for unset) per key, crossed with --grid axes; malformed files name their line.
#include "tools/memvp/sweep_grid_file.h"

#include <gtest/gtest.h>

#include "common/error.h"

namespace memvp::sweep {
namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

TEST(SweepGridFile, TomlPointsFlattenNestedKeys) {
  const Design d = parse_grid_toml(R"([[point]]
"mmu.l2_tlb[0].entries" = 512
"mmu.l2_tlb[0].ways" = 4

[[point]]
"mmu.l2_tlb[0].entries" = 1536
mmu.pwc.enabled = false
)",
                                   "g.toml");
  EXPECT_EQ(d.keys, (std::vector<std::string>{"mmu.l2_tlb[0].entries", "mmu.l2_tlb[0].ways", "mmu.pwc.enabled"}));
  ASSERT_EQ(d.points.size(), 2U);
  EXPECT_EQ(d.points[0].params, (Params{{"mmu.l2_tlb[0].entries", "512"}, {"mmu.l2_tlb[0].ways", "4"}, {"mmu.pwc.enabled", ""}}));
  EXPECT_EQ(d.points[1].params,
            (Params{{"mmu.l2_tlb[0].entries", "1536"}, {"mmu.l2_tlb[0].ways", ""}, {"mmu.pwc.enabled", "false"}}));
  EXPECT_EQ(d.points[1].origin, "g.toml:5");
  EXPECT_EQ(point_sets(d.points[1]), (std::vector<std::string>{"mmu.l2_tlb[0].entries=1536", "mmu.pwc.enabled=false"}));
  EXPECT_EQ(describe_point(d.points[0]), "mmu.l2_tlb[0].entries=512 mmu.l2_tlb[0].ways=4");
}

TEST(SweepGridFile, TomlRejectsWhatIsNotAPoint) {
  EXPECT_THROW(parse_grid_toml("a = 1\n", "g.toml"), InputError);
  EXPECT_THROW(parse_grid_toml("", "g.toml"), InputError);
  EXPECT_THROW(parse_grid_toml("[[point]]\na = [1, 2]\n", "g.toml"), InputError);
  EXPECT_THROW(parse_grid_toml("[[point]]\na = \"\"\n", "g.toml"), InputError);
  try {
    parse_grid_toml("[[point]]\na = 1\n[[point]]\nb = \n", "g.toml");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_TRUE(std::string(e.what()).starts_with("g.toml:4:")) << e.what();
  }
}

TEST(SweepGridFile, CsvRowsUnderAHeader) {
  const Design d = parse_grid_csv("# irregular L2 TLBs\nmmu.l2_tlb[0].entries, boot.thp\n512,never\r\n\n\"1536\",\n", "g.csv");
  EXPECT_EQ(d.keys, (std::vector<std::string>{"mmu.l2_tlb[0].entries", "boot.thp"}));
  ASSERT_EQ(d.points.size(), 2U);
  EXPECT_EQ(d.points[0].params, (Params{{"mmu.l2_tlb[0].entries", "512"}, {"boot.thp", "never"}}));
  EXPECT_EQ(d.points[1].params, (Params{{"mmu.l2_tlb[0].entries", "1536"}, {"boot.thp", ""}}));
  EXPECT_EQ(d.points[1].origin, "g.csv:5");
  EXPECT_EQ(point_bootargs({"thp=always"}, d.points[1]), (std::vector<std::string>{"thp=always"}));
}

TEST(SweepGridFile, CsvRejectsRaggedRowsAndBadHeaders) {
  try {
    parse_grid_csv("a,b\n1,2\n3\n", "g.csv");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "g.csv:3: 1 fields, the header has 2");
  }
  EXPECT_THROW(parse_grid_csv("a,a\n1,2\n", "g.csv"), InputError);
  EXPECT_THROW(parse_grid_csv("a,\n1,2\n", "g.csv"), InputError);
  EXPECT_THROW(parse_grid_csv("a\n", "g.csv"), InputError);
  EXPECT_THROW(parse_grid_csv("a\n\"1\n", "g.csv"), InputError);
  EXPECT_THROW(read_grid_file("points.json"), InputError);
}

TEST(SweepGridFile, FilePointsCrossTheGridAxes) {
  const Design file = parse_grid_csv("a,b\n1,x\n2,\n", "g.csv");
  const Design d = make_design(&file, {{"c", {"p", "q"}}});
  EXPECT_EQ(d.keys, (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_EQ(d.points.size(), 4U);
  EXPECT_EQ(describe_point(d.points[1]), "a=1 b=x c=q");
  EXPECT_EQ(describe_point(d.points[2]), "a=2 c=p");
  EXPECT_EQ(d.points[3].index, 3U);
  EXPECT_EQ(d.points[3].origin, "g.csv:3");
  EXPECT_EQ(make_design(&file, {}).points.size(), 2U);
  EXPECT_EQ(make_design(nullptr, {{"c", {"p", "q"}}}).points.size(), 2U);
  EXPECT_THROW(make_design(&file, {{"a", {"3"}}}), InputError);
}

}  // namespace
}  // namespace memvp::sweep
