// `memvp trace FILE replay --tlb GEOMETRY,...` (docs/trace.md, "Replay"): feeds a recorded
// translation trace to shadow TLBs (mmu/shadow_tlb_set.h), one set per hart, at host speed, and
// writes each geometry's counts summed over the harts as CSV.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "trace_filter.h"
#include "trace_reader.h"

namespace memvp::trace {

// Replays every record of `reader` that `filter` keeps into TLBs of `geometries` (the compact
// form of mmu/tlb_geometry.h, on the built-in platform's [mmu]) and writes the CSV to `out`:
// geometry,lookups,hits,misses,fills,evictions,flushes,invalidations. Throws InputError for a
// bad geometry.
void replay_tlbs(TraceReader& reader, const std::vector<std::string>& geometries, const TraceFilter& filter,
                 std::FILE* out);

}  // namespace memvp::trace
