// Validation of Ddr4Config: every check that a platform file could fail, each with one line
// naming the field, so a bad [memory] table ends the run before elaboration.
#include "dram/ddr4_config.h"

#include <bit>
#include <string>

#include "common/error.h"
#include "dram/address_mapping.h"

namespace memvp {
namespace {

void require(bool ok, const std::string& what) {
  if (!ok) throw InputError("dram: " + what);
}

void require_pow2(std::uint64_t v, const char* field) {
  require(v != 0 && std::has_single_bit(v), std::string(field) + " must be a power of two");
}

}  // namespace

void Ddr4Config::validate() const {
  const Ddr4Timing& t = timing;
  require(t.tck_ns > 0, "tck_ns must be positive");
  require(t.burst_length == 8 || t.burst_length == 4, "burst_length must be 4 or 8");
  require(t.tCL > 0 && t.tCWL > 0 && t.tRCD > 0 && t.tRP > 0, "tCL, tCWL, tRCD, tRP must be > 0");
  require(t.tRC >= t.tRAS, "tRC must be at least tRAS");
  require(t.tRRD_L >= t.tRRD_S, "tRRD_L must be at least tRRD_S");
  require(t.tCCD_L >= t.tCCD_S, "tCCD_L must be at least tCCD_S");
  require(t.tCCD_S >= t.burst_clocks(), "tCCD_S must cover a burst (BL/2)");
  require(t.tWTR_L >= t.tWTR_S, "tWTR_L must be at least tWTR_S");
  require(t.tRFC > 0, "tRFC must be > 0");
  require(!refresh || t.tREFI > t.tRFC, "tREFI must exceed tRFC");
  require_pow2(org.channels, "channels");
  require_pow2(org.ranks, "ranks");
  require_pow2(org.bank_groups, "bank_groups");
  require_pow2(org.banks_per_group, "banks_per_group");
  require_pow2(org.rows, "rows");
  require_pow2(org.columns, "columns");
  require(org.bus_width_bits % 8 == 0 && org.bus_width_bits > 0,
          "bus_width_bits must be a multiple of 8");
  require_pow2(burst_bytes(), "bus_width_bits/8 * burst_length");
  require(org.columns >= t.burst_length, "columns must be at least burst_length");
  require(size_bytes > 0 && size_bytes % burst_bytes() == 0,
          "size_bytes must be a positive multiple of the burst size");
  require(read_queue_depth > 0 && write_queue_depth > 0, "queue depths must be > 0");
  require(write_high_watermark <= write_queue_depth,
          "write_high_watermark must not exceed write_queue_depth");
  require(write_low_watermark < write_high_watermark,
          "write_low_watermark must be below write_high_watermark");
  require(latency_histogram_bin > 0 && latency_histogram_bins > 0,
          "latency histogram must have bins");
  AddressMapping mapping(*this);  // throws on a bad bit-order string
  require(size_bytes <= mapping.capacity_bytes(),
          "size_bytes exceeds the capacity of the DRAM organisation");
}

const char* to_string(PagePolicyKind k) { return k == PagePolicyKind::Open ? "open" : "closed"; }
const char* to_string(SchedulerKind k) { return k == SchedulerKind::FrFcfs ? "fr-fcfs" : "fcfs"; }

std::optional<PagePolicyKind> page_policy_from_string(std::string_view s) {
  if (s == "open") return PagePolicyKind::Open;
  if (s == "closed") return PagePolicyKind::Closed;
  return std::nullopt;
}

std::optional<SchedulerKind> scheduler_from_string(std::string_view s) {
  if (s == "fr-fcfs") return SchedulerKind::FrFcfs;
  if (s == "fcfs") return SchedulerKind::Fcfs;
  return std::nullopt;
}

}  // namespace memvp
