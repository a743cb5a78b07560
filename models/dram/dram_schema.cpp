// [memory.ddr4] and the simple model's key: one row per field (key = field name, range), the
// enums by the names the DRAM block defines (to_string).
#include "dram/dram_schema.h"

namespace memvp {

namespace {

constexpr std::uint32_t kMaxClocks = 1'000'000;
constexpr std::uint32_t kMaxQueue = 4096;

// DRAM clocks. Zero is allowed where the model has a use for it (switching a constraint off);
// Ddr4Config::validate() checks the relations between them.
KeyTable<Ddr4Timing> timing_keys() {
  using T = Ddr4Timing;
  return {{
      real_key("tck_ns", &T::tck_ns, 0.01, 1000.0),
      uint_key("burst_length", &T::burst_length, 4, 8),
      uint_key("tCL", &T::tCL, 1, kMaxClocks),       uint_key("tCWL", &T::tCWL, 1, kMaxClocks),
      uint_key("tRCD", &T::tRCD, 1, kMaxClocks),     uint_key("tRP", &T::tRP, 1, kMaxClocks),
      uint_key("tRAS", &T::tRAS, 0, kMaxClocks),     uint_key("tRC", &T::tRC, 0, kMaxClocks),
      uint_key("tRRD_S", &T::tRRD_S, 0, kMaxClocks), uint_key("tRRD_L", &T::tRRD_L, 0, kMaxClocks),
      uint_key("tCCD_S", &T::tCCD_S, 1, kMaxClocks), uint_key("tCCD_L", &T::tCCD_L, 1, kMaxClocks),
      uint_key("tFAW", &T::tFAW, 0, kMaxClocks),     uint_key("tWR", &T::tWR, 0, kMaxClocks),
      uint_key("tRTP", &T::tRTP, 0, kMaxClocks),     uint_key("tWTR_S", &T::tWTR_S, 0, kMaxClocks),
      uint_key("tWTR_L", &T::tWTR_L, 0, kMaxClocks), uint_key("tRFC", &T::tRFC, 1, kMaxClocks),
      uint_key("tREFI", &T::tREFI, 1, kMaxClocks),   uint_key("tRTRS", &T::tRTRS, 0, kMaxClocks),
  }};
}

KeyTable<Ddr4Organisation> organisation_keys() {
  using O = Ddr4Organisation;
  return {{
      pow2_key("channels", &O::channels, 1, 64),
      pow2_key("ranks", &O::ranks, 1, 16),
      pow2_key("bank_groups", &O::bank_groups, 1, 16),
      pow2_key("banks_per_group", &O::banks_per_group, 1, 16),
      pow2_key("rows", &O::rows, 1, 1u << 24),
      pow2_key("columns", &O::columns, 1, 1u << 16),
      uint_key("bus_width_bits", &O::bus_width_bits, 8, 1024),
  }};
}

}  // namespace

// sync_to_arrival has no key: the hart assumes a target never calls wait() inside b_transport,
// so the synchronised mode is not offered to platform files (docs/dram.md, "Timing modes").
const KeyTable<Ddr4Config>& ddr4_keys() {
  using C = Ddr4Config;
  auto name = [](auto kind) { return to_string(kind); };
  static const KeyTable<C> keys{{
      group_key(&C::timing, timing_keys()),
      group_key(&C::org, organisation_keys()),
      uint_key("read_queue_depth", &C::read_queue_depth, 1, kMaxQueue),
      uint_key("write_queue_depth", &C::write_queue_depth, 1, kMaxQueue),
      uint_key("write_high_watermark", &C::write_high_watermark, 1, kMaxQueue),
      uint_key("write_low_watermark", &C::write_low_watermark, 0, kMaxQueue),
      uint_key("starvation_cap", &C::starvation_cap, 0, kMaxClocks),
      uint_key("frontend_latency", &C::frontend_latency, 0, kMaxClocks),
      uint_key("backend_latency", &C::backend_latency, 0, kMaxClocks),
      uint_key("latency_histogram_bin", &C::latency_histogram_bin, 1, kMaxClocks),
      uint_key("latency_histogram_bins", &C::latency_histogram_bins, 1, kMaxQueue),
      string_key("address_mapping", &C::address_mapping),
      bool_key("xor_bank_bits", &C::xor_bank_bits),
      enum_key("page_policy", &C::page_policy, named({PagePolicyKind::Open, PagePolicyKind::Closed}, name)),
      enum_key("scheduler", &C::scheduler, named({SchedulerKind::FrFcfs, SchedulerKind::Fcfs}, name)),
      bool_key("refresh", &C::refresh),
      bool_key("posted_writes", &C::posted_writes),
  }};
  return keys;
}

const KeyTable<SimpleMemoryConfig>& simple_memory_keys() {
  static const KeyTable<SimpleMemoryConfig> keys{{
      uint_key("latency_cycles", &SimpleMemoryConfig::latency_cycles, 0, 100'000),
  }};
  return keys;
}

}  // namespace memvp
