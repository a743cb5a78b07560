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

void DramStats::visit_stats(stats::Visitor& v) const {
  v.counter("reads", reads_, "read bursts served");
  v.counter("writes", writes_, "write bursts served");
  v.counter("row_hits", hits_, "requests whose row was open (RD/WR first)");
  v.counter("row_misses", misses_, "requests that found their bank closed (ACT first)");
  v.counter("row_conflicts", conflicts_, "requests that found another row open (PRE first)");
  v.counter("refreshes", refreshes_, "REF commands issued");
  v.counter("bytes", bytes(), "bytes moved: bursts x burst size");
  v.real("read_latency_avg_cycles", average_read_latency(), "reads, arrival to the end of the data burst, in DRAM clocks");
  v.counter("read_latency_max_cycles", max_latency_.value(), "the longest read, in DRAM clocks");
  v.real("write_latency_avg_cycles", average_write_latency(), "writes, arrival to the end of the write burst, in DRAM clocks");
  v.real("bandwidth_gbps", bandwidth_gbps(), "bytes / (last completion - first arrival), GB/s");
  v.real("average_queue_occupancy", average_queue_occupancy(), "time-averaged requests in the read and write queues");
  v.group("read_latency_histogram", "reads by latency bin, named by the bin's first DRAM clock", [&] {
    for (std::size_t i = 0; i < histogram_.size(); ++i) {
      v.counter(std::to_string(i * cfg_.latency_histogram_bin), histogram_[i], "reads whose latency lies in the bin");
    }
  });
  v.group("bank", "per bank: ch<C>.ra<R>.bg<G>.ba<B>", [&] { visit_banks(v); });
}

// Banks are kept channel-major; the tree nests them channel, rank, bank group, bank.
void DramStats::visit_banks(stats::Visitor& v) const {
  const Ddr4Organisation& o = cfg_.org;
  std::size_t i = 0;
  for (std::size_t ch = 0; ch < banks_.size() / o.banks_per_channel(); ++ch) {
    v.begin_group(fmt::format("ch{}", ch), "one channel");
    for (std::size_t ra = 0; ra < o.ranks; ++ra) {
      v.begin_group(fmt::format("ra{}", ra), "one rank");
      for (std::size_t bg = 0; bg < o.bank_groups; ++bg) {
        v.begin_group(fmt::format("bg{}", bg), "one bank group");
        for (std::size_t ba = 0; ba < o.banks_per_group; ++ba, ++i) {
          const DramBankStats& b = banks_[i];
          v.group(fmt::format("ba{}", ba), "one bank", [&] {
            v.counter("reads", b.reads, "read bursts to the bank");
            v.counter("writes", b.writes, "write bursts to the bank");
            v.counter("row_hits", b.row_hits, "the bank's requests whose row was open");
            v.counter("row_misses", b.row_misses, "the bank's requests that found it closed");
            v.counter("row_conflicts", b.row_conflicts, "the bank's requests that found another row open");
          });
        }
        v.end_group();
      }
      v.end_group();
    }
    v.end_group();
  }
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
