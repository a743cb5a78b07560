// The DRAM trace's on-disk format, version 1 (docs/trace.md, "DRAM trace"): the companion of a
// translation trace that holds the bytes each DRAM channel moved per interval of hart cycles,
// on the same cycle base, so that `memvp trace FILE perfetto` draws DRAM bandwidth beside the
// translations and the kernel's events. memvp writes it, not the guest: it observes the
// controllers' column commands and never changes their timing. Same file header as the
// translation trace, magic "MVPDRAMS"; static_asserts pin every offset.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/trace/record_format.h"

namespace memvp::trace {

constexpr std::uint32_t kDramFormatVersion = 1;
constexpr char kDramMagic[8] = {'M', 'V', 'P', 'D', 'R', 'A', 'M', 'S'};
// Hart cycles per sample: a channel's bursts whose column command falls in
// [cycle, cycle + kDramSampleCycles) add up in one record.
constexpr std::uint32_t kDramSampleCycles = 1000;

// One channel's traffic in one interval; intervals without a burst have no record.
struct DramSampleRecord {
  std::uint64_t cycle;            // first hart-clock cycle of the interval (a multiple of interval_cycles)
  std::uint64_t bytes_read;       // bursts read (RD, RDA) x burst bytes
  std::uint64_t bytes_written;    // bursts written (WR, WRA) x burst bytes
  std::uint32_t interval_cycles;  // kDramSampleCycles
  std::uint16_t node;             // the NUMA node whose controller it is (0 without [numa])
  std::uint16_t channel;          // the controller's channel
};

static_assert(sizeof(DramSampleRecord) == 32);
static_assert(offsetof(DramSampleRecord, cycle) == 0);
static_assert(offsetof(DramSampleRecord, bytes_read) == 8);
static_assert(offsetof(DramSampleRecord, bytes_written) == 16);
static_assert(offsetof(DramSampleRecord, interval_cycles) == 24);
static_assert(offsetof(DramSampleRecord, node) == 28);
static_assert(offsetof(DramSampleRecord, channel) == 30);

constexpr std::string_view kDramLayout =
    "0 u64 cycle\n"
    "8 u64 bytes_read\n"
    "16 u64 bytes_written\n"
    "24 u32 interval_cycles\n"
    "28 u16 node\n"
    "30 u16 channel\n";

constexpr RecordFormat kDramFormat{{kDramMagic, sizeof kDramMagic}, kDramFormatVersion, sizeof(DramSampleRecord),
                                   kDramLayout, "DRAM trace"};

// The companion DRAM trace of the translation trace at `trace_path`: ".dram" before a trailing
// ".zst" ("run.trace.zst" -> "run.trace.dram.zst"), else appended.
std::string dram_trace_path(const std::string& trace_path);

}  // namespace memvp::trace
