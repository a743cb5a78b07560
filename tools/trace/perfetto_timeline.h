// `memvp trace FILE perfetto` (docs/trace.md, "Perfetto timeline"): the translation trace and its
// companion event trace as a Trace Event Format timeline. Per hart: a track with the running pid
// as slices (from context_switch events) and every other event as an instant, shootdowns joined
// to their receipts by flow arrows; a track of kernel/user spans (runs of translations at one
// privilege); counters of TLB misses and walk cycles per fixed cycle bucket; with the companion
// DRAM trace, a counter of each node's DRAM bandwidth per bucket.
#pragma once

#include <cstdint>
#include <cstdio>
#include <vector>

#include "common/trace/dram_record.h"
#include "common/trace/event_record.h"
#include "trace_filter.h"
#include "trace_reader.h"

namespace memvp::trace {

struct TimelineOptions {
  TraceFilter filter;                   // the translations that feed spans and counters; hart and cycle window select events too
  std::uint64_t bucket_cycles = 10'000;  // the counters' bucket, from the window's start
};

// The Trace Event Format's pid of the timeline and the tids of hart h's tracks, in the order the
// Perfetto UI lists threads (by tid); none is 0, which Linux-minded importers treat as the idle
// task.
constexpr std::uint32_t kTimelinePid = 1;
constexpr std::uint32_t hart_tid(std::uint16_t hart) { return 1000u + 2u * hart; }
constexpr std::uint32_t mode_tid(std::uint16_t hart) { return 1001u + 2u * hart; }

// Streams the translations of `reader`, then `events` and `dram` (any order) to `out` as one
// JSON object; returns the number of trace events written. Throws InputError on a damaged trace.
std::uint64_t write_timeline(TraceReader& reader, std::vector<EventRecord> events, const TimelineOptions& options,
                             std::FILE* out, const std::vector<DramSampleRecord>& dram = {});

}  // namespace memvp::trace
