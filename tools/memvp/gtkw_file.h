// The text of a GTKWave save file (.gtkw) as GTKWave 3.3 writes it (its savefile.c
// write_save_helper): [dumpfile], [timestart], [size], [pos], the marker line, [treeopen], pane
// sizes, then the traces, each after its flags line (@hex) and colour ([color] N), groups
// opened and closed by blank traces flagged TR_GRP_BEGIN and TR_GRP_END.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "tools/memvp/wave_focus.h"
#include "tools/memvp/vcd_scan.h"
#include "tools/memvp/wave_views.h"

namespace memvp::waves_view {

struct GtkwTrace {
  std::string name;  // as GTKWave names a VCD variable: "memvp.hart0.pc[63:0]", "memvp.hart0.mmu.miss"
  Format format = Format::Bin;
  int colour = kDefault;
};

struct GtkwGroup {
  std::string title;
  std::vector<GtkwTrace> traces;
};

struct GtkwFile {
  std::vector<std::string> comments;  // [*] lines
  std::string dumpfile;
  std::uint64_t timestart = 0;
  double zoom = 0;  // GTKWave's zoom: 2^-zoom / 200 time units a pixel
  std::int64_t marker = -1;
  std::vector<std::pair<std::string, std::uint64_t>> named;  // named markers A, B, ... (at most 26)
  std::string tree_open;                                     // the top scope
  std::vector<GtkwGroup> groups;
};

// GTKWave's name of VCD variable `v` under scope `top`: vectors carry their range.
std::string gtkwave_name(const std::string& top, const VcdVar& v);

// The groups, traces, window and markers of `view` on `vcd`, for `focus`.
GtkwFile build_gtkw(const ViewSpec& view, const VcdScan& vcd, const Focus& focus, const std::string& dumpfile);

// The save file's text.
std::string gtkw_text(const GtkwFile& g);

}  // namespace memvp::waves_view
