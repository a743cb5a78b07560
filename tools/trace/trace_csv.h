// CSV output of `memvp trace FILE csv`: a header line, then one line per matching record with
// every record field; enumerations by name, addresses in hex, arrays as name0..name3.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

#include "trace_filter.h"
#include "trace_reader.h"

namespace memvp::trace {

extern const char* const kCsvHeader;  // the header line, without the newline

// Appends the CSV line for `r` (with its newline) to `out`.
void append_csv_line(std::string& out, const TranslationRecord& r);

// Writes the header and every record of `reader` that `filter` accepts; returns how many.
std::uint64_t write_csv(TraceReader& reader, const TraceFilter& filter, std::FILE* out);

}  // namespace memvp::trace
