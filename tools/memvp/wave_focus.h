// Where a view looks in a run: the first occurrence in the VCD of what the view is about (a TLB
// miss whose walk read DRAM, a context switch after a TLB flush, kswapd's longest run, a row
// activation), the markers on it, the time window around it, and the instances of the view's
// focus-only groups (the hart that missed, the banks its walk read).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "tools/memvp/vcd_scan.h"
#include "tools/memvp/wave_views.h"

namespace memvp::waves_view {

struct Focus {
  std::int64_t marker = -1;  // the primary marker (VCD time), -1: the run has no such event
  std::vector<std::pair<std::string, std::uint64_t>> named;  // named markers A, B, ... in order
  std::uint64_t from = 0, to = 0;                            // the window shown
  std::vector<std::string> instances;                        // "hart1", "node0.dram.ch0.bank5"
  // Whether a focus-only group's `instance` is shown: it is one of `instances`, inside one
  // ("hart1.l1d") or holds one ("node0.dram.ch0"). Without instances (the run has no such
  // event), the group's first instance is shown (`first`).
  [[nodiscard]] bool shows(const std::string& instance, bool first) const;
};

// Reads the VCD's changes (once) to find the focus of `view`.
Focus find_focus(const ViewSpec& view, VcdScan& vcd);

}  // namespace memvp::waves_view
