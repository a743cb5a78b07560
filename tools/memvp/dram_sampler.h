// The DRAM trace of `memvp run --trace FILE` (docs/trace.md, "DRAM trace"): the bytes each
// DDR4 channel of each node reads and writes per interval of kDramSampleCycles hart cycles,
// counted from the controllers' column commands, written to FILE.dram when the run ends.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <utility>

#include <systemc>

#include "common/trace/dram_record.h"
#include "common/trace/trace_writer.h"
#include "platforms/platform.h"

namespace memvp {

class DramSampler {
 public:
  // Watches every node whose memory has DRAM commands and, if one has, creates `path` (InputError
  // naming it when it cannot).
  DramSampler(Platform& platform, std::string path, const trace::TraceFileInfo& info, const sc_core::sc_time& hart_period);

  // Writes the samples in cycle order (then node, channel) and closes the file. Throws
  // InputError if it cannot be written.
  void close();

 private:
  void burst(std::uint16_t node, const sc_core::sc_time& at, unsigned channel, bool write, unsigned bytes);

  using Key = std::tuple<std::uint64_t, std::uint16_t, std::uint16_t>;  // interval, node, channel
  std::uint64_t hart_period_ticks_;
  std::unique_ptr<trace::TranslationTraceWriter> writer_;  // opened at once, so that a bad path fails before the run
  std::map<Key, std::pair<std::uint64_t, std::uint64_t>> bytes_;  // read, written
};

}  // namespace memvp
