// The generated DTB, read back with libfdt: the nodes and properties an OS (and QEMU virt's
// device tree, which the guest also boots with) relies on, and where the blob is placed.
#include "platforms/dtb.h"

#include <libfdt.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "common/error.h"
#include "platforms/platform_config.h"

namespace memvp {
namespace {

class DtbTest : public ::testing::Test {
 protected:
  void build(std::uint32_t harts = 1, const std::string& bootargs = "console=hvc0 quiet") {
    cfg_.harts = harts;
    cfg_.clint.harts = harts;
    blob_ = build_dtb(cfg_, bootargs);
    ASSERT_EQ(fdt_check_header(blob_.data()), 0);
    ASSERT_EQ(fdt_totalsize(blob_.data()), blob_.size());
  }
  int node(const char* path) const { return fdt_path_offset(blob_.data(), path); }
  std::string str(const char* path, const char* prop) const {
    int len = 0;
    const void* p = fdt_getprop(blob_.data(), node(path), prop, &len);
    return p == nullptr ? "<missing>" : std::string(static_cast<const char*>(p), len > 0 ? len - 1 : 0);
  }
  std::vector<std::uint32_t> cells(const char* path, const char* prop) const {
    int len = 0;
    const auto* p = static_cast<const fdt32_t*>(fdt_getprop(blob_.data(), node(path), prop, &len));
    std::vector<std::uint32_t> v;
    for (int i = 0; p != nullptr && i < len / 4; ++i) v.push_back(fdt32_to_cpu(p[i]));
    return v;
  }
  bool has(const char* path, const char* prop) const {
    return fdt_getprop(blob_.data(), node(path), prop, nullptr) != nullptr;
  }

  PlatformConfig cfg_;
  std::vector<std::uint8_t> blob_;
};

TEST_F(DtbTest, RootMemoryAndChosen) {
  build();
  EXPECT_EQ(cells("/", "#address-cells"), std::vector<std::uint32_t>{2});
  EXPECT_EQ(cells("/", "#size-cells"), std::vector<std::uint32_t>{2});
  EXPECT_EQ(str("/", "model"), "memvp,virt");
  EXPECT_EQ(str("/memory@80000000", "device_type"), "memory");
  EXPECT_EQ(cells("/memory@80000000", "reg"), (std::vector<std::uint32_t>{0, 0x80000000, 0, 128u << 20}));
  EXPECT_EQ(str("/chosen", "bootargs"), "console=hvc0 quiet");
  EXPECT_EQ(str("/chosen", "stdout-path"), "/soc/serial@10000000");
  EXPECT_FALSE(has("/chosen", "linux,initrd-start"));  // only with --initrd
}

// As QEMU (8.0 on) writes them: two cells each, end = start + size.
TEST_F(DtbTest, InitrdInChosen) {
  const Initrd initrd{"initramfs.cpio", std::vector<std::uint8_t>(0x1234), PhysAddr(0x84000000)};
  blob_ = build_dtb(cfg_, "", &initrd);
  EXPECT_EQ(cells("/chosen", "linux,initrd-start"), (std::vector<std::uint32_t>{0, 0x84000000}));
  EXPECT_EQ(cells("/chosen", "linux,initrd-end"), (std::vector<std::uint32_t>{0, 0x84001234}));
}

TEST_F(DtbTest, CpusWithTimebaseIsaMmuAndInterruptControllers) {
  build(2);
  EXPECT_EQ(cells("/cpus", "timebase-frequency"), std::vector<std::uint32_t>{10'000'000});
  EXPECT_EQ(cells("/cpus", "#address-cells"), std::vector<std::uint32_t>{1});
  for (std::uint32_t h = 0; h < 2; ++h) {
    const std::string cpu = "/cpus/cpu@" + std::to_string(h);
    EXPECT_EQ(str(cpu.c_str(), "device_type"), "cpu");
    EXPECT_EQ(cells(cpu.c_str(), "reg"), std::vector<std::uint32_t>{h});
    EXPECT_EQ(str(cpu.c_str(), "status"), "okay");
    EXPECT_EQ(str(cpu.c_str(), "compatible"), "riscv");
    EXPECT_EQ(str(cpu.c_str(), "riscv,isa"), "rv64imafdc_zicntr_zicsr_zifencei_zihpm");
    EXPECT_EQ(str(cpu.c_str(), "riscv,isa-base"), "rv64i");
    static constexpr char kExtensions[] = "i\0m\0a\0f\0d\0c\0zicntr\0zicsr\0zifencei\0zihpm";
    EXPECT_EQ(str(cpu.c_str(), "riscv,isa-extensions"), std::string(kExtensions, sizeof kExtensions - 1));
    EXPECT_EQ(str(cpu.c_str(), "mmu-type"), "riscv,sv48");
    const std::string intc = cpu + "/interrupt-controller";
    EXPECT_EQ(str(intc.c_str(), "compatible"), "riscv,cpu-intc");
    EXPECT_TRUE(has(intc.c_str(), "interrupt-controller"));
    EXPECT_EQ(cells(intc.c_str(), "#interrupt-cells"), std::vector<std::uint32_t>{1});
    EXPECT_EQ(fdt_get_phandle(blob_.data(), node(intc.c_str())), h + 1);
  }
}

TEST_F(DtbTest, ClintRoutesMsipAndMtipOfEveryHart) {
  build(2);
  const char* clint = "/soc/clint@2000000";
  EXPECT_EQ(fdt_node_check_compatible(blob_.data(), node(clint), "sifive,clint0"), 0);
  EXPECT_EQ(fdt_node_check_compatible(blob_.data(), node(clint), "riscv,clint0"), 0);
  EXPECT_EQ(cells(clint, "reg"), (std::vector<std::uint32_t>{0, 0x2000000, 0, 0x10000}));
  EXPECT_EQ(cells(clint, "interrupts-extended"), (std::vector<std::uint32_t>{1, 3, 1, 7, 2, 3, 2, 7}));
}

TEST_F(DtbTest, UartAndTestFinisherWithSyscons) {
  build();
  const char* uart = "/soc/serial@10000000";
  EXPECT_EQ(str(uart, "compatible"), "ns16550a");
  EXPECT_EQ(cells(uart, "reg"), (std::vector<std::uint32_t>{0, 0x10000000, 0, 0x100}));
  EXPECT_EQ(cells(uart, "clock-frequency"), std::vector<std::uint32_t>{3686400});
  EXPECT_EQ(cells(uart, "reg-shift"), std::vector<std::uint32_t>{0});
  EXPECT_EQ(cells(uart, "reg-io-width"), std::vector<std::uint32_t>{1});
  const char* test = "/soc/test@100000";
  for (const char* c : {"sifive,test1", "sifive,test0", "syscon"}) {
    EXPECT_EQ(fdt_node_check_compatible(blob_.data(), node(test), c), 0) << c;
  }
  const std::uint32_t phandle = fdt_get_phandle(blob_.data(), node(test));
  EXPECT_EQ(phandle, 2u);
  EXPECT_EQ(cells("/poweroff", "regmap"), std::vector<std::uint32_t>{phandle});
  EXPECT_EQ(cells("/poweroff", "value"), std::vector<std::uint32_t>{0x5555});
  EXPECT_EQ(cells("/reboot", "value"), std::vector<std::uint32_t>{0x7777});
}

// memvp's event port is in the DTB only when enabled, so a kernel finds none on QEMU or by default.
TEST_F(DtbTest, TheEventPortOnlyWhenEnabled) {
  build();
  EXPECT_LT(node("/soc/event-port@102000"), 0);
  cfg_.event_port.enable = true;
  build();
  EXPECT_EQ(str("/soc/event-port@102000", "compatible"), "memvp,event-port");
  EXPECT_EQ(cells("/soc/event-port@102000", "reg"), (std::vector<std::uint32_t>{0, 0x102000, 0, 0x1000}));
}

TEST_F(DtbTest, PlicServesMeipAndSeipOfEveryHartAndTheUart) {
  build(2);
  const char* plic = "/soc/plic@c000000";
  ASSERT_GE(node(plic), 0);
  EXPECT_EQ(fdt_node_check_compatible(blob_.data(), node(plic), "sifive,plic-1.0.0"), 0);
  EXPECT_EQ(fdt_node_check_compatible(blob_.data(), node(plic), "riscv,plic0"), 0);
  EXPECT_TRUE(has(plic, "interrupt-controller"));
  EXPECT_EQ(cells(plic, "#interrupt-cells"), std::vector<std::uint32_t>{1});
  EXPECT_EQ(cells(plic, "#address-cells"), std::vector<std::uint32_t>{0});
  EXPECT_EQ(cells(plic, "reg"), (std::vector<std::uint32_t>{0, 0xc000000, 0, 0x600000}));
  EXPECT_EQ(cells(plic, "riscv,ndev"), std::vector<std::uint32_t>{96});  // as qemu-system-riscv64 7.2 -machine virt,dumpdtb=
  // Context 2h is hart h's M-mode (MEIP, 11), 2h + 1 its S-mode (SEIP, 9); phandle h + 1 is its intc.
  EXPECT_EQ(cells(plic, "interrupts-extended"), (std::vector<std::uint32_t>{1, 11, 1, 9, 2, 11, 2, 9}));
  const std::uint32_t phandle = fdt_get_phandle(blob_.data(), node(plic));
  EXPECT_EQ(phandle, 4u);  // after two intcs and the test finisher
  const char* uart = "/soc/serial@10000000";
  EXPECT_EQ(cells(uart, "interrupt-parent"), std::vector<std::uint32_t>{phandle});
  EXPECT_EQ(cells(uart, "interrupts"), std::vector<std::uint32_t>{10});
}

// Eight virtio-mmio slots, filled or not, highest address first, each on its PLIC source, as
// qemu-system-riscv64 7.2 -machine virt,dumpdtb= lists them.
TEST_F(DtbTest, EveryVirtioSlotIsListedHighestFirstOnItsPlicSource) {
  build();
  const std::uint32_t plic = fdt_get_phandle(blob_.data(), node("/soc/plic@c000000"));
  int prev = -1;
  for (std::uint32_t n = 8; n-- > 0;) {
    const std::uint64_t base = 0x1000'1000 + n * 0x1000;
    const std::string path = fmt::format("/soc/virtio_mmio@{:x}", base);
    const int at = node(path.c_str());
    ASSERT_GE(at, 0) << path;
    EXPECT_GT(at, prev) << path << " is out of order";
    prev = at;
    EXPECT_EQ(str(path.c_str(), "compatible"), "virtio,mmio");
    EXPECT_EQ(cells(path.c_str(), "reg"), (std::vector<std::uint32_t>{0, static_cast<std::uint32_t>(base), 0, 0x1000}));
    EXPECT_EQ(cells(path.c_str(), "interrupts"), std::vector<std::uint32_t>{n + 1});
    EXPECT_EQ(cells(path.c_str(), "interrupt-parent"), std::vector<std::uint32_t>{plic});
  }
}

TEST_F(DtbTest, DecompilesWithDtc) {
  build(1, "");
  const std::string path = ::testing::TempDir() + "memvp_test.dtb";
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(blob_.data()),
                                             static_cast<std::streamsize>(blob_.size()));
  if (std::system("command -v dtc >/dev/null 2>&1") != 0) GTEST_SKIP() << "dtc not installed";
  // -q: no warnings on stderr; a non-zero status means dtc could not parse the blob.
  EXPECT_EQ(std::system(("dtc -q -I dtb -O dts -o /dev/null " + path).c_str()), 0);
  std::remove(path.c_str());
}

TEST_F(DtbTest, PlacedAsQemuVirtDoes) {
  build();
  // 128 MiB at 0x8000_0000: the highest 2 MiB boundary below 0x8800_0000 leaving room.
  EXPECT_EQ(dtb_address(cfg_, blob_.size()), PhysAddr(0x87E0'0000));
  cfg_.memory.size_bytes = 4ULL << 30;  // DRAM beyond 3 GiB: capped at 3 GiB
  EXPECT_EQ(dtb_address(cfg_, blob_.size()), PhysAddr(0xBFE0'0000));
  cfg_.memory.size_bytes = 128ULL << 20;
  cfg_.dtb.address = 0x8100'0000;
  EXPECT_EQ(dtb_address(cfg_, blob_.size()), PhysAddr(0x8100'0000));
  cfg_.dtb.address = 0x87FF'FFF8;
  EXPECT_THROW(dtb_address(cfg_, blob_.size()), InputError);
}

// numa4.toml (a ring of 4 nodes x 2 harts): one memory node per NUMA node, numa-node-id on
// every memory and cpu node, and the default distances (10 + 10 x hops) as triplets.
TEST_F(DtbTest, NumaNodesCpusAndDistanceMap) {
  cfg_ = load_platform_config(std::string(MEMVP_SOURCE_DIR) + "/platforms/numa4.toml", {});
  ASSERT_TRUE(cfg_.numa.has_value());
  build(cfg_.harts);
  const char* mems[] = {"/memory@80000000", "/memory@82000000", "/memory@84000000", "/memory@86000000"};
  for (std::uint32_t i = 0; i < 4; ++i) {
    ASSERT_GE(node(mems[i]), 0) << mems[i];
    EXPECT_EQ(str(mems[i], "device_type"), "memory");
    const std::uint64_t base = 0x8000'0000ULL + i * (32ULL << 20);
    EXPECT_EQ(cells(mems[i], "reg"), (std::vector<std::uint32_t>{0, static_cast<std::uint32_t>(base), 0, 32u << 20}));
    EXPECT_EQ(cells(mems[i], "numa-node-id"), std::vector<std::uint32_t>{i});
  }
  for (std::uint32_t h = 0; h < 8; ++h) {
    const std::string cpu = "/cpus/cpu@" + std::to_string(h);
    EXPECT_EQ(cells(cpu.c_str(), "numa-node-id"), std::vector<std::uint32_t>{h / 2}) << cpu;
  }
  EXPECT_EQ(str("/distance-map", "compatible"), "numa-distance-map-v1");
  const std::vector<std::uint32_t> m = cells("/distance-map", "distance-matrix");
  ASSERT_EQ(m.size(), 3u * 16u);
  const std::uint32_t hops[4][4] = {{0, 1, 2, 1}, {1, 0, 1, 2}, {2, 1, 0, 1}, {1, 2, 1, 0}};
  for (std::uint32_t k = 0; k < 16; ++k) {
    EXPECT_EQ(m[3 * k], k / 4);
    EXPECT_EQ(m[3 * k + 1], k % 4);
    EXPECT_EQ(m[3 * k + 2], 10 + 10 * hops[k / 4][k % 4]) << "from " << k / 4 << " to " << k % 4;
  }
}

// With NUMA, as QEMU virt with -numa: one CLINT per node at 0x0200_0000 + node * 0x1_0000, with
// its numa-node-id, serving the node's harts in id order.
TEST_F(DtbTest, NumaGivesEveryNodeItsOwnClint) {
  cfg_ = load_platform_config(std::string(MEMVP_SOURCE_DIR) + "/platforms/numa4.toml", {});
  build(cfg_.harts);
  for (std::uint32_t i = 0; i < 4; ++i) {
    const std::uint32_t base = 0x0200'0000 + i * 0x1'0000;
    const std::string clint = fmt::format("/soc/clint@{:x}", base);
    ASSERT_GE(node(clint.c_str()), 0) << clint;
    EXPECT_EQ(cells(clint.c_str(), "numa-node-id"), std::vector<std::uint32_t>{i});
    EXPECT_EQ(cells(clint.c_str(), "reg"), (std::vector<std::uint32_t>{0, base, 0, 0x10000}));
    const std::uint32_t a = 2 * i + 1, b = 2 * i + 2;  // the phandles of harts 2i and 2i + 1
    EXPECT_EQ(cells(clint.c_str(), "interrupts-extended"), (std::vector<std::uint32_t>{a, 3, a, 7, b, 3, b, 7}));
  }
}

// Without [numa]: one memory node and no NUMA properties, as before.
TEST_F(DtbTest, NoNumaWithoutNumaTable) {
  build(2);
  EXPECT_LT(node("/distance-map"), 0);
  EXPECT_TRUE(cells("/memory@80000000", "numa-node-id").empty());
  EXPECT_TRUE(cells("/cpus/cpu@1", "numa-node-id").empty());
}

}  // namespace
}  // namespace memvp
