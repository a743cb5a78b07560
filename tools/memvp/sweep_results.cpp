// The metrics of results.csv, computed from the statistics JSON of one `memvp run`: sums over
// harts (and over NUMA nodes for DRAM), rates per thousand instructions. docs/sweep.md defines
// each column.
#include "tools/memvp/sweep_results.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "common/error.h"
#include "mmu/latency_histogram.h"

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

// The 99th percentile (nearest rank: the smallest latency at least 99% of translations did not
// exceed) of every hart's summed latency histogram, as the last latency of its bucket, so exact
// below 16 cycles and at most 1/8 above the true value beyond; "" without translations.
std::string p99_latency(const json& stats) {
  std::vector<std::uint64_t> sum(mmu::kLatencyBuckets);
  std::uint64_t total = 0;
  for (const auto& hart : stats.at("harts")) {
    if (!hart.at("mmu").contains("latency_histogram")) return "";  // statistics of an older memvp
    const json& h = hart.at("mmu").at("latency_histogram");
    for (std::size_t b = 0; b < std::min(sum.size(), h.size()); ++b) sum[b] += h[b].get<std::uint64_t>();
  }
  for (const std::uint64_t n : sum) total += n;
  if (total == 0) return "";
  const std::uint64_t rank = (total * 99 + 99) / 100;  // ceil(0.99 total)
  std::uint64_t seen = 0;
  unsigned b = 0;
  for (; b + 1 < sum.size() && seen + sum[b] < rank; ++b) seen += sum[b];
  // The open-ended last bucket reports its first latency.
  return integer(b + 1 < sum.size() ? mmu::latency_bucket_last(b) : mmu::latency_bucket_first(b));
}

}  // namespace

const std::vector<std::string>& metric_columns() {
  static const std::vector<std::string> columns{
      "cycles",          "instructions",     "ipc",          "l1_itlb_misses", "l1_itlb_mpki",
      "l1_dtlb_misses",  "l1_dtlb_mpki",     "l2_tlb_misses", "l2_tlb_mpki",   "walks",
      "walk_mpki",       "avg_walk_cycles",  "walk_cycles_share", "pwc_hit_rate", "l1i_mpki",
      "l1d_mpki",        "l2_mpki",          "dram_row_hit_rate", "host_seconds",
      "avg_translation_cycles", "p99_translation_cycles"};
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
  v.push_back(ratio(sum_harts(stats, json::json_pointer("/mmu/translation_cycles")),
                    sum_harts(stats, json::json_pointer("/mmu/translations"))));
  v.push_back(p99_latency(stats));
  return v;
}

std::vector<std::size_t> select_metrics(const std::string& list) {
  const std::vector<std::string>& columns = metric_columns();
  std::vector<std::size_t> chosen;
  if (list.empty()) {
    for (std::size_t i = 0; i < columns.size(); ++i) chosen.push_back(i);
    return chosen;
  }
  std::size_t from = 0;
  for (;;) {
    const std::size_t comma = list.find(',', from);
    const std::string name = list.substr(from, comma == std::string::npos ? std::string::npos : comma - from);
    const auto it = std::find(columns.begin(), columns.end(), name);
    if (it == columns.end()) {
      std::string known;
      for (const auto& c : columns) known += (known.empty() ? "" : ", ") + c;
      throw InputError("--metrics " + list + ": no metric '" + name + "' (known: " + known + ")");
    }
    const auto index = static_cast<std::size_t>(it - columns.begin());
    if (std::find(chosen.begin(), chosen.end(), index) != chosen.end()) {
      throw InputError("--metrics " + list + ": " + name + " is given twice");
    }
    chosen.push_back(index);
    if (comma == std::string::npos) return chosen;
    from = comma + 1;
  }
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

void write_csv_header(std::ostream& out, const std::vector<std::string>& keys, const std::vector<std::size_t>& metrics) {
  out << "point";
  for (const auto& key : keys) out << ',' << csv_field(key);
  out << ",exit_status,end_reason";
  for (const std::size_t m : metrics) out << ',' << metric_columns().at(m);
  out << ",message\n";
}

void write_csv_row(std::ostream& out, const std::string& id, const GridPoint& point, const PointResult& result,
                   const std::vector<std::size_t>& metrics) {
  out << id;
  for (const auto& [key, value] : point.params) out << ',' << csv_field(value);
  out << ',' << (result.exit_status ? std::to_string(*result.exit_status) : std::string()) << ',';
  if (result.stats) {
    out << csv_field(result.stats->at("sim").at("end_reason").get<std::string>());
    const std::vector<std::string> values = metric_values(*result.stats);
    for (const std::size_t m : metrics) {
      const bool unknown = std::find(result.unknown.begin(), result.unknown.end(), metric_columns().at(m)) !=
                           result.unknown.end();
      out << ',' << (unknown ? std::string() : values.at(m));
    }
  } else {
    for (std::size_t i = 0; i < metrics.size(); ++i) out << ',';
  }
  out << ',' << csv_field(result.message) << '\n';
}

}  // namespace memvp::sweep
