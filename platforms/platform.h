// The generic platform builder (STYLE rule 2: platforms are data): from a PlatformConfig it
// instantiates the harts, the bus, the DRAM model (make_dram_model) and devices, binds their sockets
// and interrupt lines, maps every target on the bus, and at the end of elaboration loads the ELF
// and the DTB and resets every hart to the entry point as QEMU virt does with -bios none.
#pragma once

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include "common/run_control.h"
#include "common/stats/stats.h"
#include "common/waves/wave_groups.h"
#include "common/waves/wave_recorder.h"
#include "core/hart.h"
#include "devices/clint.h"
#include "devices/event_port/event_port.h"
#include "devices/plic.h"
#include "devices/htif.h"
#include "devices/test_finisher.h"
#include "devices/uart16550.h"
#include "devices/virtio/virtio_mmio.h"
#include "devices/virtio_blk/virtio_blk.h"
#include "interconnect/bus.h"
#include "platforms/cache_hierarchy.h"
#include "platforms/elf_loader.h"
#include "platforms/initrd.h"
#include "platforms/dram_model.h"
#include "platforms/memory_system.h"
#include "platforms/platform_config.h"

namespace memvp {

class Platform : public sc_core::sc_module, public stats::Group {
 public:
  // Writes the boot image into the bus with debug transport, so any target can be loaded.
  tlm_utils::simple_initiator_socket<Platform> loader_socket;

  // Throws InputError when the image does not fit the platform (a segment outside memory, or
  // overlapping the DTB). `image` is loaded at the end of elaboration and `console` receives
  // the UART's and HTIF's output: both must outlive the platform.
  // `initrd`, when given, is loaded too and must outlive the platform as well.
  Platform(sc_core::sc_module_name name, const PlatformConfig& cfg, const ElfImage& image,
           const std::string& bootargs, std::ostream& console, RunControl& run, const Initrd* initrd = nullptr);
  ~Platform() override;

  [[nodiscard]] const PlatformConfig& config() const { return cfg_; }
  [[nodiscard]] std::size_t hart_count() const { return harts_.size(); }
  [[nodiscard]] const Hart& hart(std::size_t i) const { return *harts_.at(i); }
  [[nodiscard]] Hart& hart(std::size_t i) { return *harts_.at(i); }
  // Node 0's DRAM model (memory_system() has every node's).
  [[nodiscard]] const DramModel& memory() const { return memory_system_->memory(0); }
  [[nodiscard]] DramModel& memory() { return memory_system_->memory(0); }
  // The memory side: numa_nodes(config()) nodes, one without [numa].
  [[nodiscard]] const MemorySystem& memory_system() const { return *memory_system_; }
  [[nodiscard]] MemorySystem& memory_system() { return *memory_system_; }
  [[nodiscard]] const Bus& bus() const { return bus_; }
  [[nodiscard]] bool has_htif() const { return htif_ != nullptr; }
  // The cache hierarchies (one per NUMA node, else one), empty when harts reach memory directly.
  [[nodiscard]] const std::vector<std::unique_ptr<CacheHierarchy>>& caches() const { return caches_; }
  [[nodiscard]] PhysAddr dtb_address() const { return dtb_addr_; }
  // The disks in [[disk]]/--disk order.
  [[nodiscard]] const std::vector<VirtioBlk*>& disks() const { return disks_; }
  [[nodiscard]] const std::vector<std::uint8_t>& dtb() const { return dtb_; }
  // The event port ([event_port] enable), else null.
  [[nodiscard]] EventPort* event_port() { return event_port_.get(); }

  // The statistics of every block (docs/stats.md): "harts", "memory", "numa", "devices", "caches";
  // "devices" has "event_port" when the port is enabled.
  void visit_stats(stats::Visitor& v) const override;

  // Ends the run for every DRAM model (DramModel::finish), before statistics are read.
  void finish_memory();

  // Has every block of the selected groups register its signals with `rec` and report to it
  // (platform_waves.cpp, docs/waves.md). Call before the simulation starts; `rec` must
  // outlive the run.
  void attach_waves(waves::WaveRecorder& rec, waves::GroupSet groups);

  // Every hart stops the run once its mcycle reaches `limit` (0: no limit).
  void set_max_cycles(std::uint64_t limit);

 private:
  void end_of_elaboration() override;
  // Maps the virtio slots on the system bus and wires their interrupts; DMA binds later.
  void add_virtio_slots();
  // Each disk's DMA enters memory at node 0: through its L2 when there are caches (as an
  // I/O-coherent master), else through the node's bus.
  void bind_disk_dma();
  void write_debug(PhysAddr addr, const std::uint8_t* data, std::size_t len);

  PlatformConfig cfg_;
  const ElfImage& image_;
  const Initrd* initrd_;
  std::vector<std::uint8_t> dtb_;
  PhysAddr dtb_addr_;

  Bus bus_;
  Uart16550 uart_;
  std::vector<std::unique_ptr<Clint>> clints_;  // one per NUMA node (clint_placements)
  Plic plic_;                                   // one for all harts, also with [numa]
  TestFinisher finisher_;
  std::unique_ptr<Htif> htif_;
  std::unique_ptr<EventPort> event_port_;
  // virtio.slots transports by slot; slot disk_slot(cfg, k) holds disk k (a VirtioBlk).
  std::vector<std::unique_ptr<virtio::VirtioMmio>> virtio_;
  std::vector<VirtioBlk*> disks_;                // in disk order
  ReservationMonitor reservations_{cfg_.harts};  // LR/SC reservations of all harts
  std::unique_ptr<MemorySystem> memory_system_;  // RAM and the interconnect, per node
  std::vector<std::unique_ptr<CacheHierarchy>> caches_;  // [cache] enabled: one per node
  std::vector<std::unique_ptr<Hart>> harts_;
  sc_core::sc_vector<sc_core::sc_signal<bool>> mtip_, msip_;
  sc_core::sc_vector<sc_core::sc_signal<bool>> meip_, seip_;  // the PLIC's contexts 2h and 2h + 1
  sc_core::sc_vector<sc_core::sc_signal<bool>> irq_lines_;     // PLIC source lines; 0 is unused
};

}  // namespace memvp
