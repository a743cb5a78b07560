// Parameters of one DDR4 memory controller, filled from the platform file's [memory.ddr4] table
// (dram_schema.cpp). Timings are in DRAM clocks (tCK); the defaults are DDR4-3200AA 8 Gb x8
// (JESD79-4).
// validate() is the one place that checks them; it reports the bad field by its platform-file key.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/config/config_scope.h"

namespace memvp {

// The table the platform file gives the DDR4 controller's keys in (inside [memory]).
inline constexpr const char* kDdr4Table = "memory.ddr4";

// Every timing constraint of the model, in clocks of tck_ns.
struct Ddr4Timing {
  double tck_ns = 0.625;           // DDR4-3200: 1600 MHz clock
  std::uint32_t burst_length = 8;  // BL8: the burst occupies BL/2 clocks on the data bus
  std::uint32_t tCL = 22;
  std::uint32_t tCWL = 16;
  std::uint32_t tRCD = 22;
  std::uint32_t tRP = 22;
  std::uint32_t tRAS = 52;
  std::uint32_t tRC = 74;
  std::uint32_t tRRD_S = 4;
  std::uint32_t tRRD_L = 8;
  std::uint32_t tCCD_S = 4;
  std::uint32_t tCCD_L = 8;
  std::uint32_t tFAW = 34;
  std::uint32_t tWR = 24;
  std::uint32_t tRTP = 12;
  std::uint32_t tWTR_S = 4;
  std::uint32_t tWTR_L = 12;
  std::uint32_t tRFC = 560;     // 350 ns for 8 Gb
  std::uint32_t tREFI = 12480;  // 7.8 us
  std::uint32_t tRTRS = 2;      // rank-to-rank data-bus switch

  [[nodiscard]] std::uint32_t burst_clocks() const { return burst_length / 2; }
};

struct Ddr4Organisation {
  std::uint32_t channels = 1;
  std::uint32_t ranks = 1;
  std::uint32_t bank_groups = 4;
  std::uint32_t banks_per_group = 4;
  std::uint32_t rows = 65536;
  std::uint32_t columns = 1024;  // device columns per row
  std::uint32_t bus_width_bits = 64;

  [[nodiscard]] std::uint32_t banks_per_rank() const { return bank_groups * banks_per_group; }
  [[nodiscard]] std::uint32_t banks_per_channel() const { return ranks * banks_per_rank(); }
};

enum class PagePolicyKind { Open, Closed };
enum class SchedulerKind { FrFcfs, Fcfs };

struct Ddr4Config {
  std::uint64_t size_bytes = 128ULL << 20;  // backing store; addresses are relative to its start
  Ddr4Timing timing;
  Ddr4Organisation org;
  // Field order of the address, most significant first; the line-offset bits lie below.
  // Fields: Ro (row), Ra (rank), Bg (bank group), Ba (bank), Co (column), Ch (channel).
  std::string address_mapping = "RoBgBaRaCoCh";
  bool xor_bank_bits = false;  // bank group and bank bits XORed with the lowest row bits
  PagePolicyKind page_policy = PagePolicyKind::Open;
  SchedulerKind scheduler = SchedulerKind::FrFcfs;
  std::uint32_t read_queue_depth = 32;      // per channel
  std::uint32_t write_queue_depth = 32;     // per channel
  std::uint32_t write_high_watermark = 24;  // start draining writes at this many queued
  std::uint32_t write_low_watermark = 8;    // stop draining at or below this many
  std::uint32_t starvation_cap = 16;        // younger row hits that may pass an older request
  bool refresh = true;
  bool posted_writes = true;  // b_transport of a write returns once the write is queued
  // Controller pipeline and PHY, in DRAM clocks, charged by Ddr4Controller (not the trace mode):
  // from b_transport's arrival to the queue, and from the end of a read burst to the response.
  // 16 clocks = 10 ns each, gem5's MemCtrl defaults (static_frontend_latency and
  // static_backend_latency, 10 ns: the controller pipeline and the PHY). With them an idle
  // dependent load that misses the caches and meets a row conflict (43.75 ns of DRAM) costs
  // 82-86 ns load-to-use on platforms/default.toml with caches and DDR4 and on numa2's local
  // node, inside the 80-90 ns servers measure.
  std::uint32_t frontend_latency = 16;
  std::uint32_t backend_latency = 16;
  // Off (default): each request is scheduled when b_transport is called, never calling wait().
  // On: b_transport waits until the request's arrival time so the requests of all initiators
  // enter the queues in time order (exact FR-FCFS across initiators); needs initiators that take
  // their local time after the call as sc_time_stamp() + delay (docs/dram.md).
  bool sync_to_arrival = false;
  std::uint32_t latency_histogram_bin = 8;    // cycles per latency-histogram bin
  std::uint32_t latency_histogram_bins = 64;  // the last bin collects everything above

  // Bytes moved by one burst (one "line" of the address map).
  [[nodiscard]] std::uint32_t burst_bytes() const {
    return org.bus_width_bits / 8 * timing.burst_length;
  }
  // Reports the first inconsistent field under `where` (the [memory.ddr4] table; the size is
  // its parent's "size" key).
  void validate(const ConfigScope& where = ConfigScope(kDdr4Table)) const;
};

// Enums by name for the platform file: "open" / "closed", "fr-fcfs" / "fcfs".
[[nodiscard]] const char* to_string(PagePolicyKind k);
[[nodiscard]] const char* to_string(SchedulerKind k);

}  // namespace memvp
