// Fast-forward: the modes every hart goes through and what makes them change (docs/fast-forward.md).
#include "platforms/fast_forward.h"

#include <charconv>

#include <fmt/format.h>

#include "common/error.h"
#include "platforms/platform.h"

namespace memvp {

namespace {

std::uint64_t parse_count(const std::string& option, const std::string& text) {
  std::uint64_t v = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (text.empty() || ec != std::errc{} || ptr != end)
    throw InputError(fmt::format("{}: '{}' is not an instruction count (a whole number from 0)", option, text));
  return v;
}

}  // namespace

FastForwardSettings parse_fast_forward(const std::optional<std::string>& until,
                                       const std::optional<std::string>& warmup) {
  FastForwardSettings s;
  if (until) {
    if (*until == "roi") {
      s.until = FastForwardSettings::Until::Roi;
    } else {
      s.instructions = parse_count("--fast-forward", *until);
      s.until = s.instructions ? FastForwardSettings::Until::Instructions : FastForwardSettings::Until::None;
    }
  }
  if (!warmup) return s;
  s.warmup = parse_count("--warmup", *warmup);
  if (s.until == FastForwardSettings::Until::Roi)
    throw InputError("--warmup: needs --fast-forward N; where roi_begin falls is not known in advance");
  if (s.warmup > s.instructions)
    throw InputError(fmt::format("--warmup {} is longer than --fast-forward {}", s.warmup, s.instructions));
  return s;
}

FastForwardController::FastForwardController(Platform& platform, RunControl& run, const FastForwardSettings& s)
    : platform_(platform), run_(run), settings_(s) {
  using Until = FastForwardSettings::Until;
  if (s.until == Until::Instructions) mode_ = s.warmup == s.instructions ? SimMode::Warming : SimMode::Functional;
  if (s.until == Until::Roi) mode_ = SimMode::Functional;
  for (std::size_t h = 0; h < platform_.hart_count(); ++h) {
    Hart& hart = platform_.hart(h);
    hart.set_fast_forward_listener(*this);
    if (mode_ == SimMode::Detailed) continue;
    hart.set_mode(mode_);
    if (s.until == Until::Instructions)
      hart.set_instruction_trigger(mode_ == SimMode::Warming ? s.instructions : s.instructions - s.warmup);
  }
}

// Any one hart reaching the count switches them all (gem5's max_insts_any_thread); each other
// hart switches at its own next instruction boundary.
void FastForwardController::instructions_reached(unsigned, std::uint64_t) {
  if (mode_ == SimMode::Functional && settings_.warmup > 0) {
    switch_all(SimMode::Warming);
    for (std::size_t h = 0; h < platform_.hart_count(); ++h) platform_.hart(h).set_instruction_trigger(settings_.instructions);
    return;
  }
  switch_all(SimMode::Detailed);
}

void FastForwardController::roi_marker(unsigned hart, RoiMarker m, std::uint64_t instret, std::uint64_t cycle) {
  if (markers_.size() < kKeptMarkers) markers_.push_back({hart, m, instret, cycle});
  ++marker_count_;
  if (settings_.until != FastForwardSettings::Until::Roi) return;
  if (m == RoiMarker::Begin && mode_ == SimMode::Functional) {
    switch_all(SimMode::Detailed);
  } else if (m == RoiMarker::End && mode_ == SimMode::Detailed) {
    run_.end(EndReason::GuestExit, 0, fmt::format("hart {}: roi_end: the region of interest is over", hart));
  }
}

void FastForwardController::switch_all(SimMode m) {
  mode_ = m;
  for (std::size_t h = 0; h < platform_.hart_count(); ++h) {
    Hart& hart = platform_.hart(h);
    hart.set_mode(m);
    hart.set_instruction_trigger(~0ULL);
  }
}

std::optional<std::string> FastForwardController::unreached() const {
  if (mode_ == SimMode::Detailed) return std::nullopt;
  if (settings_.until == FastForwardSettings::Until::Roi)
    return "--fast-forward roi: the guest ended without executing roi_begin; nothing ran in detail";
  return fmt::format("--fast-forward {}: the guest ended before a hart retired that many instructions; "
                     "nothing ran in detail", settings_.instructions);
}

nlohmann::ordered_json FastForwardController::describe(const FastForwardSettings& s, const std::vector<Marker>& markers_,
                                                      std::uint64_t marker_count_) {
  using Until = FastForwardSettings::Until;
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  j["until"] = s.until == Until::None ? "none" : s.until == Until::Roi ? "roi" : "instructions";
  j["instructions"] = s.instructions;
  j["warmup"] = s.warmup;
  nlohmann::ordered_json markers = nlohmann::ordered_json::array();
  for (const Marker& m : markers_)
    markers.push_back({{"hart", m.hart}, {"marker", m.which == RoiMarker::Begin ? "roi_begin" : "roi_end"},
                       {"instret", m.instret}, {"cycle", m.cycle}});
  j["roi_markers"] = std::move(markers);
  j["roi_marker_count"] = marker_count_;
  return j;
}

}  // namespace memvp
