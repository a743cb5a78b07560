// What a hart tells the run's fast-forward controller (docs/fast-forward.md): that it retired the
// instruction count the controller asked to hear about, and that it retired a region-of-interest
// marker. The controller answers by switching modes (Hart::set_mode), which takes effect at the
// hart's next instruction boundary.
#pragma once

#include <cstdint>

namespace memvp {

// The markers are HINTs, no-ops everywhere else (unprivileged spec §2.9: SLTI with rd = x0 is
// reserved for custom HINTs): roi_begin is `slti x0, x0, 0x101`, roi_end `slti x0, x0, 0x102`.
enum class RoiMarker : std::uint8_t { Begin, End };
inline constexpr std::uint32_t kRoiBeginEncoding = 0x10102013;
inline constexpr std::uint32_t kRoiEndEncoding = 0x10202013;

class FastForwardListener {
 public:
  // `hart` has retired `instret` instructions, the count given to Hart::set_instruction_trigger.
  virtual void instructions_reached(unsigned hart, std::uint64_t instret) = 0;
  // `hart` retired a marker; `instret` and `cycle` (the hart's count of cycles since reset, the
  // fast-forwarded ones included) are taken as the marker retires.
  virtual void roi_marker(unsigned hart, RoiMarker m, std::uint64_t instret, std::uint64_t cycle) = 0;

 protected:
  ~FastForwardListener() = default;
};

}  // namespace memvp
