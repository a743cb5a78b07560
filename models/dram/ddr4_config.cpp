// Validation of Ddr4Config: every check that a platform file could fail, each with one line
// naming the field, so a bad [memory] table ends the run before elaboration.
#include "dram/ddr4_config.h"

#include <bit>
#include <string>

#include "common/error.h"
#include "dram/address_mapping.h"

namespace memvp {

void Ddr4Config::validate(const ConfigScope& where) const {
  const Ddr4Timing& t = timing;
  auto require_pow2 = [&](std::uint64_t v, const char* key) {
    where.require(v != 0 && std::has_single_bit(v), key, "must be a power of two");
  };
  where.require(t.tck_ns > 0, "tck_ns", "must be positive");
  where.require(t.burst_length == 8 || t.burst_length == 4, "burst_length", "must be 4 or 8");
  for (const auto& [v, key] : {std::pair{t.tCL, "tCL"}, {t.tCWL, "tCWL"}, {t.tRCD, "tRCD"}, {t.tRP, "tRP"}}) {
    where.require(v > 0, key, "must be > 0");
  }
  where.require(t.tRC >= t.tRAS, "tRC", "must be at least tRAS");
  where.require(t.tRRD_L >= t.tRRD_S, "tRRD_L", "must be at least tRRD_S");
  where.require(t.tCCD_L >= t.tCCD_S, "tCCD_L", "must be at least tCCD_S");
  where.require(t.tCCD_S >= t.burst_clocks(), "tCCD_S", "must cover a burst (BL/2)");
  where.require(t.tWTR_L >= t.tWTR_S, "tWTR_L", "must be at least tWTR_S");
  where.require(t.tRFC > 0, "tRFC", "must be > 0");
  where.require(!refresh || t.tREFI > t.tRFC, "tREFI", "must exceed tRFC");
  require_pow2(org.channels, "channels");
  require_pow2(org.ranks, "ranks");
  require_pow2(org.bank_groups, "bank_groups");
  require_pow2(org.banks_per_group, "banks_per_group");
  require_pow2(org.rows, "rows");
  require_pow2(org.columns, "columns");
  where.require(org.bus_width_bits % 8 == 0 && org.bus_width_bits > 0, "bus_width_bits", "must be a multiple of 8");
  where.require(std::has_single_bit(burst_bytes()), "bus_width_bits",
                "bus_width_bits/8 * burst_length must be a power of two");
  where.require(org.columns >= t.burst_length, "columns", "must be at least burst_length");
  // The size is the enclosing [memory] table's key.
  where.parent().require(size_bytes > 0 && size_bytes % burst_bytes() == 0, "size",
                         "must be a positive multiple of the burst size");
  where.require(read_queue_depth > 0, "read_queue_depth", "must be > 0");
  where.require(write_queue_depth > 0, "write_queue_depth", "must be > 0");
  where.require(write_high_watermark <= write_queue_depth, "write_high_watermark",
                "must not exceed write_queue_depth");
  where.require(write_low_watermark < write_high_watermark, "write_low_watermark",
                "must be below write_high_watermark");
  where.require(latency_histogram_bin > 0, "latency_histogram_bin", "must be > 0");
  where.require(latency_histogram_bins > 0, "latency_histogram_bins", "must be > 0");
  if (const auto problem = AddressMapping::bit_order_problem(address_mapping)) where.fail("address_mapping", *problem);
  where.parent().require(size_bytes <= AddressMapping(*this).capacity_bytes(), "size",
                         "exceeds the capacity of the DRAM organisation");
}

const char* to_string(PagePolicyKind k) { return k == PagePolicyKind::Open ? "open" : "closed"; }
const char* to_string(SchedulerKind k) { return k == SchedulerKind::FrFcfs ? "fr-fcfs" : "fcfs"; }

}  // namespace memvp
