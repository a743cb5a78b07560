// DTB construction with libfdt's sequential-write API (fdt_create ... fdt_finish). Phandles:
// hart N's interrupt controller is N + 1, the test finisher (syscon) comes after the harts, then
// the PLIC.
#include "platforms/dtb.h"

#include <libfdt.h>

#include <algorithm>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>

#include "common/error.h"
#include "interconnect/numa_dtb.h"

namespace memvp {

namespace {

constexpr std::uint64_t kMiB = 1ULL << 20;
constexpr std::uint32_t kIrqMachineSoftware = 3;  // mip.MSIP bit (priv spec §3.1.9)
constexpr std::uint32_t kIrqMachineTimer = 7;     // mip.MTIP bit
constexpr std::uint32_t kIrqSupervisorExternal = 9;  // mip.SEIP bit
constexpr std::uint32_t kIrqMachineExternal = 11;    // mip.MEIP bit

// Sequential-write helper: every libfdt call is checked; the caller retries with a larger buffer
// on FDT_ERR_NOSPACE.
class FdtWriter {
 public:
  explicit FdtWriter(std::size_t capacity) : buf_(capacity) { check(fdt_create(buf_.data(), static_cast<int>(buf_.size()))); }

  void begin(const std::string& name) { check(fdt_begin_node(buf_.data(), name.c_str())); }
  void end() { check(fdt_end_node(buf_.data())); }
  void u32(const char* name, std::uint32_t v) { check(fdt_property_u32(buf_.data(), name, v)); }
  void u64(const char* name, std::uint64_t v) { check(fdt_property_u64(buf_.data(), name, v)); }
  void str(const char* name, const std::string& v) { check(fdt_property_string(buf_.data(), name, v.c_str())); }
  void empty(const char* name) { check(fdt_property(buf_.data(), name, nullptr, 0)); }
  // A string list ("a\0b\0"), as compatible takes.
  void strings(const char* name, std::initializer_list<const char*> list) {
    std::string joined;
    for (const char* s : list) joined.append(s).push_back('\0');
    check(fdt_property(buf_.data(), name, joined.data(), static_cast<int>(joined.size())));
  }
  void cells(const char* name, const std::vector<std::uint32_t>& v) {
    std::vector<fdt32_t> be;
    for (auto c : v) be.push_back(cpu_to_fdt32(c));
    check(fdt_property(buf_.data(), name, be.data(), static_cast<int>(be.size() * sizeof(fdt32_t))));
  }
  // reg with #address-cells = #size-cells = 2.
  void reg64(std::uint64_t base, std::uint64_t size) {
    cells("reg", {hi(base), lo(base), hi(size), lo(size)});
  }

  std::vector<std::uint8_t> finish() {
    check(fdt_finish(buf_.data()));
    buf_.resize(fdt_totalsize(buf_.data()));
    return std::move(buf_);
  }
  void start_tree() { check(fdt_finish_reservemap(buf_.data())); }

  static std::uint32_t hi(std::uint64_t v) { return static_cast<std::uint32_t>(v >> 32); }
  static std::uint32_t lo(std::uint64_t v) { return static_cast<std::uint32_t>(v); }

  struct NoSpace {};

 private:
  static void check(int err) {
    if (err == -FDT_ERR_NOSPACE) throw NoSpace{};
    if (err < 0) throw std::logic_error(std::string("libfdt: ") + fdt_strerror(err));
  }
  std::vector<std::uint8_t> buf_;
};

void write_cpus(FdtWriter& w, const PlatformConfig& p, const NumaDtbInfo* numa) {
  w.begin("cpus");
  w.u32("#address-cells", 1);
  w.u32("#size-cells", 0);
  w.u32("timebase-frequency", static_cast<std::uint32_t>(p.core.timebase_hz));
  for (std::uint32_t h = 0; h < p.harts; ++h) {
    w.begin(fmt::format("cpu@{:x}", h));
    w.str("device_type", "cpu");
    w.u32("reg", h);
    w.str("status", "okay");
    w.str("compatible", "riscv");
    // RV64GC as the harts implement it, in both forms Linux reads
    // (Documentation/devicetree/bindings/riscv/cpus.yaml, extensions.yaml): the ISA string
    // (unprivileged spec §36: single letters, then Z extensions in canonical order) and
    // riscv,isa-base with riscv,isa-extensions, as newer QEMU virt DTBs have them.
    w.str("riscv,isa", "rv64imafdc_zicntr_zicsr_zifencei_zihpm");
    w.str("riscv,isa-base", "rv64i");
    w.strings("riscv,isa-extensions", {"i", "m", "a", "f", "d", "c", "zicntr", "zicsr", "zifencei", "zihpm"});
    w.str("mmu-type", "riscv,sv48");
    if (numa) w.u32("numa-node-id", numa->cpus.at(h).second.value());
    w.begin("interrupt-controller");
    w.u32("#interrupt-cells", 1);
    w.empty("interrupt-controller");
    w.str("compatible", "riscv,cpu-intc");
    w.u32("phandle", h + 1);
    w.end();
    w.end();
  }
  w.end();
}

// One PLIC for all harts (QEMU virt has one per NUMA socket), with QEMU virt's properties:
// contexts in hart order, M-mode then S-mode (Linux
// Documentation/devicetree/bindings/interrupt-controller/sifive,plic-1.0.0.yaml).
void write_plic(FdtWriter& w, const PlatformConfig& p, std::uint32_t plic_phandle) {
  w.begin(fmt::format("plic@{:x}", p.plic.base.value()));
  w.u32("phandle", plic_phandle);
  w.u32("riscv,ndev", p.plic.sources - 1);
  w.reg64(p.plic.base.value(), p.plic.size);
  std::vector<std::uint32_t> irqs;
  for (std::uint32_t h = 0; h < p.harts; ++h) {
    irqs.insert(irqs.end(), {h + 1, kIrqMachineExternal, h + 1, kIrqSupervisorExternal});
  }
  w.cells("interrupts-extended", irqs);
  w.empty("interrupt-controller");
  w.strings("compatible", {"sifive,plic-1.0.0", "riscv,plic0"});
  w.u32("#address-cells", 0);
  w.u32("#interrupt-cells", 1);
  w.end();
}

// Every virtio-mmio slot, filled or not, highest address first as QEMU virt lists them (Linux
// Documentation/devicetree/bindings/virtio/mmio.yaml): a driver finds the disks by probing them.
void write_virtio(FdtWriter& w, const PlatformConfig& p, std::uint32_t plic_phandle) {
  for (std::uint32_t n = p.virtio.slots; n-- > 0;) {
    const std::uint64_t base = p.virtio.base.value() + n * p.virtio.slot_size;
    w.begin(fmt::format("virtio_mmio@{:x}", base));
    w.u32("interrupts", p.virtio.first_irq + n);
    w.u32("interrupt-parent", plic_phandle);
    w.reg64(base, p.virtio.slot_size);
    w.str("compatible", "virtio,mmio");
    w.end();
  }
}

void write_soc(FdtWriter& w, const PlatformConfig& p, std::uint32_t test_phandle, std::uint32_t plic_phandle) {
  w.begin("soc");
  w.u32("#address-cells", 2);
  w.u32("#size-cells", 2);
  w.str("compatible", "simple-bus");
  w.empty("ranges");

  // One CLINT per NUMA node, with its numa-node-id when [numa] was given, as QEMU virt with -numa.
  for (const ClintPlacement& c : clint_placements(p)) {
    w.begin(fmt::format("clint@{:x}", c.cfg.base.value()));
    if (p.numa) w.u32("numa-node-id", c.node.value());
    w.strings("compatible", {"sifive,clint0", "riscv,clint0"});
    w.reg64(c.cfg.base.value(), c.cfg.size);
    std::vector<std::uint32_t> irqs;
    for (std::uint32_t h : c.harts) irqs.insert(irqs.end(), {h + 1, kIrqMachineSoftware, h + 1, kIrqMachineTimer});
    w.cells("interrupts-extended", irqs);
    w.end();
  }

  write_plic(w, p, plic_phandle);
  write_virtio(w, p, plic_phandle);

  // 8250 binding (Documentation/devicetree/bindings/serial/8250.yaml).
  w.begin(fmt::format("serial@{:x}", p.uart.base.value()));
  w.u32("interrupts", kUartIrq);
  w.u32("interrupt-parent", plic_phandle);
  w.str("compatible", "ns16550a");
  w.reg64(p.uart.base.value(), p.uart.size);
  w.u32("clock-frequency", p.uart.clock_hz);
  w.u32("reg-shift", 0);
  w.u32("reg-io-width", 1);
  w.end();

  w.begin(fmt::format("test@{:x}", p.finisher.base.value()));
  w.strings("compatible", {"sifive,test1", "sifive,test0", "syscon"});
  w.reg64(p.finisher.base.value(), p.finisher.size);
  w.u32("phandle", test_phandle);
  w.end();

  // memvp's own device (docs/devices.md): QEMU has no such node, so a kernel finds it only here.
  if (p.event_port.enable) {
    w.begin(fmt::format("event-port@{:x}", p.event_port.base.value()));
    w.str("compatible", "memvp,event-port");
    w.reg64(p.event_port.base.value(), p.event_port.size);
    w.end();
  }
  w.end();
}

// syscon-poweroff / syscon-reboot: how an OS finds the values that end the run.
void write_syscon(FdtWriter& w, const char* node, const char* compatible, std::uint32_t test_phandle, std::uint32_t value) {
  w.begin(node);
  w.str("compatible", compatible);
  w.u32("regmap", test_phandle);
  w.u32("offset", 0);
  w.u32("value", value);
  w.end();
}

std::vector<std::uint8_t> build(const PlatformConfig& p, const std::string& bootargs, const Initrd* initrd,
                                std::size_t capacity) {
  FdtWriter w(capacity);
  w.start_tree();
  w.begin("");
  w.u32("#address-cells", 2);
  w.u32("#size-cells", 2);
  w.strings("compatible", {"riscv-virtio"});
  w.str("model", "memvp," + p.name);

  w.begin("chosen");
  w.str("bootargs", bootargs);
  w.str("stdout-path", fmt::format("/soc/serial@{:x}", p.uart.base.value()));
  // 64-bit values, as QEMU since 8.0 writes them (7.2 wrote one cell; the guest reads either).
  if (initrd) {
    w.u64("linux,initrd-start", initrd->address.value());
    w.u64("linux,initrd-end", initrd->address.value() + initrd->bytes.size());
  }
  w.end();

  // One memory node per NUMA node. The NUMA properties (numa-node-id, the distance map; Linux
  // bindings/numa.txt) only when [numa] was given: QEMU virt without -numa is one node and its
  // DTB says nothing of NUMA (hw/riscv/numa.c), and the guests' consoles are compared with QEMU's.
  const NumaDtbInfo numa = numa_dtb_info(numa_nodes(p));
  for (const NumaDtbMemory& m : numa.memory) {
    w.begin(fmt::format("memory@{:x}", m.base.value()));
    w.str("device_type", "memory");
    w.reg64(m.base.value(), m.size);
    if (p.numa) w.u32("numa-node-id", m.node.value());
    w.end();
  }

  write_cpus(w, p, p.numa ? &numa : nullptr);
  if (p.numa) {
    w.begin("distance-map");
    w.strings("compatible", {"numa-distance-map-v1"});
    w.cells("distance-matrix", numa.distance_matrix);
    w.end();
  }
  const std::uint32_t test_phandle = p.harts + 1;
  write_soc(w, p, test_phandle, test_phandle + 1);
  write_syscon(w, "poweroff", "syscon-poweroff", test_phandle, 0x5555);
  write_syscon(w, "reboot", "syscon-reboot", test_phandle, 0x7777);
  w.end();
  return w.finish();
}

}  // namespace

std::vector<std::uint8_t> build_dtb(const PlatformConfig& p, const std::string& bootargs, const Initrd* initrd) {
  for (std::size_t capacity = 16 * 1024;; capacity *= 2) {
    try {
      return build(p, bootargs, initrd, capacity);
    } catch (const FdtWriter::NoSpace&) {
      if (capacity > 64 * kMiB) throw std::logic_error("libfdt: device tree too large");
    }
  }
}

PhysAddr dtb_address(const PlatformConfig& p, std::uint64_t size) {
  const std::uint64_t base = p.memory.base.value();
  const std::uint64_t end = base + p.memory.size_bytes;
  if (p.dtb.address != 0) {
    if (p.dtb.address < base || end - p.dtb.address < size) {
      throw InputError(fmt::format("dtb.address: the {}-byte DTB at {:#x} does not fit in memory [{:#x}, {:#x})",
                                   size, p.dtb.address, base, end));
    }
    return PhysAddr(p.dtb.address);
  }
  // QEMU hw/riscv/boot.c riscv_compute_fdt_addr(): below 3 GiB when DRAM starts below it, so a
  // 32-bit kernel could reach it, and 2 MiB-aligned so the kernel's linear map stays intact.
  const std::uint64_t top = base < 3072 * kMiB ? std::min(end, 3072 * kMiB) : end;
  if (top - base < size) throw InputError(fmt::format("memory.size: the {}-byte DTB does not fit in memory", size));
  const std::uint64_t addr = (top - size) & ~(2 * kMiB - 1);
  if (addr < base) throw InputError(fmt::format("memory.size: no 2 MiB-aligned room for the {}-byte DTB", size));
  return PhysAddr(addr);
}

}  // namespace memvp
