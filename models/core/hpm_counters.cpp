#include "core/hpm_counters.h"

namespace memvp {

void HpmCounters::write_counter(unsigned n, std::uint64_t v, const HpmTotals& t) {
  Slot& s = slots_.at(n - kFirst);
  s.offset = v - t[s.event];
  s.frozen = v;
}

void HpmCounters::write_event(unsigned n, std::uint64_t v, const HpmTotals& t, bool inhibited) {
  const std::uint64_t now = counter(n, t, inhibited);
  Slot& s = slots_.at(n - kFirst);
  s.event = v < kHpmEvents ? static_cast<unsigned>(v) : 0;
  write_counter(n, now, t);
}

void HpmCounters::inhibit_changed(std::uint64_t before, std::uint64_t after, const HpmTotals& t) {
  for (unsigned n = kFirst; n <= kLast; ++n) {
    const bool was = (before >> n) & 1, is = (after >> n) & 1;
    if (was != is) write_counter(n, counter(n, t, was), t);
  }
}

}  // namespace memvp
