// The [mmu] table: TLB levels as arrays of tables, --set into their elements (including the
// default ones), names of replacement policies and page sizes, and the MMU block's validation.
#include "common/config/config_reader.h"
#include "mmu/mmu_schema.h"

#include <gtest/gtest.h>

namespace memvp {
namespace {

mmu::MmuConfig read(const std::string& text, const std::vector<std::string>& sets = {}) {
  ConfigReader r = ConfigReader::from_string(text, "mmu.toml");
  mmu::MmuConfig cfg;
  mmu::mmu_keys().seed(r, "mmu", cfg);
  for (const auto& s : sets) r.set(s);
  mmu::mmu_keys().read(r, "mmu", cfg);
  r.finish();
  return cfg;
}

std::string error_of(const std::string& text, const std::vector<std::string>& sets = {}) {
  try {
    read(text, sets);
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "no error for: " << text;
  return {};
}

TEST(MmuConfigReader, AnEmptyFileKeepsTheDefaults) {
  const mmu::MmuConfig def;
  const mmu::MmuConfig c = read("");
  ASSERT_EQ(c.l1_dtlb.arrays.size(), def.l1_dtlb.arrays.size());
  for (std::size_t i = 0; i < def.l1_dtlb.arrays.size(); ++i) {
    EXPECT_EQ(c.l1_dtlb.arrays[i].entries, def.l1_dtlb.arrays[i].entries);
    EXPECT_EQ(c.l1_dtlb.arrays[i].ways, def.l1_dtlb.arrays[i].ways);
    EXPECT_EQ(c.l1_dtlb.arrays[i].page_sizes, def.l1_dtlb.arrays[i].page_sizes);
  }
  EXPECT_EQ(c.l2_tlb.arrays[0].page_sizes, def.l2_tlb.arrays[0].page_sizes);
  EXPECT_EQ(c.l2_tlb.arrays[0].latency_cycles, def.l2_tlb.arrays[0].latency_cycles);
  EXPECT_EQ(c.pwc.entries, def.pwc.entries);
}

TEST(MmuConfigReader, ReadsLevelsAsArraysOfTables) {
  const mmu::MmuConfig c = read(R"(
[mmu]
asid_enabled = false
hardware_ad_update = false
walk_step_cycles = 2
[mmu.pwc]
entries = [0, 16, 8, 0]
[[mmu.l1_dtlb]]
entries = 32
ways = 32
replacement = "tree_plru"
page_sizes = ["4K", "2M"]
latency_cycles = 1
)");
  ASSERT_EQ(c.l1_dtlb.arrays.size(), 1u);
  const auto& t = c.l1_dtlb.arrays[0];
  EXPECT_EQ(t.entries, 32u);
  EXPECT_EQ(t.ways, 32u);
  EXPECT_EQ(t.replacement, mmu::ReplacementKind::TreePlru);
  EXPECT_EQ(t.page_sizes, (mmu::PageSizeSet{mmu::PageSize::k4K, mmu::PageSize::k2M}));
  EXPECT_EQ(t.latency_cycles, 1u);
  EXPECT_FALSE(c.asid_enabled);
  EXPECT_FALSE(c.hardware_ad_update);
  EXPECT_EQ(c.walk_step_cycles, 2u);
  EXPECT_EQ(c.pwc.entries[1], 16u);
  EXPECT_EQ(c.l1_itlb.arrays[0].entries, 128u);  // untouched level keeps its default
}

TEST(MmuConfigReader, SetReachesElementsOfDefaultAndFileLevels) {
  const mmu::MmuConfig c = read("[[mmu.l2_tlb]]\nentries = 512\nways = 8\npage_sizes = [\"4K\"]\n",
                                {"mmu.l1_dtlb[0].entries=128", "mmu.l1_dtlb[0].ways=8", "mmu.l2_tlb[0].ways=16",
                                 "mmu.l1_itlb[0].replacement=fifo"});
  EXPECT_EQ(c.l1_dtlb.arrays[0].entries, 128u);
  EXPECT_EQ(c.l1_dtlb.arrays[0].ways, 8u);
  EXPECT_EQ(c.l1_dtlb.arrays.size(), 3u);
  EXPECT_EQ(c.l2_tlb.arrays.size(), 1u);
  EXPECT_EQ(c.l2_tlb.arrays[0].ways, 16u);
  EXPECT_EQ(c.l1_itlb.arrays[0].replacement, mmu::ReplacementKind::Fifo);
}

TEST(MmuConfigReader, ErrorsNameTheElement) {
  EXPECT_EQ(error_of("[[mmu.l1_dtlb]]\nentries = 64\nwayz = 4\n"), "mmu.toml:3: mmu.l1_dtlb[0].wayz: unknown key");
  EXPECT_EQ(error_of("[[mmu.l1_dtlb]]\nreplacement = \"mru\"\n"),
            "mmu.toml:2: mmu.l1_dtlb[0].replacement: \"mru\" is not one of \"lru\", \"tree_plru\", \"fifo\", \"random\"");
  EXPECT_EQ(error_of("[[mmu.l1_dtlb]]\npage_sizes = [\"4K\", \"16K\"]\n"),
            "mmu.toml:2: mmu.l1_dtlb[0].page_sizes: \"16K\" is not one of \"4K\", \"2M\", \"1G\", \"512G\"");
  EXPECT_EQ(error_of("[mmu]\nl1_dtlb = 3\n"),
            "mmu.toml:2: mmu.l1_dtlb: expected an array of tables ([[mmu.l1_dtlb]]), got an integer");
  EXPECT_EQ(error_of("[mmu.pwc]\nentries = [1, 2]\n"),
            "mmu.toml:2: mmu.pwc.entries: expected 4 counts (one per page-table level, level 0 first), got 2");
  EXPECT_EQ(error_of("", {"mmu.l1_dtlb[7].entries=1"}), "--set mmu.l1_dtlb[7].entries=1: l1_dtlb has no element 7");
  EXPECT_EQ(error_of("", {"mmu.l1_dtlb[x].entries=1"}),
            "--set mmu.l1_dtlb[x].entries=1: \"mmu.l1_dtlb[x].entries\" is not a key of the form section.key or section.array[i].key");
  EXPECT_EQ(error_of("", {"mmu.l1_dtlb=3"}), "--set mmu.l1_dtlb=3: mmu.l1_dtlb is a table, not a value");
}

TEST(MmuConfigReader, TheMmuBlockValidatesGeometry) {
  EXPECT_EQ(error_of("[[mmu.l1_dtlb]]\nentries = 64\nways = 3\n"),
            "mmu.toml:3: mmu.l1_dtlb[0].ways: 3 does not divide entries (64)");
}

}  // namespace
}  // namespace memvp
