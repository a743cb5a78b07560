// How a block runs (docs/fast-forward.md). Each block that has a fast-forward path owns its
// switch (set_mode); one place, the run's fast-forward controller, drives every switch.
//   Functional: architecture only, at the highest speed: no timing, no modelled state (TLBs,
//               page-walk cache, caches) and no statistics.
//   Warming:    architecture plus the modelled state (TLB, page-walk cache contents and
//               replacement), still without timing or statistics, so the detailed part starts warm.
//   Detailed:   the full timing model (the default).
#pragma once

#include <string_view>

namespace memvp {

enum class SimMode : unsigned char { Functional, Warming, Detailed };

constexpr std::string_view sim_mode_name(SimMode m) {
  switch (m) {
    case SimMode::Functional: return "functional";
    case SimMode::Warming: return "warming";
    case SimMode::Detailed: return "detailed";
  }
  return "detailed";
}

}  // namespace memvp
