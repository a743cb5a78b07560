// Platform files: the schema's defaults, types, ranges, enum names, --set overrides and the
// unknown-key sweep, each failure being one line that names where, which key and what.
#include "common/config/config_reader.h"
#include "common/config/key_table.h"
#include "platforms/dtb.h"
#include "platforms/platform_config.h"

#include <map>
#include <sstream>

#include <gtest/gtest.h>

namespace memvp {
namespace {

PlatformConfig parse(const std::string& text, const std::vector<std::string>& sets = {}) {
  return load_platform_config(ConfigReader::from_string(text, "test.toml"), sets);
}

// The InputError message for `text` with `sets`; fails the test when there is none.
std::string error_of(const std::string& text, const std::vector<std::string>& sets = {}) {
  try {
    parse(text, sets);
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_EQ(msg.find('\n'), std::string::npos) << "not one line: " << msg;
    return msg;
  }
  ADD_FAILURE() << "no error for: " << text;
  return {};
}

// [numa]: nodes contiguous from memory.base, keys read as docs/interconnect.md lists them, every
// problem one line naming its key.
constexpr const char* kNuma2 = R"(
[platform]
harts = 4
[memory]
size = "128MiB"
[numa]
topology = "full"
hop_latency_cycles = 54
link_bandwidth_gbps = 10
[[numa.nodes]]
size = "64MiB"
harts = [0, 1]
[[numa.nodes]]
size = "64MiB"
harts = [2, 3]
)";

// Every value of a TOML table by its full key ("cache.l1d.ways", "mmu.l1_dtlb[1].entries"), as
// TOML text; keys under `only` ("" for all) and not under `skip`.
std::map<std::string, std::string> flatten(const toml::table& t, const std::string& only = "",
                                           const std::string& skip = "-", const std::string& prefix = "") {
  std::map<std::string, std::string> out;
  for (const auto& [k, node] : t) {
    const std::string key = join_key(prefix, std::string(k.str()));
    std::vector<std::pair<std::string, const toml::table*>> tables;
    if (const toml::table* sub = node.as_table()) tables.emplace_back(key, sub);
    if (node.is_array_of_tables()) {
      for (std::size_t i = 0; i < node.as_array()->size(); ++i) {
        tables.emplace_back(fmt::format("{}[{}]", key, i), node.as_array()->get(i)->as_table());
      }
    }
    for (const auto& [sub_key, sub] : tables) out.merge(flatten(*sub, only, skip, sub_key));
    const bool wanted = key.rfind(only, 0) == 0 && key.rfind(skip, 0) != 0;
    if (tables.empty() && wanted) {
      std::ostringstream text;
      node.visit([&](const auto& v) { text << v; });
      out[key] = text.str();
    }
  }
  return out;
}

// `file` spells out the schema's keys under `only` (but not under `skip`): it names every one
// of them and no other, and each reads as the built-in default.
void expect_file_spells_out_defaults(const std::string& file, const std::string& only, const std::string& skip) {
  const auto written = flatten(toml::parse_file(file), only, skip);
  const auto defaults = flatten(platform_keys().write(PlatformConfig{}), only, skip);
  const auto read = flatten(platform_keys().write(load_platform_config(file, {})), only, skip);
  for (const auto& [key, value] : defaults) {
    EXPECT_TRUE(written.contains(key)) << file << " does not give " << key << " (default " << value << ")";
    EXPECT_EQ(read.at(key), value) << file << " gives " << key << " a value other than its default";
  }
  for (const auto& [key, value] : written) EXPECT_TRUE(defaults.contains(key)) << file << ": " << key << " is not a key";
  EXPECT_FALSE(defaults.empty());
}

// The defaults are written once, in the blocks' config structs: platforms/default.toml gives
// every key of the schema at its default except [memory.ddr4], which platforms/ddr4.toml gives,
// and [numa], whose presence makes a machine NUMA (numa2.toml and numa4.toml are examples).
TEST(PlatformConfig, DefaultTomlSpellsOutEveryKeyOfTheSchema) {
  const std::string dir = MEMVP_SOURCE_DIR "/platforms/";
  expect_file_spells_out_defaults(dir + "default.toml", "", "memory.ddr4.");
  expect_file_spells_out_defaults(dir + "ddr4.toml", "memory.ddr4.", "-");
  EXPECT_FALSE(flatten(platform_keys().write(PlatformConfig{})).contains("numa.topology"));
  EXPECT_TRUE(flatten(platform_keys().write(parse(kNuma2))).contains("numa.topology"));
  const PlatformConfig file = load_platform_config(dir + "default.toml", {});
  EXPECT_EQ(build_dtb(file, "x"), build_dtb(load_platform_config(std::nullopt, {}), "x"));
}

TEST(PlatformConfig, MmuKeysReachTheHartConfig) {
  const PlatformConfig p = parse("[mmu]\nasid_enabled = false\n", {"mmu.l1_dtlb[1].entries=64"});
  EXPECT_FALSE(p.core.mmu.asid_enabled);
  EXPECT_EQ(p.core.mmu.l1_dtlb.arrays[1].entries, 64u);
  EXPECT_EQ(error_of("[mmu]\nasids = 1\n"), "test.toml:2: mmu.asids: unknown key");
}

TEST(PlatformConfig, ReadsEveryKindOfValue) {
  const PlatformConfig p = parse(R"(
[platform]
harts = 4
[core]
clock_hz = 2_000_000_000
timebase_hz = 1e6
[core.branch_predictor]
kind = "gshare"
[memory]
base = 0x1_0000_0000
size = "1GiB"
[uart]
base = 0x1100_0000
)");
  EXPECT_EQ(p.harts, 4u);
  EXPECT_EQ(p.clint.harts, 4u);
  EXPECT_EQ(p.core.clock_hz, 2e9);
  EXPECT_EQ(p.bus.clock_hz, 2e9);
  EXPECT_EQ(p.memory.simple.clock_hz, 2e9);
  EXPECT_EQ(p.core.timebase_hz, 1'000'000u);
  EXPECT_EQ(p.clint.timebase_hz, 1'000'000u);
  EXPECT_EQ(p.core.branch_predictor.kind, BranchPredictorKind::Gshare);
  EXPECT_EQ(p.memory.base, PhysAddr(0x1'0000'0000));
  EXPECT_EQ(p.memory.size_bytes, 1ULL << 30);
  EXPECT_EQ(p.uart.base, PhysAddr(0x1100'0000));
}

TEST(PlatformConfig, SetOverridesParseTomlValuesOrBareStrings) {
  const PlatformConfig p = parse("[core]\nclock_hz = 1e9\n",
                                 {"core.clock_hz=2e9", "memory.model=simple", "memory.size=64MiB",
                                  "core.branch_predictor.kind=static", "platform.name=\"two words\"",
                                  "memory.size=32MiB"});
  EXPECT_EQ(p.core.clock_hz, 2e9);
  EXPECT_EQ(p.memory.size_bytes, 32ULL << 20);  // the last --set wins
  EXPECT_EQ(p.core.branch_predictor.kind, BranchPredictorKind::StaticNotTaken);
  EXPECT_EQ(p.name, "two words");
}

TEST(PlatformConfig, UnknownKeysAndTablesAreRejectedWithTheirLine) {
  EXPECT_EQ(error_of("[core]\nclock_hz = 1e9\nclok_hz = 2\n"), "test.toml:3: core.clok_hz: unknown key");
  EXPECT_EQ(error_of("[cpu]\nclock_hz = 1\n"), "test.toml:1: cpu: unknown key");
  EXPECT_EQ(error_of("[core.branch_predictor]\nkind = \"bimodal\"\nsize = 3\n"),
            "test.toml:3: core.branch_predictor.size: unknown key");
}

TEST(PlatformConfig, WrongTypesNameTheExpectedType) {
  EXPECT_EQ(error_of("[core]\nclock_hz = \"fast\"\n"), "test.toml:2: core.clock_hz: expected a number, got a string");
  EXPECT_EQ(error_of("[platform]\nharts = 1.5\n"),
            "test.toml:2: platform.harts: expected a non-negative integer, got a float");
  EXPECT_EQ(error_of("[platform]\nname = 3\n"), "test.toml:2: platform.name: expected a string, got an integer");
  EXPECT_EQ(error_of("core = 3\n"), "test.toml:1: core: expected a table, got an integer");
  EXPECT_EQ(error_of("[core.clock_hz]\n"), "test.toml:1: core.clock_hz: expected a value, got a table");
}

TEST(PlatformConfig, OutOfRangeValuesGiveTheRange) {
  EXPECT_EQ(error_of("[platform]\nharts = 0\n"), "test.toml:2: platform.harts: 0 is out of range [1, 64]");
  EXPECT_EQ(error_of("[platform]\nharts = -2\n"), "test.toml:2: platform.harts: -2 is negative; expected 1 to 64");
  EXPECT_EQ(error_of("[core]\nclock_hz = 1e3\n"), "test.toml:2: core.clock_hz: 1000 is out of range [1e+06, 1e+11]");
  EXPECT_EQ(error_of("[memory]\nsize = \"128MB\"\n"),
            "test.toml:2: memory.size: \"128MB\" is not a size (an integer, or e.g. \"128MiB\", \"1GiB\")");
  EXPECT_EQ(error_of("[core.branch_predictor]\nentries = 1000\n"),
            "test.toml:2: core.branch_predictor.entries: 1000 is not a power of two");
  EXPECT_EQ(error_of("[memory]\nbase = 0x8000_0800\n"), "test.toml:2: memory.base: 0x80000800 is not aligned to 4 KiB");
}

TEST(PlatformConfig, BadEnumNamesListTheChoices) {
  EXPECT_EQ(error_of("[core.branch_predictor]\nkind = \"perceptron\"\n"),
            "test.toml:2: core.branch_predictor.kind: \"perceptron\" is not one of \"static\", \"bimodal\", \"gshare\"");
}

TEST(PlatformConfig, CoreMisalignedAccessesAndPmpGrain) {
  const PlatformConfig p = parse("[core]\nmisaligned = \"trap\"\npmp_granularity = 2\n", {});
  EXPECT_EQ(p.core.misaligned, MisalignedAccess::Trap);
  EXPECT_EQ(p.core.pmp_granularity, 2u);
  EXPECT_EQ(parse("", {}).core.misaligned, MisalignedAccess::Hardware);
  EXPECT_EQ(error_of("[core]\nmisaligned = \"emulate\"\n"),
            "test.toml:2: core.misaligned: \"emulate\" is not one of \"hardware\", \"trap\"");
  EXPECT_EQ(error_of("[core]\npmp_granularity = 31\n"), "test.toml:2: core.pmp_granularity: 31 is out of range [0, 30]");
}

TEST(PlatformConfig, BadSetAssignmentsNameTheOption) {
  EXPECT_EQ(error_of("", {"core.clock_hz"}), "--set core.clock_hz: expected section.key=value");
  EXPECT_EQ(error_of("", {"core.clock_hz="}), "--set core.clock_hz=: missing value after '='");
  EXPECT_EQ(error_of("", {"core..x=1"}), "--set core..x=1: \"core..x\" is not a key of the form section.key");
  EXPECT_EQ(error_of("", {"core.nope=1"}), "--set core.nope=1: core.nope: unknown key");
  EXPECT_EQ(error_of("", {"core.clock_hz=fast"}), "--set core.clock_hz=fast: core.clock_hz: expected a number, got a string");
  EXPECT_EQ(error_of("", {"core=1"}), "--set core=1: core: expected a table, got an integer");
  EXPECT_EQ(error_of("[core]\nclock_hz = 1e9\n", {"core=1"}), "--set core=1: core is a table, not a value");
  EXPECT_EQ(error_of("", {"core.clock_hz.x=1"}), "--set core.clock_hz.x=1: core.clock_hz: expected a value, got a table");
  EXPECT_EQ(error_of("[core]\nclock_hz = 1e9\n", {"core.clock_hz.x=1"}), "--set core.clock_hz.x=1: clock_hz is not a table");
}

TEST(PlatformConfig, CrossBlockChecks) {
  EXPECT_EQ(error_of("[uart]\nbase = 0x0200_8000\n"),
            "test.toml:2: uart.base: [0x2008000, 0x2008100) overlaps clint.base [0x2000000, 0x2010000)");
  EXPECT_EQ(error_of("[core]\nclock_hz = 1e6\ntimebase_hz = 2_000_000\n"),
            "test.toml:3: core.timebase_hz: 2000000 Hz is faster than core.clock_hz (1e+06 Hz)");
  EXPECT_EQ(error_of("[dtb]\naddress = 0x1000\n"), "test.toml:2: dtb.address: is not inside memory");
}

// [event_port]: off by default and then mapping nothing, so its base may lie anywhere; enabled,
// it is checked like any device window and learns the harts and their clock.
TEST(PlatformConfig, TheEventPortMapsAWindowOnlyWhenEnabled) {
  EXPECT_FALSE(parse("").event_port.enable);
  EXPECT_NO_THROW(parse("[event_port]\nbase = 0x0010_0000\n"));
  EXPECT_EQ(error_of("[event_port]\nenable = true\nbase = 0x0010_0000\n"),
            "test.toml:3: event_port.base: [0x100000, 0x101000) overlaps finisher.base [0x100000, 0x101000)");
  EXPECT_EQ(error_of("[event_port]\nbase = 0x0010_2100\n"), "test.toml:2: event_port.base: 0x102100 is not aligned to 4 KiB");
  const PlatformConfig p = parse("[platform]\nharts = 3\n[core]\nclock_hz = 2e9\n[event_port]\nenable = true\n");
  EXPECT_EQ(p.event_port.base.value(), 0x102000u);
  EXPECT_EQ(p.event_port.harts, 3u);
  EXPECT_EQ(p.event_port.clock_hz, 2e9);
}

// [[disk]]: the preset sets every timing figure and single keys override it; a disk needs an
// image; slots must fit the PLIC; --disk spells the same disk.
TEST(PlatformConfig, DisksTakePresetsOverridesAndChecks) {
  const PlatformConfig p = parse("[[disk]]\nimage = \"a.img\"\n[[disk]]\nimage = \"b.img\"\ntiming = \"hdd\"\nseek_ms = 4.0\n"
                                 "read_only = true\nserial = \"disk-b\"\n");
  ASSERT_EQ(p.disks.size(), 2u);
  EXPECT_EQ(p.disks[0].preset, DiskPreset::Nvme);
  EXPECT_EQ(p.disks[0].timing.read_latency_us, 51.5);
  EXPECT_EQ(p.disks[1].image, "b.img");
  EXPECT_EQ(p.disks[1].timing.rpm, 7200u);
  EXPECT_EQ(p.disks[1].timing.seek_ms, 4.0);
  EXPECT_EQ(p.disks[1].timing.read_bandwidth_mbps, 210);
  EXPECT_TRUE(p.disks[1].read_only);
  EXPECT_EQ(disk_slot(p, 0), 7u);
  EXPECT_EQ(disk_slot(p, 1), 6u);

  EXPECT_EQ(error_of("[[disk]]\nread_only = true\n"), "test.toml: disk[0].image: is missing: every disk needs an image file");
  EXPECT_EQ(error_of("[[disk]]\nimage = \"a\"\nserial = \"123456789012345678901\"\n"),
            "test.toml:3: disk[0].serial: \"123456789012345678901\" is longer than 20 bytes");
  EXPECT_EQ(error_of("[[disk]]\nimage = \"a\"\ntiming = \"floppy\"\n"),
            "test.toml:3: disk[0].timing: \"floppy\" is not one of \"nvme\", \"sata_ssd\", \"hdd\"");
  EXPECT_EQ(error_of("[virtio]\nslots = 1\n[[disk]]\nimage = \"a\"\n[[disk]]\nimage = \"b\"\n"),
            "test.toml:3: disk: 2 disks but only 1 virtio slots (virtio.slots)");
  EXPECT_EQ(error_of("[plic]\nsources = 16\n[virtio]\nslots = 20\n"),
            "test.toml:4: virtio.slots: 20 slots need PLIC sources 1..20, but plic.sources is 16");
  EXPECT_EQ(error_of("[virtio]\nbase = 0x1000_0000\n"),
            "test.toml:2: virtio.base: [0x10000000, 0x10008000) overlaps uart.base [0x10000000, 0x10000100)");

  PlatformConfig q = parse("");
  add_disk_options(q, {"x.img,ro,snapshot,serial=s1,timing=sata_ssd"});
  ASSERT_EQ(q.disks.size(), 1u);
  EXPECT_TRUE(q.disks[0].read_only && q.disks[0].snapshot);
  EXPECT_EQ(q.disks[0].serial, "s1");
  EXPECT_EQ(q.disks[0].timing.read_bandwidth_mbps, 550);
  auto option_error = [](const std::vector<std::string>& specs) {
    PlatformConfig c = parse("[virtio]\nslots = 1\n");
    try {
      add_disk_options(c, specs);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(option_error({"x.img,rw"}), "--disk x.img,rw: unknown option \"rw\" (ro, snapshot, serial=S, timing=P)");
  EXPECT_EQ(option_error({"x.img,timing=ssd"}), "--disk x.img,timing=ssd: unknown timing \"ssd\" (nvme, sata_ssd, hdd)");
  EXPECT_EQ(option_error({",ro"}), "--disk ,ro.image: is missing: every disk needs an image file");
  EXPECT_EQ(option_error({"a.img", "b.img"}), "--disk: 2 disks but only 1 virtio slots (virtio.slots)");
}

TEST(PlatformConfig, FilesThatAreMissingOrNotTomlAreOneLineErrors) {
  try {
    load_platform_config(std::string("/nonexistent/x.toml"), {});
    FAIL();
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "/nonexistent/x.toml: no such platform file");
  }
  try {
    ConfigReader::from_string("[core\nx=1", "bad.toml");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("bad.toml:1:", 0), 0u) << e.what();
    EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
  }
}

// One CLINT per node (as QEMU virt with -numa): two nodes take [clint.base, clint.base + 2 x 64 KiB).
TEST(NumaConfig, EveryNodesClintIsPlacedAndChecked) {
  const PlatformConfig p = parse(kNuma2);
  const std::vector<ClintPlacement> c = clint_placements(p);
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[1].cfg.base, PhysAddr(0x0201'0000));
  EXPECT_EQ(c[1].cfg.harts, 2u);
  EXPECT_EQ(c[1].harts, (std::vector<std::uint32_t>{2, 3}));
  EXPECT_EQ(c[1].node, NodeId(1));
  EXPECT_EQ(error_of(kNuma2, {"uart.base=0x2010000"}),
            "--set uart.base=0x2010000: uart.base: [0x2010000, 0x2010100) overlaps clint.base [0x2000000, 0x2020000)");
}

TEST(NumaConfig, TwoNodesContiguousFromMemoryBase) {
  const PlatformConfig p = parse(kNuma2);
  ASSERT_TRUE(p.numa.has_value());
  ASSERT_EQ(p.numa->node_count(), 2u);
  EXPECT_EQ(p.numa->nodes[0].base, PhysAddr(0x8000'0000));
  EXPECT_EQ(p.numa->nodes[1].base, PhysAddr(0x8400'0000));
  EXPECT_EQ(p.numa->nodes[1].size_bytes, 64ULL << 20);
  EXPECT_EQ(p.numa->node_of_hart(HartId(3)), NodeId(1));
  EXPECT_EQ(p.numa->hop_latency_cycles, Cycles(54));
  EXPECT_FALSE(p.numa->hop_latency_ns.has_value());
  EXPECT_DOUBLE_EQ(p.numa->link_bandwidth_gbps, 10.0);
}

TEST(NumaConfig, NoneOrOneNodeIsNoNuma) {
  EXPECT_FALSE(parse("").numa.has_value());
  EXPECT_FALSE(parse("[[numa.nodes]]\nsize = \"128MiB\"\nharts = [0]\n").numa.has_value());
}

TEST(NumaConfig, ErrorsNameTheKey) {
  EXPECT_NE(error_of(kNuma2, {"numa.nodes[1].size=\"32MiB\""}).find("numa.nodes: node sizes add up"), std::string::npos);
  EXPECT_NE(error_of(kNuma2, {"numa.hop_latency_ns=27"}).find("numa.hop_latency"), std::string::npos);
  EXPECT_NE(error_of(kNuma2, {"numa.topology=star"}).find("numa.topology"), std::string::npos);
  EXPECT_NE(error_of(kNuma2, {"numa.links=[[0,1]]"}).find("numa.links"), std::string::npos);
  EXPECT_NE(error_of(kNuma2, {"platform.harts=5"}).find("numa"), std::string::npos);
  EXPECT_NE(error_of(kNuma2, {"numa.nodes[0].size=0"}).find("numa.nodes[0].size"), std::string::npos);
  EXPECT_NE(error_of("[numa]\ntopology = \"ring\"\n").find("numa.nodes"), std::string::npos);
}

}  // namespace
}  // namespace memvp
