// The plan of a one-pass sweep (its shadow geometries) and its rows.
#include "tools/memvp/sweep_one_pass.h"

#include <algorithm>
#include <regex>

#include <fmt/format.h>

#include "common/error.h"
#include "mmu/tlb_geometry.h"

namespace memvp::sweep {

namespace {

constexpr mmu::TlbSlot kSlots[] = {mmu::TlbSlot::L1I, mmu::TlbSlot::L1D, mmu::TlbSlot::L2};
constexpr mmu::TlbLevelConfig mmu::MmuConfig::*kLevels[] = {&mmu::MmuConfig::l1_itlb, &mmu::MmuConfig::l1_dtlb,
                                                            &mmu::MmuConfig::l2_tlb};

bool same_geometry(const mmu::TlbConfig& a, const mmu::TlbConfig& b) {
  return a.entries == b.entries && a.ways == b.ways && a.replacement == b.replacement;
}

// The array of `point`'s level that differs from `base`'s, as a geometry; none when none does.
std::optional<mmu::TlbGeometry> changed_array(const mmu::TlbLevelConfig& base, const mmu::TlbLevelConfig& point,
                                              std::size_t slot, const std::string& name) {
  std::optional<mmu::TlbGeometry> changed;
  for (std::size_t a = 0; a < std::min(base.arrays.size(), point.arrays.size()); ++a) {
    const mmu::TlbConfig& t = point.arrays[a];
    if (same_geometry(base.arrays[a], t)) continue;
    if (changed) {
      throw InputError(fmt::format("sweep --one-pass: point {} changes two arrays of mmu.{}, and a shadow TLB "
                                   "replaces one: run it without --one-pass",
                                   name, mmu::tlb_slot_key(kSlots[slot])));
    }
    changed = mmu::TlbGeometry{kSlots[slot], static_cast<unsigned>(a), t.entries, t.ways, t.replacement};
  }
  return changed;
}

}  // namespace

void check_one_pass_keys(const std::vector<std::string>& keys) {
  static const std::regex tlb_key(R"(mmu\.(l1_itlb|l1_dtlb|l2_tlb)\[[0-9]+\]\.(entries|ways|replacement))");
  for (const auto& key : keys) {
    if (!std::regex_match(key, tlb_key)) {
      throw InputError("sweep --one-pass: " + key +
                       " is not a TLB geometry key (mmu.<l1_itlb|l1_dtlb|l2_tlb>[i].<entries|ways|replacement>); "
                       "sweep it without --one-pass");
    }
  }
}

OnePassPlan plan_one_pass(const mmu::MmuConfig& base, const std::vector<mmu::MmuConfig>& points,
                          const std::vector<std::string>& names) {
  OnePassPlan plan;
  for (std::size_t p = 0; p < points.size(); ++p) {
    ShadowIndices shadows;
    for (std::size_t slot = 0; slot < 3; ++slot) {
      const auto g = changed_array(base.*kLevels[slot], points[p].*kLevels[slot], slot, names.at(p));
      if (!g) continue;
      const std::string name = mmu::tlb_geometry_name(base, *g);
      const auto it = std::find(plan.geometries.begin(), plan.geometries.end(), name);
      shadows[slot] = static_cast<std::size_t>(it - plan.geometries.begin());
      if (it == plan.geometries.end()) plan.geometries.push_back(name);
    }
    plan.points.push_back(shadows);
  }
  return plan;
}

PointResult one_pass_result(const ShadowIndices& shadows, const PointResult& run) {
  PointResult r = run;
  // What one run cannot know of another TLB: its walks and their cache, DRAM and time effects.
  r.unknown = {"cycles", "ipc", "walks", "walk_mpki", "avg_walk_cycles", "walk_cycles_share", "pwc_hit_rate",
               "l1i_mpki", "l1d_mpki", "l2_mpki", "dram_row_hit_rate", "host_seconds", "avg_translation_cycles",
               "p99_translation_cycles"};
  // Another L1 TLB changes the L2 TLB's lookup stream, which the shadows of the L2 do not see.
  if (shadows[0] || shadows[1]) r.unknown.insert(r.unknown.end(), {"l2_tlb_misses", "l2_tlb_mpki"});
  if (!r.stats) return r;
  for (auto& hart : r.stats->at("harts")) {
    nlohmann::json& mmu = hart.at("mmu");
    for (std::size_t slot = 0; slot < 3; ++slot) {
      if (!shadows[slot]) continue;
      nlohmann::json level = mmu.at("shadow_tlbs").at(*shadows[slot]);
      level.erase("geometry");
      mmu[std::string(mmu::tlb_slot_key(kSlots[slot]))] = level;
    }
  }
  return r;
}

}  // namespace memvp::sweep
