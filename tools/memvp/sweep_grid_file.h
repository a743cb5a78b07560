// `memvp sweep --grid-file FILE`: irregular designs, one point per `[[point]]` table of a TOML
// file or per row of a CSV file whose header names the keys (docs/sweep.md, "Grid files").
#pragma once

#include <string>
#include <string_view>

#include "tools/memvp/sweep_grid.h"

namespace memvp::sweep {

// Reads FILE by its extension (.toml or .csv). Each point's values are in the returned keys'
// order (first appearance), "" for a key the point does not set, and its origin is "FILE:LINE".
// Throws InputError naming the file and line of the first malformed point.
Design read_grid_file(const std::string& path);

// The same from text already read; `origin` names it in messages and points.
Design parse_grid_toml(std::string_view text, const std::string& origin);
Design parse_grid_csv(std::string_view text, const std::string& origin);

}  // namespace memvp::sweep
