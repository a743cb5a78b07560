// `memvp sweep --one-pass` (docs/sweep.md, "One pass"): a grid whose axes are all TLB geometry
// keys answered by one run with every point's changed TLB levels as shadow TLBs (docs/mmu.md,
// "Shadow TLBs"), each point's row built from that run's statistics with its shadows in place of
// the real levels, and the columns a shadow cannot know left empty.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "mmu/mmu_config.h"
#include "tools/memvp/sweep_results.h"

namespace memvp::sweep {

// Throws InputError naming the first key that is not mmu.<level>[i].entries, .ways or
// .replacement (a key the one run cannot answer with a shadow).
void check_one_pass_keys(const std::vector<std::string>& keys);

// Which shadow stands for each TLB level of a point (l1_itlb, l1_dtlb, l2_tlb); none where the
// point's level is the base platform's.
using ShadowIndices = std::array<std::optional<std::size_t>, 3>;

struct OnePassPlan {
  std::vector<std::string> geometries;  // the --shadow-tlb list of the one run
  std::vector<ShadowIndices> points;
};

// The shadows the points need: one per level a point changes, shared by points that change it
// alike. `names[i]` names point i in an error: a point that changes two arrays of one level (a
// shadow replaces one) is an InputError.
OnePassPlan plan_one_pass(const mmu::MmuConfig& base, const std::vector<mmu::MmuConfig>& points,
                          const std::vector<std::string>& names);

// The point's row from the one run: its statistics with harts[*].mmu.<level> replaced by the
// point's shadows, and the metric columns one pass cannot know marked unknown.
PointResult one_pass_result(const ShadowIndices& shadows, const PointResult& run);

}  // namespace memvp::sweep
