// Strong types for the coordinates of a DDR4 access (STYLE rule 5) and the commands a controller
// issues. A DramCoord names one burst-sized column of one row of one bank; flat bank indices
// number the banks of one channel rank-major, then bank group, then bank.
#pragma once

#include <cstdint>

#include "common/types.h"

namespace memvp {

using ChannelId = StrongInt<struct ChannelIdTag, std::uint32_t>;
using Rank = StrongInt<struct RankTag, std::uint32_t>;
using BankGroup = StrongInt<struct BankGroupTag, std::uint32_t>;
using Bank = StrongInt<struct BankTag, std::uint32_t>;  // bank within its bank group
using Row = StrongInt<struct RowTag, std::uint32_t>;
using Column = StrongInt<struct ColumnTag, std::uint32_t>;  // in units of one burst

struct DramCoord {
  ChannelId channel;
  Rank rank;
  BankGroup bank_group;
  Bank bank;
  Row row;
  Column column;
  bool operator==(const DramCoord&) const = default;
};

// DDR4 commands (JESD79-4 §4.1). Auto-precharge is a flag on RD/WR, not a separate command.
enum class DramCommand { Act, Pre, Rd, Wr, Ref };

// "Never" for earliest-time fields.
inline constexpr Cycles kNever{~std::uint64_t{0}};

inline Cycles max_cycles(Cycles a, Cycles b) { return a < b ? b : a; }
inline Cycles min_cycles(Cycles a, Cycles b) { return a < b ? a : b; }

}  // namespace memvp
