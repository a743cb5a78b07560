// Everything a platform file describes, as the typed config structs of each block, each read by
// its block's key table and checked across blocks in platform_config.cpp. The defaults of every
// struct are the built-in platform, which platforms/default.toml spells out key by key.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cache/caches_config.h"
#include "common/types.h"
#include "core/hart_config.h"
#include "devices/clint.h"
#include "devices/event_port/event_port.h"
#include "devices/plic.h"
#include "devices/test_finisher.h"
#include "devices/uart16550.h"
#include "devices/virtio/virtio_schema.h"
#include "devices/virtio_blk/virtio_blk.h"
#include "dram/ddr4_config.h"
#include "dram/simple_memory.h"
#include "interconnect/bus.h"
#include "interconnect/numa_config.h"

namespace memvp {

class ConfigReader;
template <class S>
class KeyTable;

// [memory] model: which block serves the DRAM window.
enum class MemoryModel { Simple, Ddr4 };
// Its name in the platform file and the statistics: "simple", "ddr4".
[[nodiscard]] const char* to_string(MemoryModel m);

struct MemoryConfig {
  PhysAddr base{0x8000'0000};             // QEMU virt VIRT_DRAM
  std::uint64_t size_bytes = 128ULL << 20;  // [memory] size; the builder hands it to the model
  MemoryModel model = MemoryModel::Ddr4;  // the default platform times every access (platforms/functional.toml: Simple)
  SimpleMemoryConfig simple;  // fixed latency; clock = the core clock
  Ddr4Config ddr4;            // [memory.ddr4]; clocked by its own tCK
};

struct DtbConfig {
  // Where the DTB goes: 0 places it as QEMU virt does (riscv_compute_fdt_addr: the highest
  // 2 MiB-aligned address below min(end of DRAM, 3 GiB) that leaves room for it).
  std::uint64_t address = 0;
  std::string bootargs;  // /chosen/bootargs; the command line's "-- args" replace it
};

struct PlatformConfig {
  std::string name = "virt";
  std::uint32_t harts = 1;
  HartConfig core;  // shared by all harts; the builder sets hart_id
  MemoryConfig memory;
  CachesConfig caches;  // [cache]
  // [numa] with two or more nodes, splitting [memory] into per-node DRAM; empty: the machine is
  // one node (numa_nodes()), and the DTB says nothing about NUMA.
  std::optional<NumaConfig> numa;
  BusConfig bus;
  Uart16550Config uart;
  ClintConfig clint;
  PlicConfig plic;                   // one for all harts, also with [numa]
  TestFinisherConfig finisher;
  EventPortConfig event_port;        // off by default: the guest pays for its stores to it
  VirtioConfig virtio;               // the virtio-mmio slots
  std::vector<DiskConfig> disks;     // [[disk]], then --disk: disk k takes slot virtio.slots - 1 - k
  DtbConfig dtb;
};

// The machine's NUMA nodes: [numa], or without it one node holding all of
// [memory] and every hart, as QEMU virt treats a machine without -numa. One node has no links
// and no local latency, so it costs what a bus in front of the memory costs.
[[nodiscard]] NumaConfig numa_nodes(const PlatformConfig& p);

// One CLINT of the platform. As on QEMU virt: one per node ("socket", hw/riscv/virt.c) at
// clint.base + node * clint.size, serving that node's harts in id order (hart harts[i] has msip
// slot i and mtimecmp slot i); a machine of one node has one CLINT at clint.base.
// The PLIC source the UART's interrupt line is wired to (QEMU virt UART0_IRQ).
inline constexpr std::uint32_t kUartIrq = 10;

// The virtio slot disk k takes: the highest first, as QEMU virt gives its first -device
// virtio-blk-device the transport at the highest address.
[[nodiscard]] inline std::uint32_t disk_slot(const PlatformConfig& p, std::size_t k) {
  return p.virtio.slots - 1 - static_cast<std::uint32_t>(k);
}

struct ClintPlacement {
  ClintConfig cfg;                   // its base and hart count
  std::vector<std::uint32_t> harts;  // hart ids by slot
  NodeId node;                       // the node it belongs to
};
[[nodiscard]] std::vector<ClintPlacement> clint_placements(const PlatformConfig& p);

// The whole platform file's keys, each block's table in the order platforms/default.toml lists
// them; write(PlatformConfig{}) spells out the built-in platform.
[[nodiscard]] const KeyTable<PlatformConfig>& platform_keys();

// Reads every key of the schema from `reader`, rejects unknown keys and inconsistent values
// (overlapping regions, a clock slower than the timebase, ...). Throws InputError.
PlatformConfig read_platform_config(ConfigReader& reader);

// The platform from `path` (the built-in defaults when empty) with the --set assignments applied.
PlatformConfig load_platform_config(const std::optional<std::string>& path, const std::vector<std::string>& sets);
// Appends the disks of --disk options ("FILE[,ro][,snapshot][,serial=S][,timing=P]") after the
// platform file's. Throws InputError.
void add_disk_options(PlatformConfig& p, const std::vector<std::string>& specs);
// The same from an already parsed file.
PlatformConfig load_platform_config(ConfigReader reader, const std::vector<std::string>& sets);

}  // namespace memvp
