// Summary statistics and the latency histogram of a translation trace.
#include "trace_summary.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>

namespace memvp::trace {

void LatencyCounts::add(std::uint32_t cycles) {
  if (cycles < kDense) ++dense_[cycles];
  else ++sparse_[cycles];
  ++count_;
  sum_ += cycles;
  min_ = std::min(min_, cycles);
  max_ = std::max(max_, cycles);
}

std::uint32_t LatencyCounts::percentile(double p) const {
  if (count_ == 0) return 0;
  const auto rank = std::max<std::uint64_t>(
      1, static_cast<std::uint64_t>(std::ceil(p * static_cast<double>(count_) / 100.0 - 1e-9)));
  std::uint64_t seen = 0;
  for (std::uint32_t v = min_; v < kDense && v <= max_; ++v)
    if ((seen += dense_[v]) >= rank) return v;
  for (const auto& [v, c] : sparse_)
    if ((seen += c) >= rank) return v;
  return max_;
}

std::uint64_t LatencyCounts::count_between(std::uint32_t lo, std::uint32_t hi) const {
  std::uint64_t n = 0;
  for (std::uint64_t v = lo; v <= hi && v < kDense; ++v) n += dense_[v];
  for (auto it = sparse_.lower_bound(lo); it != sparse_.end() && it->first <= hi; ++it)
    n += it->second;
  return n;
}

void GroupStats::add(const TranslationRecord& r) {
  ++translations;
  l1_hits += r.source == static_cast<std::uint8_t>(Outcome::L1Hit);
  l2_hits += r.source == static_cast<std::uint8_t>(Outcome::L2Hit);
  walks += r.source == static_cast<std::uint8_t>(Outcome::Walk);
  faults += r.outcome == static_cast<std::uint8_t>(Outcome::Fault);
  latency_sum += r.latency_cycles;
}

void SummaryBuilder::add(const TranslationRecord& r) {
  ++s_.translations;
  ++s_.by_access[r.access & 3];
  ++s_.by_outcome[r.outcome & 3];
  ++s_.by_source[r.source & 3];
  if (r.outcome == static_cast<std::uint8_t>(Outcome::Fault)) ++s_.faults_by_cause[r.fault_cause];
  s_.latency.add(r.latency_cycles);
  s_.by_page_size[r.page_size_log2].add(r);
  s_.by_asid[r.asid].add(r);
  s_.by_hart[r.hart].add(r);
  if (r.source != static_cast<std::uint8_t>(Outcome::Walk)) return;
  s_.walk_cycles += r.walk_cycles;
  s_.pte_reads += r.pte_reads;
  const int pwc = std::popcount(r.pwc_mask);
  s_.pwc_hits += static_cast<std::uint64_t>(pwc);
  s_.walks_with_pwc_hit += pwc > 0;
  s_.ad_updates += r.ad_cycles > 0;
  const std::uint8_t log2 = r.page_size_log2 ? r.page_size_log2 : 12;
  const std::uint64_t base = log2 < 64 ? r.va & ~((std::uint64_t{1} << log2) - 1) : 0;
  ++page_walks_[PageKey{base, r.asid, log2}];
}

Summary SummaryBuilder::finish(std::size_t top_n) {
  Summary s = s_;
  s.l1_lookups = s.translations - s.by_source[kSourceNone];
  s.l2_lookups = s.by_source[1] + s.by_source[2];
  s.l1_hit_rate = s.l1_lookups ? static_cast<double>(s.by_source[0]) / s.l1_lookups : 0.0;
  s.l2_hit_rate = s.l2_lookups ? static_cast<double>(s.by_source[1]) / s.l2_lookups : 0.0;
  s.walks = s.by_source[2];
  std::vector<PageWalks> pages;
  pages.reserve(page_walks_.size());
  for (const auto& [k, n] : page_walks_) pages.push_back({k.asid, k.page_va, k.log2, n});
  auto before = [](const PageWalks& a, const PageWalks& b) {
    if (a.walks != b.walks) return a.walks > b.walks;
    if (a.asid != b.asid) return a.asid < b.asid;
    return a.page_va < b.page_va;
  };
  const std::size_t n = std::min(top_n, pages.size());
  std::partial_sort(pages.begin(), pages.begin() + static_cast<std::ptrdiff_t>(n), pages.end(), before);
  pages.resize(n);
  s.top_pages = std::move(pages);
  return s;
}

namespace {

double pct(std::uint64_t part, std::uint64_t whole) {
  return whole ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

std::string page_size_label(std::uint8_t log2) {
  switch (log2) {
    case 0: return "none";
    case 12: return "4K";
    case 21: return "2M";
    case 30: return "1G";
    case 39: return "512G";
    default: return fmt::format("2^{}", log2);
  }
}

void format_group(std::string& out, const std::string& label, const GroupStats& g) {
  fmt::format_to(std::back_inserter(out),
                 "  {:<8} {:>12} {:>12} {:>12} {:>10} {:>10} {:>9.2f}\n", label, g.translations,
                 g.l1_hits, g.l2_hits, g.walks, g.faults, g.avg_latency());
}

void format_group_header(std::string& out, const char* title) {
  fmt::format_to(std::back_inserter(out), "\n{}\n  {:<8} {:>12} {:>12} {:>12} {:>10} {:>10} {:>9}\n",
                 title, "", "translations", "l1", "l2", "walks", "faults", "avg_lat");
}

}  // namespace

std::string format_summary(const Summary& s, const FileHeader& h, const std::string& path) {
  std::string out;
  auto o = std::back_inserter(out);
  fmt::format_to(o, "trace {}: format version {}, {} harts, clock period {} ps\n", path, h.version,
                 h.harts, h.clock_period_ps);
  fmt::format_to(o, "translations {}\n", s.translations);
  for (std::uint8_t a = 0; a < 4; ++a)
    fmt::format_to(o, "  {:<6} {:>12} {:>7.2f} %\n", access_name(a), s.by_access[a],
                   pct(s.by_access[a], s.translations));
  fmt::format_to(o, "outcomes\n");
  for (std::uint8_t k = 0; k < 4; ++k)
    fmt::format_to(o, "  {:<6} {:>12} {:>7.2f} %\n", outcome_name(k), s.by_outcome[k],
                   pct(s.by_outcome[k], s.translations));
  fmt::format_to(o, "L1 TLB hit rate {:.2f} % ({} of {} lookups)\n", 100.0 * s.l1_hit_rate,
                 s.by_source[0], s.l1_lookups);
  fmt::format_to(o, "L2 TLB hit rate {:.2f} % ({} of {} lookups)\n", 100.0 * s.l2_hit_rate,
                 s.by_source[1], s.l2_lookups);
  fmt::format_to(o, "walks {}: avg {:.2f} cycles, {:.2f} PTE reads; PWC hits {} in {} walks; "
                 "A/D updates {}\n",
                 s.walks, s.walks ? static_cast<double>(s.walk_cycles) / s.walks : 0.0,
                 s.walks ? static_cast<double>(s.pte_reads) / s.walks : 0.0, s.pwc_hits,
                 s.walks_with_pwc_hit, s.ad_updates);
  fmt::format_to(o, "faults {}\n", s.by_outcome[3]);
  for (const auto& [cause, n] : s.faults_by_cause)
    fmt::format_to(o, "  cause {:>3} {:>12}\n", cause, n);
  const LatencyCounts& l = s.latency;
  fmt::format_to(o, "latency cycles: avg {:.2f}  p50 {}  p90 {}  p99 {}  max {}\n", l.mean(),
                 l.percentile(50), l.percentile(90), l.percentile(99), l.max());
  format_group_header(out, "per page size");
  for (const auto& [log2, g] : s.by_page_size) format_group(out, page_size_label(log2), g);
  format_group_header(out, "per ASID");
  for (const auto& [asid, g] : s.by_asid) format_group(out, std::to_string(asid), g);
  format_group_header(out, "per hart");
  for (const auto& [hart, g] : s.by_hart) format_group(out, std::to_string(hart), g);
  fmt::format_to(o, "\ntop {} pages by walks\n  {:>6} {:>18} {:>5} {:>10}\n", s.top_pages.size(),
                 "asid", "va", "size", "walks");
  for (const PageWalks& p : s.top_pages)
    fmt::format_to(o, "  {:>6} {:#018x} {:>5} {:>10}\n", p.asid, p.page_va,
                   page_size_label(p.page_size_log2), p.walks);
  return out;
}

std::string format_histogram(const LatencyCounts& lat, unsigned bins, bool log2) {
  std::string out;
  auto o = std::back_inserter(out);
  if (lat.count() == 0) return "no translations\n";
  struct Bin {
    std::uint32_t lo, hi;
    std::uint64_t n;
  };
  std::vector<Bin> rows;
  if (log2) {
    // Bin k holds [2^(k-1), 2^k - 1]; bin 0 holds latency 0.
    for (unsigned k = std::bit_width(lat.min()); k <= static_cast<unsigned>(std::bit_width(lat.max())); ++k) {
      const std::uint32_t lo = k == 0 ? 0 : std::uint32_t{1} << (k - 1);
      const std::uint32_t hi = k == 0 ? 0 : static_cast<std::uint32_t>((std::uint64_t{1} << k) - 1);
      rows.push_back({lo, hi, lat.count_between(lo, hi)});
    }
  } else {
    const std::uint64_t span = std::uint64_t{lat.max()} - lat.min() + 1;
    const std::uint64_t width = (span + std::max(bins, 1u) - 1) / std::max(bins, 1u);
    for (std::uint64_t lo = lat.min(); lo <= lat.max(); lo += width) {
      const std::uint64_t hi = std::min<std::uint64_t>(lo + width - 1, lat.max());
      rows.push_back({static_cast<std::uint32_t>(lo), static_cast<std::uint32_t>(hi),
                      lat.count_between(static_cast<std::uint32_t>(lo), static_cast<std::uint32_t>(hi))});
    }
  }
  std::uint64_t peak = 1;
  for (const Bin& b : rows) peak = std::max(peak, b.n);
  constexpr unsigned kBarWidth = 50;
  fmt::format_to(o, "{:>21} {:>12} {:>8}\n", "latency cycles", "count", "percent");
  for (const Bin& b : rows) {
    const auto bar = static_cast<std::size_t>((b.n * kBarWidth + peak - 1) / peak);
    fmt::format_to(o, "{:>10}..{:<9} {:>12} {:>7.2f}% {}\n", b.lo, b.hi, b.n, pct(b.n, lat.count()),
                   std::string(bar, '#'));
  }
  return out;
}

}  // namespace memvp::trace
