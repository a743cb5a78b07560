// The views of `memvp waves` (docs/waves.md "Views"): for each, the groups of signals it shows,
// as patterns over the signal names of docs/waves.md, since the names depend on the platform
// (harts, nodes, channels, banks, disks).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace memvp::waves_view {

// GTKWave's trace flags (its analyzer.h TR_*): the value format, right-justified.
enum class Format : std::uint32_t { Hex = 0x22, Dec = 0x24, Bin = 0x28 };

// GTKWave's trace colours ([color] N).
enum Colour : int { kDefault = 0, kRed = 1, kOrange = 2, kYellow = 3, kGreen = 4, kBlue = 5, kIndigo = 6, kViolet = 7 };

struct RowSpec {
  std::string signal;  // under the group's instance: "mmu.va", "rank*_refresh"
  Format format = Format::Bin;
  int colour = kDefault;
};

struct GroupSpec {
  std::string scope;  // the instances: "hart*", "node*.dram.ch*.bank*"; '*' stands for a number
  std::vector<RowSpec> rows;
  bool focus_only = false;  // only the instances the view's focus picks (wave_focus.h)
};

struct ViewSpec {
  std::string name;   // tlb_miss_walk
  std::string title;  // "a TLB miss and its walk"
  std::vector<GroupSpec> groups;
  std::uint64_t span_cycles = 0;  // hart cycles shown when the focus gives no end
};

const std::vector<ViewSpec>& views();
// The view called `name`, or nullptr.
const ViewSpec* find_view(const std::string& name);
// "tlb_miss_walk,dram_banks,..." for messages.
std::string view_names();

}  // namespace memvp::waves_view
