// The grid of `memvp sweep` (docs/sweep.md): --grid KEY=V1,V2,... axes, their cross product in
// grid order (the last axis varies fastest), each point's --set overrides and bootargs, and the
// hash of a point's inputs that --resume compares.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace memvp::sweep {

// One --grid axis: a platform key (or "boot.NAME", a bootarg) and its values in order.
struct GridAxis {
  std::string key;
  std::vector<std::string> values;
};

// One point of the grid: its index in grid order and one value per key of its design, in the
// design's key order; an empty value leaves the key as the base platform has it (a --grid-file
// point need not set every key).
struct GridPoint {
  std::size_t index = 0;
  std::vector<std::pair<std::string, std::string>> params;
  std::string origin;  // where a --grid-file point was written ("FILE:LINE"); empty for --grid
};

// The sweep's points and the keys they set: the parameter columns of results.csv, in order.
struct Design {
  std::vector<std::string> keys;
  std::vector<GridPoint> points;
};

inline constexpr std::string_view kBootPrefix = "boot.";

// Parses "KEY=V1,V2,...". Throws InputError on a missing '=', an empty key or an empty value.
GridAxis parse_grid_axis(std::string_view text);

// The cross product of the axes, first axis slowest. Throws InputError when two axes name the
// same key (the later one would silently win).
std::vector<GridPoint> expand_grid(const std::vector<GridAxis>& axes);

// The points of a --grid-file (none: only the axes) crossed with the --grid axes, each file
// point once per combination of the axes' values (file points slowest), numbered in that order.
// Throws InputError when an axis names a key the file sets too.
Design make_design(const Design* file, const std::vector<GridAxis>& axes);

// The point's platform overrides ("key=value", after the sweep's own --set options).
std::vector<std::string> point_sets(const GridPoint& point);

// The bootarg tokens of a point: `base` with every boot.NAME=V of the point replacing any
// "NAME" or "NAME=..." token of base, or appended when base has none.
std::vector<std::string> point_bootargs(const std::vector<std::string>& base, const GridPoint& point);

// The point's name in DIR/points/: its grid index, zero-padded to `width` digits.
std::string point_id(const GridPoint& point, std::size_t width);

// "key=value key=value" (the keys it sets): the point as the sweep names it in messages.
std::string describe_point(const GridPoint& point);

// FNV-1a (64-bit) over the length-prefixed parts, as 16 hex digits: the inputs' fingerprint
// that --resume compares (ELF bytes, platform file bytes, overrides, bootargs).
std::string hash_inputs(const std::vector<std::string>& parts);

}  // namespace memvp::sweep
