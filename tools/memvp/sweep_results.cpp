// The metrics of results.csv, computed from the statistics JSON of one `memvp run`: sums over
// harts (and over NUMA nodes for DRAM), rates per thousand instructions. docs/sweep.md defines
// each column.
#include "tools/memvp/sweep_results.h"

#include <cstdint>
#include <cstdio>

namespace memvp::sweep {

namespace {

using nlohmann::json;

std::string integer(std::uint64_t v) { return std::to_string(v); }

// A real with six significant digits; "" when the denominator is zero.
std::string ratio(double num, double den, double scale = 1.0) {
  if (den == 0) return "";
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", num * scale / den);
  return text;
}

std::uint64_t sum_harts(const json& stats, const json::json_pointer& ptr) {
  std::uint64_t sum = 0;
  for (const auto& hart : stats.at("harts")) sum += hart.at(ptr).get<std::uint64_t>();
  return sum;
}

// Misses of every cache of one kind ("l1i", "l1d": per hart; "l2": per node); none without caches.
std::optional<std::uint64_t> cache_misses(const json& stats, const std::string& level) {
  if (!stats.contains("caches")) return std::nullopt;
  std::uint64_t sum = 0;
  for (const auto& [owner, caches] : stats.at("caches").items()) {
    if (caches.contains(level)) sum += caches.at(level).at("misses").get<std::uint64_t>();
  }
  return sum;
}

}  // namespace

const std::vector<std::string>& metric_columns() {
  static const std::vector<std::string> columns{
      "cycles",          "instructions",     "ipc",          "l1_itlb_misses", "l1_itlb_mpki",
      "l1_dtlb_misses",  "l1_dtlb_mpki",     "l2_tlb_misses", "l2_tlb_mpki",   "walks",
      "walk_mpki",       "avg_walk_cycles",  "walk_cycles_share", "pwc_hit_rate", "l1i_mpki",
      "l1d_mpki",        "l2_mpki",          "dram_row_hit_rate", "host_seconds"};
  return columns;
}

std::vector<std::string> metric_values(const json& stats) {
  const json& sim = stats.at("sim");
  const auto cycles = sim.at("cycles").get<std::uint64_t>();
  const auto instret = sim.at("instret").get<std::uint64_t>();
  const double kilo_instructions = static_cast<double>(instret);
  std::vector<std::string> v{integer(cycles), integer(instret), ratio(instret, cycles)};
  for (const char* tlb : {"l1_itlb", "l1_dtlb", "l2_tlb"}) {
    const std::uint64_t misses = sum_harts(stats, json::json_pointer(std::string("/mmu/") + tlb + "/misses"));
    v.push_back(integer(misses));
    v.push_back(ratio(misses, kilo_instructions, 1000));
  }
  const std::uint64_t walks = sum_harts(stats, json::json_pointer("/mmu/walks"));
  const std::uint64_t walk_cycles = sum_harts(stats, json::json_pointer("/mmu/walk_cycles"));
  v.push_back(integer(walks));
  v.push_back(ratio(walks, kilo_instructions, 1000));
  v.push_back(ratio(walk_cycles, walks));
  // Every hart's cycles: a walk occupies its own hart only.
  v.push_back(ratio(walk_cycles, sum_harts(stats, json::json_pointer("/cycles"))));
  std::uint64_t pwc_hits = 0;
  for (const auto& hart : stats.at("harts")) {
    for (const auto& hits : hart.at("mmu").at("pwc").at("hits_by_level")) pwc_hits += hits.get<std::uint64_t>();
  }
  v.push_back(ratio(pwc_hits, sum_harts(stats, json::json_pointer("/mmu/pwc/probes"))));
  for (const char* level : {"l1i", "l1d", "l2"}) {
    const std::optional<std::uint64_t> misses = cache_misses(stats, level);
    v.push_back(misses ? ratio(*misses, kilo_instructions, 1000) : "");
  }
  std::uint64_t row_hits = 0, row_requests = 0;
  bool ddr4 = false;
  for (const auto& node : stats.at("memory")) {
    if (node.at("model") != "ddr4") continue;
    ddr4 = true;
    row_hits += node.at("row_hits").get<std::uint64_t>();
    row_requests += node.at("row_hits").get<std::uint64_t>() + node.at("row_misses").get<std::uint64_t>() +
                    node.at("row_conflicts").get<std::uint64_t>();
  }
  v.push_back(ddr4 ? ratio(row_hits, row_requests) : "");
  v.push_back(ratio(sim.at("host_seconds").get<double>(), 1));
  return v;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

void write_csv_header(std::ostream& out, const std::vector<GridAxis>& axes) {
  out << "point";
  for (const auto& axis : axes) out << ',' << csv_field(axis.key);
  out << ",exit_status,end_reason";
  for (const auto& column : metric_columns()) out << ',' << column;
  out << ",message\n";
}

void write_csv_row(std::ostream& out, const std::string& id, const GridPoint& point, const PointResult& result) {
  out << id;
  for (const auto& [key, value] : point.params) out << ',' << csv_field(value);
  out << ',' << result.exit_status << ',';
  if (result.stats) {
    out << csv_field(result.stats->at("sim").at("end_reason").get<std::string>());
    for (const auto& value : metric_values(*result.stats)) out << ',' << value;
  } else {
    for (std::size_t i = 0; i < metric_columns().size(); ++i) out << ',';
  }
  out << ',' << csv_field(result.message) << '\n';
}

}  // namespace memvp::sweep
