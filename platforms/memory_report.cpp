// The memory report (memory_report.h): sums the per-hart, per-cache and per-node counters of the
// statistics document and prints shares and rates.
#include "platforms/memory_report.h"

#include <cstdint>
#include <initializer_list>
#include <string_view>

#include <fmt/format.h>

namespace memvp {

namespace {

using Json = nlohmann::ordered_json;

std::uint64_t count(const Json& j, std::initializer_list<std::string_view> path) {
  const Json* node = &j;
  for (std::string_view key : path) {
    const auto it = node->find(std::string(key));
    if (it == node->end()) return 0;
    node = &*it;
  }
  return node->is_number_unsigned() ? node->get<std::uint64_t>() : 0;
}

std::uint64_t harts_sum(const Json& stats, std::initializer_list<std::string_view> path) {
  std::uint64_t sum = 0;
  for (const Json& hart : stats.at("harts")) sum += count(hart, path);
  return sum;
}

std::string percent(std::uint64_t part, std::uint64_t whole) {
  return whole == 0 ? std::string("-") : fmt::format("{:.2f}%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

// Cycles of all harts: by privilege mode, then the page walks and memory stalls among them.
std::string cycles_lines(const Json& stats) {
  const std::uint64_t total = harts_sum(stats, {"cycles"});
  const std::uint64_t user = harts_sum(stats, {"privilege_cycles", "user"});
  const std::uint64_t kernel = harts_sum(stats, {"privilege_cycles", "supervisor"});
  const std::uint64_t machine = harts_sum(stats, {"privilege_cycles", "machine"});
  const std::uint64_t wfi = harts_sum(stats, {"wfi_cycles"});
  const std::uint64_t walks = harts_sum(stats, {"mmu", "walk_cycles"});
  const std::uint64_t fetch = harts_sum(stats, {"stall_cycles", "fetch"});
  const std::uint64_t load = harts_sum(stats, {"stall_cycles", "load"});
  const std::uint64_t store = harts_sum(stats, {"stall_cycles", "store"});
  std::string out = fmt::format("memvp: report: cycles {} (all harts): user {}, kernel {}, machine {}, idle in WFI {}\n",
                                total, percent(user, total), percent(kernel, total), percent(machine, total),
                                percent(wfi, total));
  out += fmt::format("memvp: report: cycles in page walks {}, memory stalls {} (fetch {}, load {}, store {})\n",
                     percent(walks, total), percent(fetch + load + store, total), percent(fetch, total),
                     percent(load, total), percent(store, total));
  return out;
}

std::string tlb_lines(const Json& stats) {
  std::string out = "memvp: report: TLB miss rate:";
  const char* sep = " ";
  for (const char* level : {"l1_itlb", "l1_dtlb", "l2_tlb"}) {
    const std::uint64_t lookups = harts_sum(stats, {"mmu", level, "lookups"});
    out += fmt::format("{}{} {} of {}", sep, level, percent(harts_sum(stats, {"mmu", level, "misses"}), lookups), lookups);
    sep = ", ";
  }
  const std::uint64_t walks = harts_sum(stats, {"mmu", "walks"});
  const std::uint64_t cycles = harts_sum(stats, {"mmu", "walk_cycles"});
  const std::uint64_t probes = harts_sum(stats, {"mmu", "pwc", "probes"});
  const std::uint64_t misses = harts_sum(stats, {"mmu", "pwc", "misses"});
  out += fmt::format("\nmemvp: report: page walks {}, {:.1f} cycles on average; page-walk cache hit rate {}\n", walks,
                     walks == 0 ? 0.0 : static_cast<double>(cycles) / static_cast<double>(walks),
                     percent(probes - misses, probes));
  return out;
}

// Each cache level's misses over its accesses, summed over the harts' L1s and the nodes' L2s.
std::string cache_line(const Json& stats) {
  const auto it = stats.find("caches");
  if (it == stats.end()) return "memvp: report: caches off\n";
  std::uint64_t hits[3]{}, misses[3]{};
  for (const auto& [owner, levels] : it->items()) {
    int i = 0;
    for (const char* level : {"l1i", "l1d", "l2"}) {
      hits[i] += count(levels, {level, "hits"});
      misses[i] += count(levels, {level, "misses"});
      ++i;
    }
  }
  return fmt::format("memvp: report: cache miss rate: l1i {}, l1d {}, l2 {}\n", percent(misses[0], hits[0] + misses[0]),
                     percent(misses[1], hits[1] + misses[1]), percent(misses[2], hits[2] + misses[2]));
}

// Row hits, misses (bank closed) and conflicts (another row open) over the DDR4 nodes' bursts.
std::string dram_line(const Json& stats) {
  std::uint64_t reads = 0, writes = 0, hits = 0, misses = 0, conflicts = 0, bytes = 0;
  bool ddr4 = false;
  for (const Json& node : stats.at("memory")) {
    if (node.value("model", "") != "ddr4") continue;
    ddr4 = true;
    reads += count(node, {"reads"});
    writes += count(node, {"writes"});
    hits += count(node, {"row_hits"});
    misses += count(node, {"row_misses"});
    conflicts += count(node, {"row_conflicts"});
    bytes += count(node, {"bytes"});
  }
  if (!ddr4) return "memvp: report: DRAM not modelled (memory.model = simple)\n";
  const std::uint64_t requests = hits + misses + conflicts;
  const double seconds = stats.at("sim").at("seconds").get<double>();
  return fmt::format("memvp: report: DRAM {} reads, {} writes; row hits {}, misses {}, conflicts {}; {:.3f} GB/s over the run\n",
                     reads, writes, percent(hits, requests), percent(misses, requests), percent(conflicts, requests),
                     seconds > 0 ? static_cast<double>(bytes) / seconds / 1e9 : 0.0);
}

}  // namespace

std::string memory_report(const Json& stats) {
  return cycles_lines(stats) + tlb_lines(stats) + cache_line(stats) + dram_line(stats);
}

}  // namespace memvp
