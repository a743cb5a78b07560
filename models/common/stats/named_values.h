// A block's statistics as flat (dotted name, value) pairs, "bank.ch0.ra0.bg0.ba0.reads" -> 12:
// for unit tests and printed listings. List elements and vector entries are numbered
// ("hits_by_level.1"); text values are left out.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "common/stats/stats.h"

namespace memvp::stats {

[[nodiscard]] std::vector<std::pair<std::string, double>> named_values(const Group& g);

}  // namespace memvp::stats
