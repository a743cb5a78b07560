// Grid expansion, per-point overrides and bootargs, and the input hash of `memvp sweep`.
#include "tools/memvp/sweep_grid.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "common/error.h"

namespace memvp::sweep {

GridAxis parse_grid_axis(std::string_view text) {
  const std::size_t eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0) {
    throw InputError("--grid " + std::string(text) + ": expected KEY=V1,V2,...");
  }
  GridAxis axis{std::string(text.substr(0, eq)), {}};
  std::string_view rest = text.substr(eq + 1);
  for (;;) {
    const std::size_t comma = rest.find(',');
    const std::string_view value = rest.substr(0, comma);
    if (value.empty()) throw InputError("--grid " + std::string(text) + ": an empty value");
    axis.values.emplace_back(value);
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  return axis;
}

std::vector<GridPoint> expand_grid(const std::vector<GridAxis>& axes) {
  std::set<std::string> keys;
  std::size_t count = 1;
  for (const auto& axis : axes) {
    if (!keys.insert(axis.key).second) throw InputError("--grid " + axis.key + ": the key is given twice");
    count *= axis.values.size();
  }
  std::vector<GridPoint> points(axes.empty() ? 0 : count);
  for (std::size_t i = 0; i < points.size(); ++i) {
    points[i].index = i;
    // Mixed-radix digits of i, last axis least significant.
    std::size_t rest = i;
    points[i].params.resize(axes.size());
    for (std::size_t a = axes.size(); a-- > 0;) {
      points[i].params[a] = {axes[a].key, axes[a].values[rest % axes[a].values.size()]};
      rest /= axes[a].values.size();
    }
  }
  return points;
}

Design make_design(const Design* file, const std::vector<GridAxis>& axes) {
  Design design;
  std::vector<GridPoint> grid = expand_grid(axes);
  if (axes.empty()) grid.emplace_back();  // the file's points alone
  std::vector<GridPoint> file_points = file ? file->points : std::vector<GridPoint>{};
  if (!file) file_points.emplace_back();
  if (file) design.keys = file->keys;
  for (const auto& axis : axes) {
    if (std::find(design.keys.begin(), design.keys.end(), axis.key) != design.keys.end()) {
      throw InputError("--grid " + axis.key + ": the key is also set by the --grid-file");
    }
    design.keys.push_back(axis.key);
  }
  if (!file && axes.empty()) return design;
  for (const auto& f : file_points) {
    for (const auto& g : grid) {
      GridPoint p{design.points.size(), f.params, f.origin};
      p.params.insert(p.params.end(), g.params.begin(), g.params.end());
      design.points.push_back(std::move(p));
    }
  }
  return design;
}

std::vector<std::string> point_sets(const GridPoint& point) {
  std::vector<std::string> sets;
  for (const auto& [key, value] : point.params) {
    if (!key.starts_with(kBootPrefix) && !value.empty()) sets.push_back(key + "=" + value);
  }
  return sets;
}

std::vector<std::string> point_bootargs(const std::vector<std::string>& base, const GridPoint& point) {
  std::vector<std::string> args = base;
  for (const auto& [key, value] : point.params) {
    if (!key.starts_with(kBootPrefix) || value.empty()) continue;
    const std::string name = key.substr(kBootPrefix.size());
    const std::string token = name + "=" + value;
    bool replaced = false;
    for (auto& arg : args) {
      if (arg == name || arg.starts_with(name + "=")) {
        arg = token;
        replaced = true;
      }
    }
    if (!replaced) args.push_back(token);
  }
  return args;
}

std::string point_id(const GridPoint& point, std::size_t width) {
  std::string id = std::to_string(point.index);
  if (id.size() < width) id.insert(0, width - id.size(), '0');
  return id;
}

std::string describe_point(const GridPoint& point) {
  std::string text;
  for (const auto& [key, value] : point.params) {
    if (!value.empty()) text += (text.empty() ? "" : " ") + key + "=" + value;
  }
  return text;
}

std::string hash_inputs(const std::vector<std::string>& parts) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  const auto mix = [&h](unsigned char byte) {
    h ^= byte;
    h *= 0x100000001b3ULL;
  };
  for (const auto& part : parts) {
    // The length first, so that ("ab", "c") and ("a", "bc") differ.
    for (int shift = 0; shift < 64; shift += 8) mix(static_cast<unsigned char>(part.size() >> shift));
    for (const char c : part) mix(static_cast<unsigned char>(c));
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

}  // namespace memvp::sweep
