// Statistics of one DDR4 controller: request and row-buffer outcome counts per bank, a latency
// histogram, achieved bandwidth, refreshes and average queue occupancy, under the stable names
// documented in docs/dram.md and docs/stats.md.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

#include "common/stats/stats.h"
#include "dram/ddr4_config.h"
#include "dram/dram_types.h"

namespace memvp {

enum class RowOutcome { Hit, Miss, Conflict };  // open right row / bank closed / other row open

struct DramBankStats {
  std::uint64_t reads = 0;
  std::uint64_t writes = 0;
  std::uint64_t row_hits = 0;
  std::uint64_t row_misses = 0;
  std::uint64_t row_conflicts = 0;
};

class DramStats : public stats::Group {
 public:
  explicit DramStats(const Ddr4Config& cfg);

  void record_outcome(ChannelId ch, std::uint32_t flat_bank, RowOutcome o);
  // A request finished: arrival and end of its data burst, in DRAM clocks.
  void record_done(ChannelId ch, std::uint32_t flat_bank, bool write, Cycles arrival, Cycles done);
  void record_refresh() { ++refreshes_; }
  // Queue occupancy integral: `queued` requests were waiting during [from, to).
  void record_occupancy(std::uint64_t queued, Cycles from, Cycles to);

  [[nodiscard]] std::uint64_t reads() const { return reads_; }
  [[nodiscard]] std::uint64_t writes() const { return writes_; }
  [[nodiscard]] std::uint64_t row_hits() const { return hits_; }
  [[nodiscard]] std::uint64_t row_misses() const { return misses_; }
  [[nodiscard]] std::uint64_t row_conflicts() const { return conflicts_; }
  [[nodiscard]] std::uint64_t refreshes() const { return refreshes_; }
  [[nodiscard]] std::uint64_t bytes() const { return (reads_ + writes_) * burst_bytes_; }
  [[nodiscard]] const DramBankStats& bank(ChannelId ch, std::uint32_t flat_bank) const;
  // Read latencies (arrival to end of the data burst); writes are posted, so theirs (arrival to
  // end of the write burst, including the wait in the write queue) are kept apart.
  [[nodiscard]] const std::vector<std::uint64_t>& read_latency_histogram() const {
    return histogram_;
  }
  [[nodiscard]] double average_read_latency() const;   // cycles
  [[nodiscard]] double average_write_latency() const;  // cycles
  [[nodiscard]] Cycles max_read_latency() const { return max_latency_; }
  // Bytes moved over the span from the first arrival to the last completion, in GB/s.
  [[nodiscard]] double bandwidth_gbps() const;
  [[nodiscard]] double average_queue_occupancy() const;

  void visit_stats(stats::Visitor& v) const override;
  void print(std::ostream& os) const;

 private:
  void visit_banks(stats::Visitor& v) const;

  const Ddr4Config& cfg_;
  std::uint32_t burst_bytes_;
  std::vector<DramBankStats> banks_;  // channel-major
  std::vector<std::uint64_t> histogram_;
  std::uint64_t reads_ = 0, writes_ = 0, hits_ = 0, misses_ = 0, conflicts_ = 0, refreshes_ = 0;
  std::uint64_t read_latency_sum_ = 0, write_latency_sum_ = 0;
  Cycles max_latency_{0};
  Cycles first_arrival_ = kNever;
  Cycles last_done_{0};
  double occupancy_integral_ = 0;
  std::uint64_t occupancy_span_ = 0;
};

}  // namespace memvp
