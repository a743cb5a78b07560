// Picking a view's traces from the VCD's variables and writing them as GTKWave does.
#include "tools/memvp/gtkw_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <regex>

namespace memvp::waves_view {

namespace {

// The window GTKWave opens ([size]) and its panes: the tree (sst), the signal names, and what
// is left for the waves, which the zoom is computed for.
constexpr int kWidth = 1600, kHeight = 1000, kSstWidth = 200, kSignalsWidth = 300;
constexpr int kWavePixels = kWidth - kSstWidth - kSignalsWidth - 30;

// GTKWave's trace flags TR_BLANK, TR_GRP_BEGIN and TR_GRP_END (analyzer.h).
constexpr std::uint32_t kBlank = 0x200, kGroupBegin = 0x800000, kGroupEnd = 0x1000000;
constexpr int kNamedMarkers = 26;  // WAVE_NUM_NAMED_MARKERS: A .. Z

// A name pattern as a regular expression: '*' stands for a number, everything else for itself.
std::string pattern(const std::string& p) {
  std::string re;
  for (char c : p) {
    if (c == '*') re += "[0-9]+";
    else if (c == '.') re += "\\.";
    else re += c;
  }
  return re;
}

// The instances of `g` in the VCD, in declaration order.
std::vector<std::string> instances(const GroupSpec& g, const VcdScan& vcd) {
  std::string rows;
  for (const RowSpec& r : g.rows) {
    if (!rows.empty()) rows += '|';
    rows += pattern(r.signal);
  }
  const std::regex re(fmt::format("({})\\.(?:{})", pattern(g.scope), rows));
  std::vector<std::string> out;
  std::smatch m;
  for (const VcdVar& v : vcd.vars())
    if (std::regex_match(v.name, m, re) && std::find(out.begin(), out.end(), m[1].str()) == out.end())
      out.push_back(m[1].str());
  return out;
}

GtkwGroup group(const std::string& instance, const GroupSpec& g, const VcdScan& vcd) {
  GtkwGroup out{instance, {}};
  for (const RowSpec& r : g.rows) {
    const std::regex re(pattern(instance) + "\\." + pattern(r.signal));
    for (const VcdVar& v : vcd.vars())
      if (std::regex_match(v.name, re)) out.traces.push_back({gtkwave_name(vcd.top_scope(), v), r.format, r.colour});
  }
  return out;
}

}  // namespace

std::string gtkwave_name(const std::string& top, const VcdVar& v) {
  const std::string name = top.empty() ? v.name : top + "." + v.name;
  return v.width > 1 ? fmt::format("{}[{}:0]", name, v.width - 1) : name;
}

GtkwFile build_gtkw(const ViewSpec& view, const VcdScan& vcd, const Focus& focus, const std::string& dumpfile) {
  GtkwFile g;
  g.comments = {fmt::format("memvp waves {}: {}", view.name, view.title)};
  g.dumpfile = dumpfile;
  g.timestart = focus.from;
  const double units = static_cast<double>(std::max<std::uint64_t>(focus.to - focus.from, 1));
  g.zoom = -std::log2(units * 200.0 / kWavePixels);
  g.marker = focus.marker;
  g.named = focus.named;
  g.tree_open = vcd.top_scope();
  for (const GroupSpec& spec : view.groups) {
    const std::vector<std::string> all = instances(spec, vcd);
    for (const std::string& inst : all) {
      if (spec.focus_only && !focus.shows(inst, inst == all.front())) continue;
      GtkwGroup grp = group(inst, spec, vcd);
      if (!grp.traces.empty()) g.groups.push_back(std::move(grp));
    }
  }
  return g;
}

std::string gtkw_text(const GtkwFile& g) {
  std::string s = "[*]\n";
  for (const std::string& c : g.comments) s += "[*] " + c + "\n";
  s += "[*]\n";
  s += fmt::format("[dumpfile] \"{}\"\n[timestart] {}\n[size] {} {}\n[pos] -1 -1\n", g.dumpfile, g.timestart, kWidth,
                   kHeight);
  s += fmt::format("*{:.6f} {}", g.zoom, g.marker);
  for (int i = 0; i < kNamedMarkers; ++i)
    s += fmt::format(" {}", i < static_cast<int>(g.named.size()) ? static_cast<std::int64_t>(g.named[i].second) : -1);
  s += "\n";
  for (std::size_t i = 0; i < g.named.size() && i < kNamedMarkers; ++i)
    s += fmt::format("[markername] {}{}\n", static_cast<char>('A' + i), g.named[i].first);
  if (!g.tree_open.empty()) s += "[treeopen] " + g.tree_open + ".\n";
  s += fmt::format("[sst_width] {}\n[signals_width] {}\n[sst_expanded] 1\n[sst_vpaned_height] 300\n", kSstWidth,
                   kSignalsWidth);
  std::uint32_t flags = 0;  // GTKWave writes a flags line only when they change
  auto set_flags = [&](std::uint32_t f) {
    if (f != flags) s += fmt::format("@{:x}\n", f);
    flags = f;
  };
  for (const GtkwGroup& grp : g.groups) {
    set_flags(kGroupBegin | kBlank);
    s += "-" + grp.title + "\n";
    for (const GtkwTrace& t : grp.traces) {
      set_flags(static_cast<std::uint32_t>(t.format));
      if (t.colour != kDefault) s += fmt::format("[color] {}\n", t.colour);
      s += t.name + "\n";
    }
    set_flags(kGroupEnd | kBlank);
    s += "-" + grp.title + "\n";
  }
  s += "[pattern_trace] 1\n[pattern_trace] 0\n";
  return s;
}

}  // namespace memvp::waves_view
