// DIR/sweep.json of `memvp sweep`: what --collect reads back is what the sweep wrote (points,
// parameters with unset keys, hashes, the chosen metrics); a missing or foreign file is an
// InputError naming it.
#include "tools/memvp/sweep_manifest.h"

#include <fstream>

#include <gtest/gtest.h>

#include "common/error.h"
#include "tools/memvp/sweep_results.h"

namespace memvp::sweep {
namespace {

namespace fs = std::filesystem;

TEST(SweepManifest, ReadsBackWhatWasWritten) {
  const fs::path dir = fs::path(testing::TempDir()) / "sweep_manifest";
  fs::create_directories(dir);
  Manifest m{{"a", "boot.thp"}, select_metrics("l2_tlb_mpki,ipc"), {}};
  m.points.push_back({{0, {{"a", "1"}, {"boot.thp", ""}}, "g.csv:2"}, "0", {"x=y", "a=1"}, {}, "00000000deadbeef"});
  m.points.push_back({{1, {{"a", "2"}, {"boot.thp", "never"}}, ""}, "1", {"x=y", "a=2"}, {"thp=never"}, "0123456789abcdef"});
  write_manifest(dir, m);
  const Manifest r = read_manifest(dir);
  EXPECT_EQ(r.keys, m.keys);
  EXPECT_EQ(r.metrics, m.metrics);
  ASSERT_EQ(r.points.size(), 2U);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(r.points[i].point.index, m.points[i].point.index);
    EXPECT_EQ(r.points[i].point.params, m.points[i].point.params);
    EXPECT_EQ(r.points[i].point.origin, m.points[i].point.origin);
    EXPECT_EQ(r.points[i].id, m.points[i].id);
    EXPECT_EQ(r.points[i].sets, m.points[i].sets);
    EXPECT_EQ(r.points[i].bootargs, m.points[i].bootargs);
    EXPECT_EQ(r.points[i].hash, m.points[i].hash);
  }
  EXPECT_EQ(point_file(dir, r.points[1], ".json"), dir / "points" / "1.json");
}

TEST(SweepManifest, MissingOrForeignFilesAreNamed) {
  const fs::path dir = fs::path(testing::TempDir()) / "sweep_manifest_bad";
  fs::remove_all(dir);
  fs::create_directories(dir);
  EXPECT_THROW(read_manifest(dir), InputError);
  std::ofstream(dir / "sweep.json") << "{\"version\": 1, \"keys\": []}";
  try {
    read_manifest(dir);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_TRUE(std::string(e.what()).starts_with((dir / "sweep.json").string() + ": not a sweep manifest")) << e.what();
  }
}

}  // namespace
}  // namespace memvp::sweep
