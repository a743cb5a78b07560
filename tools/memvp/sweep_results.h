// DIR/results.csv of `memvp sweep`: the metrics of one point, read from its statistics JSON
// (docs/stats.md), and the CSV's header and rows. The column names are documented in
// docs/sweep.md and stable.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tools/memvp/sweep_grid.h"

namespace memvp::sweep {

// The metric columns, in CSV order (after the point's parameters, exit_status and end_reason).
const std::vector<std::string>& metric_columns();

// The metric columns results.csv shows, as indices into metric_columns(): all of them, in order,
// for an empty list, else the comma-separated names of `list` in its order. Throws InputError on
// an unknown or repeated name.
std::vector<std::size_t> select_metrics(const std::string& list);

// One value per metric column, from a `memvp run --stats` document; "" where a metric does not
// apply (cache MPKI without caches, the row-hit rate without DDR4, a rate with no events).
std::vector<std::string> metric_values(const nlohmann::json& stats);

// What the sweep knows of a point once it has ended.
struct PointResult {
  std::optional<int> exit_status = 0;  // none: the point has no results (`--collect`)
  std::optional<nlohmann::json> stats;  // none: the run wrote no statistics
  std::string message;                  // the run's last "memvp: ..." line, when it failed
  std::vector<std::string> unknown{};   // metric columns written empty whatever stats holds (--one-pass)
};

// The header row: point, the design's keys, exit_status, end_reason, the chosen metrics
// (select_metrics()), message.
void write_csv_header(std::ostream& out, const std::vector<std::string>& keys, const std::vector<std::size_t>& metrics);

// One row, in the header's column order.
void write_csv_row(std::ostream& out, const std::string& id, const GridPoint& point, const PointResult& result,
                   const std::vector<std::size_t>& metrics);

// A CSV field, quoted when it holds a comma, quote or line break (RFC 4180).
std::string csv_field(const std::string& text);

}  // namespace memvp::sweep
