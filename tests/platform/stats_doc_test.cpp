// docs/stats.md is held to the names the blocks declare: every statistic of a functional, a
// DDR4-with-caches and a NUMA-with-caches platform (the first with a disk) must be listed under "Every name", every name
// listed there must be produced by one of them (the last with shadow TLBs), and every statistic carries a description.
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "mmu/tlb_geometry.h"
#include "platforms/platform.h"
#include "platforms/stats.h"
#include "sc_test.h"

namespace memvp {
namespace {

// Whether the digits at key[i] number an instance: a whole key or its start (a histogram bin,
// "0to1"), after an instance word ("hart0", "ch0", "to_node1"), or after "<digits>_" ("link0_1").
// The digits of a fixed name ("l2_tlb", "l1_hit") are kept.
bool numbers_instance(const std::string& key, std::size_t i) {
  if (i == 0) return true;
  if (key[i - 1] == '_') return i >= 2 && std::isdigit(static_cast<unsigned char>(key[i - 2]));
  std::size_t word = i;
  while (word > 0 && std::isalpha(static_cast<unsigned char>(key[word - 1]))) --word;
  static const std::set<std::string> kWords = {"hart", "node", "ch", "ra", "bg", "ba", "link", "to"};
  return kWords.count(key.substr(word, i - word)) != 0;
}

// A name as docs/stats.md lists it: each instance number in a key becomes <n>, and an array of
// objects adds "[]" to its key ("harts[].mmu.l2_tlb.hits", "memory.bank.ch<n>.ra<n>...").
std::string generic(const std::string& key) {
  std::string out;
  for (std::size_t i = 0; i < key.size();) {
    if (!std::isdigit(static_cast<unsigned char>(key[i]))) {
      out += key[i++];
      continue;
    }
    const bool instance = numbers_instance(key, i);
    const std::size_t from = i;
    while (i < key.size() && std::isdigit(static_cast<unsigned char>(key[i]))) ++i;
    out += instance ? std::string("<n>") : key.substr(from, i - from);
  }
  return out;
}

void collect(const nlohmann::ordered_json& j, const std::string& path, std::set<std::string>& names) {
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) collect(v, path.empty() ? generic(k) : path + "." + generic(k), names);
  } else if (j.is_array() && !j.empty() && j.front().is_object()) {
    for (const auto& v : j) collect(v, path + "[]", names);
  } else {
    names.insert(path);
  }
}

// The names in the fenced block that follows the "## Every name" heading.
std::set<std::string> documented() {
  std::ifstream in(std::string(MEMVP_SOURCE_DIR) + "/docs/stats.md");
  std::set<std::string> names;
  std::string line;
  bool section = false, block = false;
  while (std::getline(in, line)) {
    if (line.rfind("## ", 0) == 0) section = line == "## Every name";
    if (!section) continue;
    if (line.rfind("```", 0) == 0) {
      if (block) break;
      block = true;
    } else if (block && !line.empty()) {
      names.insert(line);
    }
  }
  return names;
}

// Fails on a statistic with an empty description.
class DescriptionCheck final : public stats::Visitor {
 public:
  void counter(std::string_view n, std::uint64_t, std::string_view d) override { check(n, d); }
  void real(std::string_view n, double, std::string_view d) override { check(n, d); }
  void text(std::string_view n, std::string_view, std::string_view d) override { check(n, d); }
  void counters(std::string_view n, std::span<const std::uint64_t>, std::string_view d) override { check(n, d); }
  void begin_group(std::string_view n, std::string_view d) override { check(n, d); }
  void end_group() override {}
  void begin_list(std::string_view n, std::string_view d) override { check(n, d); }
  void end_list() override {}

 private:
  static void check(std::string_view n, std::string_view d) { EXPECT_FALSE(d.empty()) << "statistic " << n << " has no description"; }
};

class StatsDocTest : public test::SystemCTest {
 protected:
  StatsDocTest() {
    image_.path = "test.elf";
    image_.entry = 0x8000'0000;
    image_.segments.push_back(ElfSegment{PhysAddr(0x8000'0000), 0x8000'0000, {0x6f, 0x00, 0x00, 0x00}, 0x100});
  }

  // The names of a platform built from `toml` (the built-in default when empty) with `sets`.
  // `shadows`: --shadow-tlb geometries attached to every hart's MMU.
  void add_names(const char* name, const std::string& toml, const std::vector<std::string>& sets,
                 const std::vector<std::string>& disks = {}, const std::vector<std::string>& shadows = {}) {
    PlatformConfig cfg = load_platform_config(
        toml.empty() ? std::nullopt : std::optional<std::string>(std::string(MEMVP_SOURCE_DIR) + "/platforms/" + toml), sets);
    add_disk_options(cfg, disks);
    platforms_.push_back(std::make_unique<Platform>(name, cfg, image_, "", console_, run_));
    std::vector<mmu::TlbGeometry> geometries;
    for (const auto& g : shadows) geometries.push_back(mmu::parse_tlb_geometry(g));
    for (std::size_t h = 0; h < platforms_.back()->hart_count() && !geometries.empty(); ++h) {
      platforms_.back()->hart(h).mmu.attach_shadow_tlbs(geometries);
    }
    DescriptionCheck check;
    platforms_.back()->visit_stats(check);
    collect(collect_stats(*platforms_.back(), RunOutcome{}), "", produced_);
  }

  ElfImage image_;
  RunControl run_;
  std::ostringstream console_;
  std::vector<std::unique_ptr<Platform>> platforms_;
  std::set<std::string> produced_;
};

TEST_F(StatsDocTest, EveryStatisticIsDocumentedAndEveryDocumentedNameExists) {
  const std::string disk = ::testing::TempDir() + "stats_doc_disk.img";
  std::ofstream(disk, std::ios::binary) << std::string(4096, '\0');
  add_names("simple", "functional.toml", {"platform.harts=2", "event_port.enable=true"}, {disk + ",snapshot"});
  add_names("ddr4_caches", "ddr4.toml", {"platform.harts=2", "cache.enabled=true"});
  add_names("numa2_caches", "numa2.toml", {"cache.enabled=true"}, {}, {"l2:512x4", "l1d:32x4:fifo"});
  const std::set<std::string> doc = documented();
  ASSERT_FALSE(doc.empty()) << "docs/stats.md has no \"## Every name\" list";
  for (const std::string& n : produced_) EXPECT_TRUE(doc.count(n)) << n << " is not listed in docs/stats.md, \"Every name\"";
  for (const std::string& n : doc) EXPECT_TRUE(produced_.count(n)) << "docs/stats.md lists " << n << ", which no block declares";
}

}  // namespace
}  // namespace memvp
