// The routes a hart knows to HitPaths (common/tlm/hit_path.h) on one of its sockets: a few
// address ranges, each with the HitPath serving it or none (a range that offers none is kept
// too, so that it is asked once). A route only names who serves a range; the HitPath decides
// at each access whether it is a hit, so no cache, TLB or coherence event makes a route stale.
// A DMI invalidation from below drops the routes it overlaps.
#pragma once

#include <array>
#include <cstdint>

#include <systemc>

#include "common/tlm/hit_path.h"

namespace memvp {

struct HitRoute {
  std::uint64_t start = 1, end = 0;  // the initiator's addresses; empty
  HitPath* path = nullptr;           // null: the range offers none
  std::uint64_t offset = 0;          // initiator address - target address
  sc_core::sc_time read_latency, write_latency;  // charged by the interconnects on the way

  [[nodiscard]] bool covers(std::uint64_t a, unsigned n) const { return a >= start && a + n - 1 <= end; }
};

class HitRoutes {
 public:
  [[nodiscard]] const HitRoute* find(std::uint64_t a, unsigned n) const {
    for (const HitRoute& r : routes_)
      if (r.covers(a, n)) return &r;
    return nullptr;
  }
  void add(const HitRoute& r) {
    routes_[next_] = r;
    next_ = (next_ + 1) % routes_.size();
  }
  void drop(std::uint64_t lo, std::uint64_t hi) {
    for (HitRoute& r : routes_)
      if (r.start <= hi && lo <= r.end) r = HitRoute{};
  }

 private:
  std::array<HitRoute, 8> routes_{};
  unsigned next_ = 0;
};

}  // namespace memvp
