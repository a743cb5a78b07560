// The platform builder: what the guest finds in memory at boot (the ELF's bytes, the DTB at the
// address handed over in a1, with the bootargs) and how the bus is mapped (HTIF over tohost).
#include "platforms/platform.h"

#include <libfdt.h>

#include <sstream>
#include <string>

#include "common/error.h"
#include "common/config/config_reader.h"
#include "platforms/dtb.h"
#include "platforms/stats.h"
#include "sc_test.h"

namespace memvp {
namespace {

class PlatformTest : public test::SystemCTest {
 protected:
  PlatformTest() {
    image_.path = "test.elf";
    image_.entry = 0x8000'0000;
    // j . (spin), then the HTIF words at +0x40 / +0x80 as riscv-tests lay them out.
    ElfSegment seg{PhysAddr(0x8000'0000), 0x8000'0000, {0x6f, 0x00, 0x00, 0x00}, 0x100};
    image_.segments.push_back(seg);
    image_.tohost = PhysAddr(0x8000'0040);
    image_.fromhost = PhysAddr(0x8000'0080);
    cfg_.harts = 2;
    cfg_.clint.harts = 2;
    // platforms/functional.toml's memory: flat and uncached; a test that needs DDR4 sets it.
    cfg_.memory.model = MemoryModel::Simple;
    cfg_.caches.enabled = false;
  }

  // Reads guest memory through the platform's own debug path.
  std::vector<std::uint8_t> peek(Platform& p, std::uint64_t addr, unsigned len) {
    std::vector<std::uint8_t> buf(len);
    tlm::tlm_generic_payload gp;
    gp.set_command(tlm::TLM_READ_COMMAND);
    gp.set_address(addr);
    gp.set_data_ptr(buf.data());
    gp.set_data_length(len);
    EXPECT_EQ(p.loader_socket->transport_dbg(gp), len);
    return buf;
  }

  PlatformConfig cfg_;
  ElfImage image_;
  RunControl run_;
  std::ostringstream console_;
};

TEST_F(PlatformTest, LoadsTheImageAndTheDtbWithBootargs) {
  Platform p("platform", cfg_, image_, "console=ttyS0 mem=64M", console_, run_);
  sc_core::sc_start(sc_core::sc_time(1, sc_core::SC_US));
  EXPECT_EQ(peek(p, 0x8000'0000, 4), (std::vector<std::uint8_t>{0x6f, 0, 0, 0}));
  EXPECT_EQ(peek(p, 0x8000'00FC, 4), (std::vector<std::uint8_t>{0, 0, 0, 0}));

  EXPECT_EQ(p.dtb_address(), PhysAddr(0x87E0'0000));
  const auto blob = peek(p, p.dtb_address().value(), static_cast<unsigned>(p.dtb().size()));
  EXPECT_EQ(blob, p.dtb());
  ASSERT_EQ(fdt_check_header(blob.data()), 0);
  const char* bootargs = static_cast<const char*>(
      fdt_getprop(blob.data(), fdt_path_offset(blob.data(), "/chosen"), "bootargs", nullptr));
  ASSERT_NE(bootargs, nullptr);
  EXPECT_STREQ(bootargs, "console=ttyS0 mem=64M");
  EXPECT_GE(fdt_path_offset(blob.data(), "/cpus/cpu@1"), 0);

  ASSERT_EQ(p.hart_count(), 2u);
  EXPECT_EQ(p.hart(0).reg(10), 0u);  // a0 = hart id
  EXPECT_EQ(p.hart(1).reg(10), 1u);
  EXPECT_EQ(p.hart(1).reg(11), 0x87E0'0000u);  // a1 = DTB
  EXPECT_FALSE(run_.ended());
}

TEST_F(PlatformTest, MapsHtifOverTheTohostWindow) {
  Platform p("platform", cfg_, image_, "", console_, run_);
  ASSERT_TRUE(p.has_htif());
  bool found = false;
  for (const auto& r : p.bus().ranges()) {
    if (r.start == 0x8000'0040 && r.end == 0x8000'0087) found = true;
  }
  EXPECT_TRUE(found);
}

TEST_F(PlatformTest, TheSimpleModelReportsItsAccesses) {
  Platform p("platform", cfg_, image_, "", console_, run_);
  sc_core::sc_start(sc_core::sc_time(1, sc_core::SC_US));
  p.memory().finish();
  const nlohmann::ordered_json s = stats_json(p.memory());
  EXPECT_EQ(s.at("model"), "simple");
  EXPECT_GE(s.at("accesses").get<std::uint64_t>(), 1u);  // the loader's writes at least
}

// The DDR4 controller serves the DRAM window: the loader's debug writes reach its store, the
// harts' fetches are timed transactions (no DMI), and its statistics nest by their dotted names.
TEST_F(PlatformTest, TheDdr4ModelServesMemoryAndReportsItsStatistics) {
  cfg_.memory.model = MemoryModel::Ddr4;
  Platform p("platform", cfg_, image_, "", console_, run_);
  sc_core::sc_start(sc_core::sc_time(1, sc_core::SC_US));
  EXPECT_EQ(peek(p, 0x8000'0000, 4), (std::vector<std::uint8_t>{0x6f, 0, 0, 0}));
  EXPECT_EQ(peek(p, p.dtb_address().value(), static_cast<unsigned>(p.dtb().size())), p.dtb());
  p.memory().finish();
  const nlohmann::ordered_json s = stats_json(p.memory());
  EXPECT_EQ(s.at("model"), "ddr4");
  // Each hart fetches its 64-byte line once; the fetch buffer serves the spin loop after that.
  EXPECT_EQ(s.at("reads").get<std::uint64_t>(), 2u);
  EXPECT_TRUE(s.at("reads").is_number_unsigned());
  EXPECT_EQ(s.at("bank").at("ch0").at("ra0").at("bg0").at("ba0").at("reads").get<std::uint64_t>(), 2u);
  EXPECT_TRUE(s.at("read_latency_histogram").contains("0"));
  EXPECT_TRUE(s.at("bandwidth_gbps").is_number());
}

// Where the harts of node 0 enter (its node bus), the time a device read (CLINT mtime) and a RAM
// read take on the platform `toml` describes, with [memory] latency 4 ns and [bus] latency 3 ns.
struct AccessTimes {
  sc_core::sc_time device, ram;
};
AccessTimes access_times(const std::string& numa_toml, const ElfImage& image, std::ostream& console, RunControl& run) {
  PlatformConfig cfg = load_platform_config(ConfigReader::from_string(R"(
[platform]
harts = 2
[memory]
size = "128MiB"
model = "simple"
latency_cycles = 4
[bus]
latency_cycles = 3
)" + numa_toml, "platform.toml"), {});
  Platform p("platform", cfg, image, "", console, run);
  test::ScriptedInitiator init("init");
  init.socket.bind(p.memory_system().node_bus(0).targ_socket);
  AccessTimes t;
  init.script = [&](test::ScriptedInitiator& i) {
    const sc_core::sc_time t0 = sc_core::sc_time_stamp();
    ASSERT_EQ(i.read(0x0200'BFF8, 8).status, tlm::TLM_OK_RESPONSE);  // CLINT mtime
    t.device = sc_core::sc_time_stamp() - t0;
    const sc_core::sc_time t1 = sc_core::sc_time_stamp();
    ASSERT_EQ(i.read(0x8000'1000, 8).status, tlm::TLM_OK_RESPONSE);  // node 0's RAM
    t.ram = sc_core::sc_time_stamp() - t1;
  };
  sc_core::sc_start(sc_core::sc_time(1, sc_core::SC_US));
  return t;
}

// With NUMA a device access goes node bus -> system bus: it pays [bus] latency once, as a RAM
// access (node bus -> interconnect -> local memory) does.
TEST_F(PlatformTest, WithNumaEveryAccessPaysTheBusLatencyOnce) {
  const AccessTimes t = access_times(R"(
[[numa.nodes]]
size = "64MiB"
harts = [0]
[[numa.nodes]]
size = "64MiB"
harts = [1]
)", image_, console_, run_);
  EXPECT_EQ(t.device, sc_core::sc_time(3, sc_core::SC_NS));
  EXPECT_EQ(t.ram, sc_core::sc_time(3 + 4, sc_core::SC_NS));
}

// Without [numa] the machine is a one-node fabric that costs exactly what a bus in front of the
// memory costs: no hop, no local latency, the bus latency once.
TEST_F(PlatformTest, WithoutNumaTheOneNodeFabricAddsNothing) {
  const AccessTimes t = access_times("", image_, console_, run_);
  EXPECT_EQ(t.device, sc_core::sc_time(3, sc_core::SC_NS));
  EXPECT_EQ(t.ram, sc_core::sc_time(3 + 4, sc_core::SC_NS));
}

TEST_F(PlatformTest, RejectsImagesOutsideMemoryOrOverTheDtb) {
  image_.segments[0].paddr = PhysAddr(0x9000'0000);
  EXPECT_THROW({ Platform p("platform", cfg_, image_, "", console_, run_); }, InputError);
}

TEST_F(PlatformTest, RejectsImagesOverlappingTheDtb) {
  image_.segments[0].paddr = PhysAddr(0x87E0'0000);
  image_.entry = 0x87E0'0000;
  try {
    Platform p("platform", cfg_, image_, "", console_, run_);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("overlaps the DTB"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace memvp
