// `memvp sweep`'s grid: axis parsing, the cross product's order, per-point overrides and
// bootargs, point ids and the input hash that --resume compares.
#include "tools/memvp/sweep_grid.h"

#include <gtest/gtest.h>

#include "common/error.h"

namespace memvp::sweep {
namespace {

TEST(SweepGrid, ParsesAnAxis) {
  const GridAxis axis = parse_grid_axis("mmu.l2_tlb[0].entries=512,1024,1536");
  EXPECT_EQ(axis.key, "mmu.l2_tlb[0].entries");
  EXPECT_EQ(axis.values, (std::vector<std::string>{"512", "1024", "1536"}));
}

TEST(SweepGrid, RejectsMalformedAxes) {
  EXPECT_THROW(parse_grid_axis("mmu.pwc.enabled"), InputError);
  EXPECT_THROW(parse_grid_axis("=1,2"), InputError);
  EXPECT_THROW(parse_grid_axis("a=1,,2"), InputError);
  EXPECT_THROW(parse_grid_axis("a="), InputError);
  EXPECT_THROW(parse_grid_axis("a=1,"), InputError);
}

TEST(SweepGrid, CrossProductInGridOrderLastAxisFastest) {
  const auto points = expand_grid({{"a", {"1", "2"}}, {"b", {"x", "y", "z"}}});
  ASSERT_EQ(points.size(), 6U);
  EXPECT_EQ(describe_point(points[0]), "a=1 b=x");
  EXPECT_EQ(describe_point(points[2]), "a=1 b=z");
  EXPECT_EQ(describe_point(points[3]), "a=2 b=x");
  EXPECT_EQ(describe_point(points[5]), "a=2 b=z");
  for (std::size_t i = 0; i < points.size(); ++i) EXPECT_EQ(points[i].index, i);
}

TEST(SweepGrid, RejectsARepeatedKey) {
  EXPECT_THROW(expand_grid({{"a", {"1"}}, {"a", {"2"}}}), InputError);
}

TEST(SweepGrid, BootAxesEditBootargsOthersAreSets) {
  const GridPoint point = expand_grid({{"cache.enabled", {"true"}}, {"boot.thp", {"never"}}, {"boot.quiet", {"1"}}})[0];
  EXPECT_EQ(point_sets(point), (std::vector<std::string>{"cache.enabled=true"}));
  EXPECT_EQ(point_bootargs({"console=ttyS0", "thp=always", "quiet"}, point),
            (std::vector<std::string>{"console=ttyS0", "thp=never", "quiet=1"}));
  EXPECT_EQ(point_bootargs({}, point), (std::vector<std::string>{"thp=never", "quiet=1"}));
}

TEST(SweepGrid, PointIdsArePadded) {
  GridPoint point;
  point.index = 7;
  EXPECT_EQ(point_id(point, 3), "007");
  point.index = 1234;
  EXPECT_EQ(point_id(point, 2), "1234");
}

TEST(SweepGrid, HashSeparatesItsParts) {
  EXPECT_EQ(hash_inputs({"elf", "toml"}), hash_inputs({"elf", "toml"}));
  EXPECT_NE(hash_inputs({"ab", "c"}), hash_inputs({"a", "bc"}));
  EXPECT_NE(hash_inputs({"elf", "a=1"}), hash_inputs({"elf", "a=2"}));
  EXPECT_EQ(hash_inputs({}).size(), 16U);
}

}  // namespace
}  // namespace memvp::sweep
