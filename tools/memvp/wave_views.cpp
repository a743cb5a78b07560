// The four views of waves/ (docs/waves.md "Views"): each row names a signal of docs/waves.md's groups.
#include "tools/memvp/wave_views.h"

namespace memvp::waves_view {

namespace {

using F = Format;

// The hart that missed, its translation and the walk: hart and mmu groups.
GroupSpec hart_walk() {
  return {"hart*",
          {{"pc", F::Hex},
           {"privilege", F::Dec},
           {"stall", F::Dec},
           {"mmu.lookup"},
           {"mmu.access", F::Dec},
           {"mmu.va", F::Hex},
           {"mmu.asid", F::Dec},
           {"mmu.hit_level", F::Dec, kGreen},
           {"mmu.miss", F::Bin, kRed},
           {"mmu.walk_active", F::Bin, kYellow},
           {"mmu.walk_level", F::Dec, kYellow},
           {"mmu.pte_addr", F::Hex, kYellow},
           {"mmu.pwc_hit", F::Bin, kOrange},
           {"mmu.fault", F::Bin, kRed}},
          true};
}

// The caches the walker's PTE reads go through (docs/mmu.md: the walker's socket is bound to
// the hart's L1D).
GroupSpec l1d(bool focus_only) {
  return {"hart*.l1d",
          {{"access"}, {"miss", F::Bin, kRed}, {"writeback"}, {"mshrs", F::Dec, kBlue}, {"fills", F::Dec, kBlue}},
          focus_only};
}
GroupSpec l2() {
  return {"node*.l2",
          {{"access"}, {"miss", F::Bin, kRed}, {"writeback"}, {"mshrs", F::Dec, kBlue}, {"fills", F::Dec, kBlue}},
          false};
}

GroupSpec dram_channel(bool focus_only) {
  return {"node*.dram.ch*", {{"queue", F::Dec, kBlue}, {"rank*_refresh", F::Bin, kOrange}}, focus_only};
}
GroupSpec dram_bank(bool focus_only) {
  return {"node*.dram.ch*.bank*", {{"cmd", F::Dec, kViolet}, {"open", F::Bin, kGreen}, {"row", F::Hex}}, focus_only};
}

GroupSpec os_harts() {
  return {"os.hart*",
          {{"event", F::Bin, kOrange}, {"type", F::Dec}, {"pid", F::Dec}, {"current_pid", F::Dec, kGreen}},
          false};
}

// Each node's free pages per zone, as the kernel's zone_free events report them (memory below
// 4 GiB is DMA32, above it Normal).
GroupSpec os_zones() {
  return {"os.node*", {{"dma32.free_pages", F::Dec, kGreen}, {"normal.free_pages", F::Dec, kGreen}}, false};
}

// The hart whose context switched: its privilege, ASID, flushes and the misses that follow.
GroupSpec hart_switch() {
  return {"hart*",
          {{"pc", F::Hex},
           {"privilege", F::Dec},
           {"mmu.asid", F::Dec, kGreen},
           {"mmu.sfence", F::Bin, kRed},
           {"mmu.satp_flush", F::Bin, kRed},
           {"mmu.lookup"},
           {"mmu.hit_level", F::Dec},
           {"mmu.miss", F::Bin, kOrange},
           {"mmu.walk_active", F::Bin, kYellow}},
          true};
}

GroupSpec virtio() {
  return {"dev.virtio*",
          {{"queue_notify", F::Bin, kOrange},
           {"notified_queue", F::Dec},
           {"chains_in_flight", F::Dec, kBlue},
           {"interrupt", F::Bin, kRed}},
          false};
}

std::vector<ViewSpec> make_views() {
  return {
      {"tlb_miss_walk", "a TLB miss and its walk",
       {hart_walk(), l1d(true), l2(), dram_channel(true), dram_bank(true)}, 400},
      {"dram_banks", "DRAM banks: commands, open rows, queues, refresh", {dram_channel(false), dram_bank(false)}, 2000},
      {"context_switch", "a context switch and its TLB flush", {os_harts(), hart_switch()}, 20000},
      {"kswapd", "kswapd at work: the kernel's events, free pages per zone and the disk's write-back",
       {os_harts(), os_zones(), virtio()}, 200000},
  };
}

}  // namespace

const std::vector<ViewSpec>& views() {
  static const std::vector<ViewSpec> v = make_views();
  return v;
}

const ViewSpec* find_view(const std::string& name) {
  for (const ViewSpec& v : views())
    if (v.name == name) return &v;
  return nullptr;
}

std::string view_names() {
  std::string s;
  for (const ViewSpec& v : views()) s += (s.empty() ? "" : ",") + v.name;
  return s;
}

}  // namespace memvp::waves_view
