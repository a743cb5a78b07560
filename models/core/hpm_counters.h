// Zihpm (priv spec §3.1.10-12): mhpmcounter3..31, each counting the event its mhpmevent3..31
// selects (selector numbers in docs/core.md), stopped by its mcountinhibit bit. A counter is
// not incremented event by event: it holds an offset against the running total of its event,
// which the hart's MMU and its memory responses keep anyway, so counting adds nothing to the
// timing model.
#pragma once

#include <array>
#include <cstdint>

namespace memvp {

// mhpmevent selectors. 0 counts nothing (the reset value, §3.1.10); a write of a value not
// listed here leaves 0 (WARL).
enum class HpmEvent : std::uint8_t {
  None = 0,
  L1ItlbMiss = 1,
  L1DtlbMiss = 2,
  L2TlbMiss = 3,
  PageWalk = 4,
  WalkCycles = 5,
  PwcHit = 6,
  TlbFlush = 7,
  L1iMiss = 8,
  L1dMiss = 9,
  L2Miss = 10,
  DramRead = 11,
  DramWrite = 12,
  RemoteAccess = 13,
  Count
};
inline constexpr unsigned kHpmEvents = static_cast<unsigned>(HpmEvent::Count);

// Running totals of every event since reset, indexed by selector; [0] is always 0.
using HpmTotals = std::array<std::uint64_t, kHpmEvents>;

class HpmCounters {
 public:
  static constexpr unsigned kFirst = 3, kLast = 31;

  // Counter n (3..31) as it reads now; `inhibited`: its mcountinhibit bit.
  [[nodiscard]] std::uint64_t counter(unsigned n, const HpmTotals& t, bool inhibited) const {
    const Slot& s = slots_.at(n - kFirst);
    return inhibited ? s.frozen : t[s.event] + s.offset;
  }
  [[nodiscard]] std::uint64_t event(unsigned n) const { return slots_.at(n - kFirst).event; }
  void write_counter(unsigned n, std::uint64_t v, const HpmTotals& t);
  // A new selector: the counter keeps its value and counts the new event from here.
  void write_event(unsigned n, std::uint64_t v, const HpmTotals& t, bool inhibited);
  // mcountinhibit changes from `before` to `after`: counters stopped now hold their value,
  // counters resumed continue from the value they held.
  void inhibit_changed(std::uint64_t before, std::uint64_t after, const HpmTotals& t);

 private:
  struct Slot {
    unsigned event = 0;
    std::uint64_t offset = 0;
    std::uint64_t frozen = 0;
  };
  std::array<Slot, kLast - kFirst + 1> slots_{};
};

}  // namespace memvp
