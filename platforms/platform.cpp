// Platform assembly. Bus ports are bound in a fixed order (UART, the CLINTs, PLIC, test finisher,
// the event port when enabled, the virtio slots, then HTIF when the ELF defines tohost); HTIF is mapped last so that it takes precedence over the RAM
// it overlays. The harts (or their caches) reach RAM through their node's bus and the memory system
// (memory_system.h), one node of it on a machine without [numa].
#include "platforms/platform.h"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "common/error.h"
#include "common/tlm/payload.h"
#include "platforms/dtb.h"

namespace memvp {

namespace {

// HTIF windows larger than this are not a tohost/fromhost pair; only tohost is mapped then.
constexpr std::uint64_t kMaxHtifWindow = 4096;

void check_no_overlap(const ElfImage& image, PhysAddr dtb, std::uint64_t dtb_size) {
  for (const auto& s : image.segments) {
    const std::uint64_t a = s.paddr.value();
    if (a < dtb.value() + dtb_size && dtb.value() < a + s.mem_size) {
      throw InputError(fmt::format("{}: segment [{:#x}, {:#x}) overlaps the DTB at [{:#x}, {:#x}) (see dtb.address)",
                                   image.path, a, a + s.mem_size, dtb.value(), dtb.value() + dtb_size));
    }
  }
}

// One PLIC for all harts: two contexts for each (the config's hart count follows the platform's).
PlicConfig plic_config(const PlatformConfig& cfg) {
  PlicConfig c = cfg.plic;
  c.harts = cfg.harts;
  return c;
}

}  // namespace

Platform::Platform(sc_core::sc_module_name name, const PlatformConfig& cfg, const ElfImage& image,
                   const std::string& bootargs, std::ostream& console, RunControl& run, const Initrd* initrd)
    : sc_module(name),
      loader_socket("loader_socket"),
      cfg_(cfg),
      image_(image),
      initrd_(initrd),
      dtb_(build_dtb(cfg, bootargs, initrd)),
      dtb_addr_(memvp::dtb_address(cfg, dtb_.size())),
      bus_("bus", cfg.bus),
      uart_("uart", cfg.uart, console),
      plic_("plic", plic_config(cfg)),
      finisher_("finisher", cfg.finisher, run),
      mtip_("mtip", cfg.harts),
      msip_("msip", cfg.harts),
      meip_("meip", cfg.harts),
      seip_("seip", cfg.harts),
      irq_lines_("irq", cfg.plic.sources) {
  check_elf_fits(image, cfg.memory.base, cfg.memory.size_bytes);
  add_virtio_slots();
  check_no_overlap(image, dtb_addr_, dtb_.size());
  if (initrd) check_initrd_clear(*initrd, image, dtb_addr_, dtb_.size());

  // Ports are numbered in binding order; RAM is not on the system bus: the node buses take it.
  unsigned port = 0;
  auto attach = [&](tlm::tlm_target_socket<>& socket, PhysAddr base, std::uint64_t size) {
    bus_.init_socket.bind(socket);
    bus_.map(port++, base, size);
  };
  attach(uart_.socket, cfg.uart.base, cfg.uart.size);
  // Hart h's CLINT and its slot there.
  std::vector<std::pair<Clint*, std::uint32_t>> clint_of(cfg.harts);
  for (const ClintPlacement& c : clint_placements(cfg)) {
    clints_.push_back(std::make_unique<Clint>(fmt::format("clint{}", c.node.value()).c_str(), c.cfg));
    attach(clints_.back()->socket, c.cfg.base, c.cfg.size);
    for (std::uint32_t slot = 0; slot < c.harts.size(); ++slot) clint_of.at(c.harts[slot]) = {clints_.back().get(), slot};
  }
  attach(plic_.socket, cfg.plic.base, cfg.plic.size);
  // Every source has a line; the UART's is irq_lines_[kUartIrq], though the UART raises none yet.
  for (std::uint32_t id = 0; id < cfg.plic.sources; ++id) plic_.source[id].bind(irq_lines_[id]);
  attach(finisher_.socket, cfg.finisher.base, cfg.finisher.size);
  if (cfg.event_port.enable) {
    event_port_ = std::make_unique<EventPort>("event_port", cfg.event_port);
    attach(event_port_->socket, cfg.event_port.base, cfg.event_port.size);
  }
  for (auto& slot : virtio_) attach(slot->socket, slot->config().base, slot->config().size);

  std::vector<CacheHierarchy::Window> uncached;  // RAM windows the caches must not hold
  if (image.tohost) {
    HtifConfig hc = htif_window(*image.tohost, image.fromhost);
    if (hc.size > kMaxHtifWindow) hc = htif_window(*image.tohost, std::nullopt);
    htif_ = std::make_unique<Htif>("htif", hc, console, run);
    attach(htif_->socket, hc.base, hc.size);
    uncached.emplace_back(hc.base, hc.size);
  }

  memory_system_ = std::make_unique<MemorySystem>(cfg_, bus_, uncached);
  loader_socket.bind(memory_system_->node_bus(0).targ_socket);  // the system bus does not reach RAM
  if (cfg.caches.enabled) {
    for (std::size_t i = 0; i < memory_system_->node_count(); ++i) {
      caches_.push_back(std::make_unique<CacheHierarchy>(cfg_, memory_system_->node_bus(i), uncached, fmt::format("node{}", i)));
    }
  }
  auto caches_of = [&](std::uint32_t h) -> CacheHierarchy& { return *caches_.at(memory_system_->node_of_hart(h)); };
  for (std::uint32_t h = 0; h < cfg.harts; ++h) {
    HartConfig hc = cfg.core;
    hc.hart_id = h;
    if (cfg.caches.enabled) hc.fetch_line_bytes = cfg.caches.l1i.line_bytes;  // the fetch unit's line
    auto hart = std::make_unique<Hart>(fmt::format("hart{}", h).c_str(), hc, run);
    if (!caches_.empty()) {
      caches_of(h).attach(*hart, h);
    } else {
      Bus& bus = memory_system_->node_bus(memory_system_->node_of_hart(h));
      hart->fetch_socket.bind(bus.targ_socket);
      hart->data_socket.bind(bus.targ_socket);
      hart->mmu.ptw_socket.bind(bus.targ_socket);  // page-table walks read PTEs through the bus
    }
    hart->attach_reservation_monitor(reservations_);
    clint_of[h].first->mtip[clint_of[h].second].bind(mtip_[h]);
    clint_of[h].first->msip[clint_of[h].second].bind(msip_[h]);
    hart->mtip.bind(mtip_[h]);
    hart->msip.bind(msip_[h]);
    plic_.context[2 * h].bind(meip_[h]);
    plic_.context[2 * h + 1].bind(seip_[h]);
    hart->meip.bind(meip_[h]);
    hart->seip.bind(seip_[h]);
    harts_.push_back(std::move(hart));
  }
  // Each hierarchy's walkers bind in the order its harts were attached.
  for (std::size_t i = 0; i < caches_.size(); ++i) {
    std::vector<Hart*> harts;
    for (std::uint32_t h = 0; h < cfg.harts; ++h) {
      if (&caches_of(h) == caches_[i].get()) harts.push_back(harts_[h].get());
    }
    caches_[i]->bind_walkers(harts);
  }
  bind_disk_dma();
}

void Platform::add_virtio_slots() {
  disks_.assign(cfg_.disks.size(), nullptr);
  for (std::uint32_t n = 0; n < cfg_.virtio.slots; ++n) {
    virtio::VirtioMmioConfig t;
    t.base = PhysAddr(cfg_.virtio.base.value() + n * cfg_.virtio.slot_size);
    t.size = cfg_.virtio.slot_size;
    t.queue_size_max = cfg_.virtio.queue_size;
    // A DMA burst is one line of the cache it enters, else the 64 bytes a line usually holds.
    t.dma_burst_bytes = cfg_.caches.enabled ? cfg_.caches.l2.line_bytes : 64;
    const std::size_t k = cfg_.virtio.slots - 1 - n;  // the disk in this slot, if any (disk_slot)
    const std::string name = fmt::format("virtio{}", n);
    if (k < cfg_.disks.size()) {
      auto disk = std::make_unique<VirtioBlk>(name.c_str(), t, cfg_.disks[k]);
      disks_[k] = disk.get();
      virtio_.push_back(std::move(disk));
    } else {
      virtio_.push_back(std::make_unique<virtio::VirtioMmio>(name.c_str(), t));
    }
    virtio_.back()->irq.bind(irq_lines_[cfg_.virtio.first_irq + n]);
  }
}

void Platform::bind_disk_dma() {
  for (VirtioBlk* d : disks_) {
    d->attach_reservation_monitor(reservations_);
    if (caches_.empty()) d->dma.bind(memory_system_->node_bus(0).targ_socket);
    else d->dma.bind(caches_.front()->dma_port());
  }
}

Platform::~Platform() = default;

void Platform::finish_memory() {
  for (std::size_t i = 0; i < memory_system_->node_count(); ++i) memory_system_->memory(i).finish();
}

void Platform::visit_stats(stats::Visitor& v) const {
  v.begin_list("harts", "per hart, in hart-id order");
  for (const auto& h : harts_) v.group("", "one hart", *h);
  v.end_list();
  v.begin_list("memory", "one DRAM model per NUMA node, in node order");
  for (std::size_t i = 0; i < memory_system_->node_count(); ++i) v.group("", "the node's DRAM model", memory_system_->memory(i));
  v.end_list();
  v.group("numa", "the NUMA interconnect", memory_system_->interconnect());
  v.group("devices", "the devices that count something", [&] {
    v.group("uart", "the 16550 UART", uart_);
    v.group("plic", "the PLIC", plic_);
    v.begin_list("disks", "the virtio-blk disks, in [[disk]]/--disk order");
    for (const VirtioBlk* d : disks_) v.group("", "one disk", *d);
    v.end_list();
    if (event_port_) v.group("event_port", "the guest kernel's event port", *event_port_);
  });
  if (caches_.empty()) return;
  v.group("caches", "every cache", [&] {
    for (const auto& c : caches_) c->visit_stats(v);
  });
}

void Platform::set_max_cycles(std::uint64_t limit) {
  for (auto& h : harts_) h->set_max_cycles(limit);
}

// One debug transaction never crosses a bus mapping (a segment may span RAM and the HTIF window).
void Platform::write_debug(PhysAddr addr, const std::uint8_t* data, std::size_t len) {
  constexpr std::uint64_t kChunk = 1 << 20;
  for (std::size_t off = 0, n = 0; off < len; off += n) {
    const std::uint64_t a = (addr + off).value();
    std::uint64_t limit = std::min<std::uint64_t>(kChunk, len - off);
    for (const auto& r : memory_system_->node_bus(0).ranges()) {
      if (a >= r.start && a <= r.end) limit = std::min(limit, r.end - a + 1);
    }
    n = static_cast<std::size_t>(limit);
    tlm::tlm_generic_payload gp;
    set_payload(gp, tlm::TLM_WRITE_COMMAND, (addr + off).value(), const_cast<std::uint8_t*>(data + off),
                static_cast<unsigned>(n));
    if (loader_socket->transport_dbg(gp) != n) {
      // check_elf_fits() and dtb_address() placed everything inside memory already.
      throw std::logic_error(fmt::format("platform: debug write of {} bytes at {:#x} failed", n, (addr + off).value()));
    }
  }
}

// Runs once every port is bound and before any process: the boot image goes in by debug
// transport, and each hart starts at the entry with a0 = hart id, a1 = DTB (QEMU virt, -bios none).
void Platform::end_of_elaboration() {
  load_elf(image_, [this](PhysAddr a, const std::uint8_t* d, std::size_t n) { write_debug(a, d, n); });
  write_debug(dtb_addr_, dtb_.data(), dtb_.size());
  if (initrd_) write_debug(initrd_->address, initrd_->bytes.data(), initrd_->bytes.size());
  for (auto& h : harts_) h->reset(image_.entry, dtb_addr_.value());
}

}  // namespace memvp
