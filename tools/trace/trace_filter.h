// Which records a `memvp trace` command looks at: hart, ASID, outcome, a virtual-address range
// and a cycle window. Ranges are half-open, [from, to); an unset field matches everything.
#pragma once

#include <cstdint>
#include <optional>

#include "common/trace/translation_record.h"

namespace memvp::trace {

struct TraceFilter {
  std::optional<std::uint16_t> hart;
  std::optional<std::uint16_t> asid;
  std::optional<std::uint8_t> outcome;  // an Outcome value
  std::uint64_t va_from = 0;
  std::optional<std::uint64_t> va_to;
  std::uint64_t cycle_from = 0;
  std::optional<std::uint64_t> cycle_to;

  [[nodiscard]] bool matches(const TranslationRecord& r) const {
    if (hart && r.hart != *hart) return false;
    if (asid && r.asid != *asid) return false;
    if (outcome && r.outcome != *outcome) return false;
    if (r.va < va_from || (va_to && r.va >= *va_to)) return false;
    if (r.cycle < cycle_from || (cycle_to && r.cycle >= *cycle_to)) return false;
    return true;
  }
};

}  // namespace memvp::trace
