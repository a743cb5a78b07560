// What `memvp trace FILE summary` and `histogram` compute: counts by access, outcome and
// source, TLB hit rates, walk costs, faults by cause, exact latency percentiles (nearest
// rank), groups per page size, ASID and hart, and the pages that needed the most walks.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/trace/translation_record.h"

namespace memvp::trace {

// Every latency seen, counted exactly, so percentiles need no second pass.
class LatencyCounts {
 public:
  void add(std::uint32_t cycles);
  [[nodiscard]] std::uint64_t count() const { return count_; }
  [[nodiscard]] double mean() const { return count_ ? static_cast<double>(sum_) / count_ : 0.0; }
  [[nodiscard]] std::uint32_t min() const { return count_ ? min_ : 0; }
  [[nodiscard]] std::uint32_t max() const { return max_; }
  // Nearest rank: the smallest latency L with at least ceil(p/100 × count) latencies ≤ L.
  [[nodiscard]] std::uint32_t percentile(double p) const;
  // Number of latencies in [lo, hi].
  [[nodiscard]] std::uint64_t count_between(std::uint32_t lo, std::uint32_t hi) const;

 private:
  static constexpr std::uint32_t kDense = 1u << 16;  // latencies below are counted in a vector
  std::vector<std::uint64_t> dense_ = std::vector<std::uint64_t>(kDense, 0);
  std::map<std::uint32_t, std::uint64_t> sparse_;
  std::uint64_t count_ = 0;
  std::uint64_t sum_ = 0;
  std::uint32_t min_ = UINT32_MAX;
  std::uint32_t max_ = 0;
};

struct GroupStats {
  std::uint64_t translations = 0;
  std::uint64_t l1_hits = 0;  // by source: where the translation came from
  std::uint64_t l2_hits = 0;
  std::uint64_t walks = 0;
  std::uint64_t faults = 0;
  std::uint64_t latency_sum = 0;
  void add(const TranslationRecord& r);
  [[nodiscard]] double avg_latency() const {
    return translations ? static_cast<double>(latency_sum) / translations : 0.0;
  }
};

struct PageWalks {
  std::uint16_t asid = 0;
  std::uint64_t page_va = 0;        // VA of the page's first byte
  std::uint8_t page_size_log2 = 0;  // 12 when the walk found no leaf
  std::uint64_t walks = 0;
};

struct Summary {
  std::uint64_t translations = 0;
  std::array<std::uint64_t, 4> by_access{};   // fetch, load, store, amo
  std::array<std::uint64_t, 4> by_outcome{};  // l1_hit, l2_hit, walk, fault
  std::array<std::uint64_t, 4> by_source{};   // l1, l2, walk, none
  // L1 lookups are translations that reached the TLBs (source != none); L2 lookups those the
  // L1 missed (source l2 or walk). Faults count where their PTE came from.
  std::uint64_t l1_lookups = 0;
  std::uint64_t l2_lookups = 0;
  double l1_hit_rate = 0;
  double l2_hit_rate = 0;
  std::uint64_t walks = 0;  // == by_source[walk]
  std::uint64_t walk_cycles = 0;
  std::uint64_t pte_reads = 0;
  std::uint64_t pwc_hits = 0;           // levels served by the page-walk cache
  std::uint64_t walks_with_pwc_hit = 0;
  std::uint64_t ad_updates = 0;
  std::map<std::uint8_t, std::uint64_t> faults_by_cause;
  LatencyCounts latency;
  std::map<std::uint8_t, GroupStats> by_page_size;  // key page_size_log2 (0: no leaf)
  std::map<std::uint16_t, GroupStats> by_asid;
  std::map<std::uint16_t, GroupStats> by_hart;
  std::vector<PageWalks> top_pages;  // most walks first; ties by ASID then VA
};

class SummaryBuilder {
 public:
  void add(const TranslationRecord& r);
  // The summary of everything added; `top_pages` keeps the `top_n` most-walked pages.
  [[nodiscard]] Summary finish(std::size_t top_n = 10);

 private:
  Summary s_;
  struct PageKey {
    std::uint64_t page_va;
    std::uint16_t asid;
    std::uint8_t log2;
    bool operator==(const PageKey&) const = default;
  };
  struct PageKeyHash {
    std::size_t operator()(const PageKey& k) const {
      return std::hash<std::uint64_t>{}(k.page_va ^ (std::uint64_t{k.asid} << 48) ^ k.log2);
    }
  };
  std::unordered_map<PageKey, std::uint64_t, PageKeyHash> page_walks_;
};

// The text `memvp trace summary` prints.
std::string format_summary(const Summary& s, const FileHeader& h, const std::string& path);

// The latency histogram: `bins` equal-width bins over [min, max], or with `log2` one bin per
// power of two; each line "lo..hi  count  percent  bar".
std::string format_histogram(const LatencyCounts& lat, unsigned bins, bool log2);

}  // namespace memvp::trace
