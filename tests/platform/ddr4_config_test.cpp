// The [memory] model key and the [memory.ddr4] table: platforms/ddr4.toml spells out the DDR4
// defaults, every key reaches its Ddr4Config field, and unknown keys, bad values and the DRAM
// block's own validation are one-line errors naming the file, line and key.
#include "common/config/config_reader.h"
#include "platforms/platform_config.h"

#include <gtest/gtest.h>

namespace memvp {
namespace {

PlatformConfig parse(const std::string& text, const std::vector<std::string>& sets = {}) {
  return load_platform_config(ConfigReader::from_string(text, "test.toml"), sets);
}

std::string error_of(const std::string& text, const std::vector<std::string>& sets = {}) {
  try {
    parse(text, sets);
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << "not one line: " << e.what();
    return e.what();
  }
  ADD_FAILURE() << "no error for: " << text;
  return {};
}

constexpr const char* kDdr4 = "[memory]\nmodel = \"ddr4\"\n[memory.ddr4]\n";

TEST(Ddr4Config, ModelNamesBothModels) {
  EXPECT_EQ(parse("").memory.model, MemoryModel::Ddr4);  // the default platform's
  EXPECT_EQ(parse("[memory]\nmodel = \"simple\"\n").memory.model, MemoryModel::Simple);
  EXPECT_EQ(parse(kDdr4).memory.model, MemoryModel::Ddr4);
  EXPECT_EQ(parse("", {"memory.model=simple"}).memory.model, MemoryModel::Simple);
  EXPECT_EQ(parse("", {"memory.model=ddr4"}).memory.model, MemoryModel::Ddr4);
  EXPECT_EQ(error_of("[memory]\nmodel = \"ddr5\"\n"),
            "test.toml:2: memory.model: \"ddr5\" is not one of \"simple\", \"ddr4\"");
  EXPECT_STREQ(to_string(MemoryModel::Ddr4), "ddr4");
}

TEST(Ddr4Config, Ddr4TomlSpellsOutTheBuiltInDefaults) {
  const PlatformConfig p = load_platform_config(std::string(MEMVP_SOURCE_DIR "/platforms/ddr4.toml"), {});
  EXPECT_EQ(p.memory.model, MemoryModel::Ddr4);
  const Ddr4Config& f = p.memory.ddr4;
  const Ddr4Config d;
  EXPECT_EQ(f.size_bytes, d.size_bytes);
  EXPECT_EQ(p.memory.size_bytes, d.size_bytes);
  const Ddr4Timing &a = f.timing, &b = d.timing;
  EXPECT_EQ(a.tck_ns, b.tck_ns);
  for (auto m : {&Ddr4Timing::burst_length, &Ddr4Timing::tCL, &Ddr4Timing::tCWL, &Ddr4Timing::tRCD,
                 &Ddr4Timing::tRP, &Ddr4Timing::tRAS, &Ddr4Timing::tRC, &Ddr4Timing::tRRD_S, &Ddr4Timing::tRRD_L,
                 &Ddr4Timing::tCCD_S, &Ddr4Timing::tCCD_L, &Ddr4Timing::tFAW, &Ddr4Timing::tWR, &Ddr4Timing::tRTP,
                 &Ddr4Timing::tWTR_S, &Ddr4Timing::tWTR_L, &Ddr4Timing::tRFC, &Ddr4Timing::tREFI,
                 &Ddr4Timing::tRTRS}) {
    EXPECT_EQ(a.*m, b.*m);
  }
  for (auto m : {&Ddr4Organisation::channels, &Ddr4Organisation::ranks, &Ddr4Organisation::bank_groups,
                 &Ddr4Organisation::banks_per_group, &Ddr4Organisation::rows, &Ddr4Organisation::columns,
                 &Ddr4Organisation::bus_width_bits}) {
    EXPECT_EQ(f.org.*m, d.org.*m);
  }
  for (auto m : {&Ddr4Config::read_queue_depth, &Ddr4Config::write_queue_depth, &Ddr4Config::write_high_watermark,
                 &Ddr4Config::write_low_watermark, &Ddr4Config::starvation_cap, &Ddr4Config::frontend_latency,
                 &Ddr4Config::backend_latency, &Ddr4Config::latency_histogram_bin,
                 &Ddr4Config::latency_histogram_bins}) {
    EXPECT_EQ(f.*m, d.*m);
  }
  EXPECT_EQ(f.address_mapping, d.address_mapping);
  EXPECT_EQ(f.xor_bank_bits, d.xor_bank_bits);
  EXPECT_EQ(f.page_policy, d.page_policy);
  EXPECT_EQ(f.scheduler, d.scheduler);
  EXPECT_EQ(f.refresh, d.refresh);
  EXPECT_EQ(f.posted_writes, d.posted_writes);
  EXPECT_FALSE(f.sync_to_arrival);
}

TEST(Ddr4Config, EveryKeyReachesItsField) {
  const PlatformConfig p = parse(std::string(kDdr4) + R"(
tck_ns = 0.75
burst_length = 4
tCL = 20
tCWL = 14
tRCD = 21
tRP = 23
tRAS = 40
tRC = 63
tRRD_S = 5
tRRD_L = 9
tCCD_S = 5
tCCD_L = 7
tFAW = 30
tWR = 20
tRTP = 10
tWTR_S = 3
tWTR_L = 11
tRFC = 400
tREFI = 10000
tRTRS = 3
channels = 2
ranks = 2
bank_groups = 2
banks_per_group = 8
rows = 32768
columns = 2048
bus_width_bits = 32
address_mapping = "RoRaBgBaCoCh"
xor_bank_bits = true
page_policy = "closed"
scheduler = "fcfs"
read_queue_depth = 16
write_queue_depth = 20
write_high_watermark = 12
write_low_watermark = 4
starvation_cap = 5
refresh = false
posted_writes = false
frontend_latency = 6
backend_latency = 7
latency_histogram_bin = 4
latency_histogram_bins = 32
)",
                                 {"memory.size=64MiB"});
  const Ddr4Config& c = p.memory.ddr4;
  EXPECT_EQ(c.size_bytes, 64ULL << 20);
  EXPECT_EQ(c.timing.tck_ns, 0.75);
  const std::uint32_t timings[] = {c.timing.burst_length, c.timing.tCL, c.timing.tCWL, c.timing.tRCD,
                                   c.timing.tRP, c.timing.tRAS, c.timing.tRC, c.timing.tRRD_S,
                                   c.timing.tRRD_L, c.timing.tCCD_S, c.timing.tCCD_L, c.timing.tFAW,
                                   c.timing.tWR, c.timing.tRTP, c.timing.tWTR_S, c.timing.tWTR_L,
                                   c.timing.tRFC, c.timing.tREFI, c.timing.tRTRS};
  const std::uint32_t want_timings[] = {4, 20, 14, 21, 23, 40, 63, 5, 9, 5, 7, 30, 20, 10, 3, 11, 400, 10000, 3};
  for (std::size_t i = 0; i < std::size(timings); ++i) EXPECT_EQ(timings[i], want_timings[i]) << "timing " << i;
  EXPECT_EQ(c.org.channels, 2u);
  EXPECT_EQ(c.org.ranks, 2u);
  EXPECT_EQ(c.org.bank_groups, 2u);
  EXPECT_EQ(c.org.banks_per_group, 8u);
  EXPECT_EQ(c.org.rows, 32768u);
  EXPECT_EQ(c.org.columns, 2048u);
  EXPECT_EQ(c.org.bus_width_bits, 32u);
  EXPECT_EQ(c.address_mapping, "RoRaBgBaCoCh");
  EXPECT_TRUE(c.xor_bank_bits);
  EXPECT_EQ(c.page_policy, PagePolicyKind::Closed);
  EXPECT_EQ(c.scheduler, SchedulerKind::Fcfs);
  EXPECT_EQ(c.read_queue_depth, 16u);
  EXPECT_EQ(c.write_queue_depth, 20u);
  EXPECT_EQ(c.write_high_watermark, 12u);
  EXPECT_EQ(c.write_low_watermark, 4u);
  EXPECT_EQ(c.starvation_cap, 5u);
  EXPECT_FALSE(c.refresh);
  EXPECT_FALSE(c.posted_writes);
  EXPECT_EQ(c.frontend_latency, 6u);
  EXPECT_EQ(c.backend_latency, 7u);
  EXPECT_EQ(c.latency_histogram_bin, 4u);
  EXPECT_EQ(c.latency_histogram_bins, 32u);
}

TEST(Ddr4Config, SetReachesTheTable) {
  const PlatformConfig p = parse(kDdr4, {"memory.ddr4.tCL=24", "memory.ddr4.scheduler=fcfs"});
  EXPECT_EQ(p.memory.ddr4.timing.tCL, 24u);
  EXPECT_EQ(p.memory.ddr4.scheduler, SchedulerKind::Fcfs);
  EXPECT_EQ(error_of(kDdr4, {"memory.ddr4.tCK=1"}), "--set memory.ddr4.tCK=1: memory.ddr4.tCK: unknown key");
}

TEST(Ddr4Config, UnknownKeysAndBadValuesAreOneLine) {
  const std::string t = kDdr4;  // the table's keys start on line 4
  EXPECT_EQ(error_of(t + "tCAS = 22\n"), "test.toml:4: memory.ddr4.tCAS: unknown key");
  EXPECT_EQ(error_of(t + "sync_to_arrival = true\n"), "test.toml:4: memory.ddr4.sync_to_arrival: unknown key");
  EXPECT_EQ(error_of(t + "tCL = 0\n"), "test.toml:4: memory.ddr4.tCL: 0 is out of range [1, 1000000]");
  EXPECT_EQ(error_of(t + "tRCD = \"22\"\n"), "test.toml:4: memory.ddr4.tRCD: expected a non-negative integer, got a string");
  EXPECT_EQ(error_of(t + "banks_per_group = 3\n"), "test.toml:4: memory.ddr4.banks_per_group: 3 is not a power of two");
  EXPECT_EQ(error_of(t + "page_policy = \"opened\"\n"),
            "test.toml:4: memory.ddr4.page_policy: \"opened\" is not one of \"open\", \"closed\"");
  EXPECT_EQ(error_of(t + "scheduler = \"frfcfs\"\n"),
            "test.toml:4: memory.ddr4.scheduler: \"frfcfs\" is not one of \"fr-fcfs\", \"fcfs\"");
  EXPECT_EQ(error_of(t + "refresh = 1\n"), "test.toml:4: memory.ddr4.refresh: expected true or false, got an integer");
}

TEST(Ddr4Config, TheBlocksValidationBlamesTheKeyItNames) {
  const std::string t = kDdr4;
  EXPECT_EQ(error_of(t + "tRAS = 80\n"), "test.toml: memory.ddr4.tRC: must be at least tRAS");
  EXPECT_EQ(error_of(t + "tRC = 50\n"), "test.toml:4: memory.ddr4.tRC: must be at least tRAS");
  EXPECT_EQ(error_of(t + "burst_length = 6\n"), "test.toml:4: memory.ddr4.burst_length: must be 4 or 8");
  EXPECT_EQ(error_of(t + "write_low_watermark = 30\n"),
            "test.toml:4: memory.ddr4.write_low_watermark: must be below write_high_watermark");
  EXPECT_EQ(error_of(t + "address_mapping = \"RoBgBaCoCh\"\n"),
            "test.toml:4: memory.ddr4.address_mapping: \"RoBgBaCoCh\" must name each of Ro Ra Bg Ba Co Ch exactly once");
  // 16 banks x 512 rows x 8 KiB = 64 MiB < 128 MiB.
  EXPECT_EQ(error_of(t + "rows = 512\n"), "test.toml: memory.size: exceeds the capacity of the DRAM organisation");
  EXPECT_EQ(error_of("[memory]\nsize = \"256MiB\"\nmodel = \"ddr4\"\n[memory.ddr4]\nrows = 1024\n"),
            "test.toml:2: memory.size: exceeds the capacity of the DRAM organisation");
}

TEST(Ddr4Config, TheSimpleModelIgnoresTheTablesValuesButNotItsKeys) {
  constexpr const char* kSimple = "[memory]\nmodel = \"simple\"\n";
  EXPECT_EQ(parse(std::string(kSimple) + "[memory.ddr4]\nrows = 512\n").memory.ddr4.org.rows, 512u);
  EXPECT_EQ(error_of("[memory.ddr4]\nrow = 512\n"), "test.toml:2: memory.ddr4.row: unknown key");
}

}  // namespace
}  // namespace memvp
