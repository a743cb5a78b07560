// Trace-driven mode for validating the DDR4 model against other DRAM simulators: requests come
// from a text trace in DRAMsim3's format, one per line, "0xADDR READ|WRITE CYCLE" (cycles in
// DRAM clocks, non-decreasing; blank lines and lines starting with '#' are skipped).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <vector>

#include "dram/ddr4_config.h"

namespace memvp {

struct DramTraceRecord {
  std::uint64_t address;
  bool write;
  std::uint64_t cycle;
};

// The last cycle a request may arrive at. The channels model every refresh up to the last
// request (one each tREFI per rank), through idle gaps too, so the last cycle bounds a run's
// host time: 2^36 DRAM clocks (43 s of DDR4-3200) take seconds; 2^64 would never end.
inline constexpr std::uint64_t kMaxDramTraceCycle = 1ULL << 36;

// Parses the whole trace. Throws InputError "dram trace line N: <problem>" on the first bad line.
// Addresses must lie within the organisation's capacity.
[[nodiscard]] std::vector<DramTraceRecord> parse_dram_trace(const Ddr4Config& cfg,
                                                            std::istream& in);

// Validates cfg, runs the trace through the controller's channels (no SystemC needed) and
// writes one line per request in trace order (id, address, op, arrival, done, latency in
// cycles; CSV with a header when csv is set), then the summary statistics (as "# name value"
// lines in CSV mode). Returns exit_status::kPass; bad input throws InputError.
int run_dram_trace(const Ddr4Config& cfg, std::istream& trace, std::ostream& out, bool csv);

}  // namespace memvp
