// The run's fast-forward controller (docs/fast-forward.md): the one place that switches the harts
// (and through them their MMUs) between SimMode::Functional, Warming and Detailed, on an
// instruction count or on the guest's roi_begin marker, and that records where the markers fell.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/run_control.h"
#include "common/sim_mode.h"
#include "core/fast_forward_listener.h"

namespace memvp {

class Platform;

struct FastForwardSettings {
  enum class Until : std::uint8_t { None, Instructions, Roi };
  Until until = Until::None;
  std::uint64_t instructions = 0;  // Until::Instructions: of any one hart
  std::uint64_t warmup = 0;        // the last `warmup` of them update TLBs and page-walk caches
};

// Reads --fast-forward ("roi" or a count) and --warmup (a count); InputError on a bad value.
FastForwardSettings parse_fast_forward(const std::optional<std::string>& until,
                                       const std::optional<std::string>& warmup);

class FastForwardController final : public FastForwardListener {
 public:
  // Puts every hart of `platform` in its first mode and listens to all of them.
  FastForwardController(Platform& platform, RunControl& run, const FastForwardSettings& s);

  void instructions_reached(unsigned hart, std::uint64_t instret) override;
  void roi_marker(unsigned hart, RoiMarker m, std::uint64_t instret, std::uint64_t cycle) override;

  // After the run: the one-line problem when the detailed part never began (nullopt: it did).
  [[nodiscard]] std::optional<std::string> unreached() const;
  // The statistics' "sim.fast_forward" object (docs/stats.md): the settings and the markers
  // retired; each hart's fast-forwarded counts are its own "harts[i].fast_forward".
  [[nodiscard]] nlohmann::ordered_json json() const { return describe(settings_, markers_, marker_count_); }
  // The same object for a run with `s` (a run without a controller: FastForwardSettings{}).
  struct Marker {
    unsigned hart;
    RoiMarker which;
    std::uint64_t instret;
    std::uint64_t cycle;
  };
  static nlohmann::ordered_json describe(const FastForwardSettings& s, const std::vector<Marker>& markers = {},
                                         std::uint64_t marker_count = 0);

 private:
  void switch_all(SimMode m);

  static constexpr std::size_t kKeptMarkers = 64;

  Platform& platform_;
  RunControl& run_;
  FastForwardSettings settings_;
  SimMode mode_ = SimMode::Detailed;
  std::vector<Marker> markers_;  // the first kKeptMarkers, in the order retired
  std::uint64_t marker_count_ = 0;
};

}  // namespace memvp
