// DramStats: counting, the latency histogram and the named/printed views.
#include "dram/dram_stats.h"

#include <fmt/format.h>

#include <ostream>

namespace memvp {

DramStats::DramStats(const Ddr4Config& cfg)
    : cfg_(cfg),
      burst_bytes_(cfg.burst_bytes()),
      banks_(std::size_t{cfg.org.channels} * cfg.org.banks_per_channel()),
      histogram_(cfg.latency_histogram_bins) {}

const DramBankStats& DramStats::bank(ChannelId ch, std::uint32_t flat_bank) const {
  return banks_.at(ch.value() * cfg_.org.banks_per_channel() + flat_bank);
}

void DramStats::record_outcome(ChannelId ch, std::uint32_t flat_bank, RowOutcome o) {
  DramBankStats& b = banks_.at(ch.value() * cfg_.org.banks_per_channel() + flat_bank);
  switch (o) {
    case RowOutcome::Hit:
      ++b.row_hits;
      ++hits_;
      break;
    case RowOutcome::Miss:
      ++b.row_misses;
      ++misses_;
      break;
    case RowOutcome::Conflict:
      ++b.row_conflicts;
      ++conflicts_;
      break;
  }
}

void DramStats::record_done(ChannelId ch, std::uint32_t flat_bank, bool write, Cycles arrival,
                            Cycles done) {
  DramBankStats& b = banks_.at(ch.value() * cfg_.org.banks_per_channel() + flat_bank);
  if (write) {
    ++b.writes;
    ++writes_;
  } else {
    ++b.reads;
    ++reads_;
  }
  const Cycles lat = done - arrival;
  if (write) {
    write_latency_sum_ += lat.value();
  } else {
    read_latency_sum_ += lat.value();
    max_latency_ = max_cycles(max_latency_, lat);
    const std::uint64_t bin = lat.value() / cfg_.latency_histogram_bin;
    ++histogram_[std::min<std::uint64_t>(bin, histogram_.size() - 1)];
  }
  first_arrival_ = min_cycles(first_arrival_, arrival);
  last_done_ = max_cycles(last_done_, done);
}

void DramStats::record_occupancy(std::uint64_t queued, Cycles from, Cycles to) {
  if (to <= from) return;
  const std::uint64_t span = (to - from).value();
  occupancy_integral_ += static_cast<double>(queued) * static_cast<double>(span);
  occupancy_span_ += span;
}

double DramStats::average_read_latency() const {
  return reads_ ? static_cast<double>(read_latency_sum_) / static_cast<double>(reads_) : 0.0;
}

double DramStats::average_write_latency() const {
  return writes_ ? static_cast<double>(write_latency_sum_) / static_cast<double>(writes_) : 0.0;
}

double DramStats::bandwidth_gbps() const {
  if (reads_ + writes_ == 0 || last_done_ <= first_arrival_) return 0.0;
  const double ns = static_cast<double>((last_done_ - first_arrival_).value()) * cfg_.timing.tck_ns;
  return static_cast<double>(bytes()) / ns;  // bytes per ns = GB/s
}

double DramStats::average_queue_occupancy() const {
  return occupancy_span_ ? occupancy_integral_ / static_cast<double>(occupancy_span_) : 0.0;
}

std::vector<std::pair<std::string, double>> DramStats::named_values() const {
  auto d = [](std::uint64_t v) { return static_cast<double>(v); };
  std::vector<std::pair<std::string, double>> v{
      {"reads", d(reads_)},
      {"writes", d(writes_)},
      {"row_hits", d(hits_)},
      {"row_misses", d(misses_)},
      {"row_conflicts", d(conflicts_)},
      {"refreshes", d(refreshes_)},
      {"bytes", d(bytes())},
      {"read_latency_avg_cycles", average_read_latency()},
      {"read_latency_max_cycles", d(max_latency_.value())},
      {"write_latency_avg_cycles", average_write_latency()},
      {"bandwidth_gbps", bandwidth_gbps()},
      {"average_queue_occupancy", average_queue_occupancy()},
  };
  for (std::size_t i = 0; i < histogram_.size(); ++i)
    v.emplace_back(fmt::format("read_latency_histogram.{}", i * cfg_.latency_histogram_bin),
                   d(histogram_[i]));
  const Ddr4Organisation& o = cfg_.org;
  for (std::size_t i = 0; i < banks_.size(); ++i) {
    const std::size_t ch = i / o.banks_per_channel(), in_ch = i % o.banks_per_channel();
    const std::size_t ra = in_ch / o.banks_per_rank(),
                      bg = in_ch / o.banks_per_group % o.bank_groups;
    const std::string p =
        fmt::format("bank.ch{}.ra{}.bg{}.ba{}.", ch, ra, bg, in_ch % o.banks_per_group);
    const DramBankStats& b = banks_[i];
    v.emplace_back(p + "reads", d(b.reads));
    v.emplace_back(p + "writes", d(b.writes));
    v.emplace_back(p + "row_hits", d(b.row_hits));
    v.emplace_back(p + "row_misses", d(b.row_misses));
    v.emplace_back(p + "row_conflicts", d(b.row_conflicts));
  }
  return v;
}

void DramStats::print(std::ostream& os) const {
  os << fmt::format(
      "reads {}\nwrites {}\nrow_hits {}\nrow_misses {}\nrow_conflicts {}\nrefreshes {}\n", reads_,
      writes_, hits_, misses_, conflicts_, refreshes_);
  os << fmt::format("read_latency_avg_cycles {:.2f}\nread_latency_max_cycles {}\n",
                    average_read_latency(), max_latency_.value());
  os << fmt::format("write_latency_avg_cycles {:.2f}\nbandwidth_gbps {:.3f}\n",
                    average_write_latency(), bandwidth_gbps());
  os << fmt::format("average_queue_occupancy {:.3f}\n", average_queue_occupancy());
  os << "read_latency_histogram (bin start in cycles: count)\n";
  for (std::size_t i = 0; i < histogram_.size(); ++i)
    if (histogram_[i])
      os << fmt::format("  {}: {}\n", i * cfg_.latency_histogram_bin, histogram_[i]);
}

}  // namespace memvp
