// The command-level timeline of one DDR4 channel: for every bank, bank group, rank and the
// channel's command and data buses it keeps the earliest cycle at which each command may next
// issue under the JEDEC DDR4 constraints (JESD79-4 §13, timing tables). earliest() answers
// "when may this command go", issue() records that it went and pushes the other limits out.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "dram/ddr4_config.h"
#include "dram/dram_types.h"

namespace memvp {

class Ddr4Timeline {
 public:
  explicit Ddr4Timeline(const Ddr4Config& cfg);

  // Earliest cycle >= `not_before` at which `cmd` may issue to the bank at c (for Ref: rank
  // c.rank). Does not check the bank's row state; the caller picks the command that state requires.
  [[nodiscard]] Cycles earliest(DramCommand cmd, const DramCoord& c, Cycles not_before) const;

  // Records `cmd` at cycle t (t must be >= earliest()). For Rd/Wr with auto_precharge the bank
  // closes itself as soon as tRTP / write recovery and tRAS allow. Returns, for Rd/Wr, the cycle
  // the data burst ends; for other commands, t.
  Cycles issue(DramCommand cmd, const DramCoord& c, Cycles t, bool auto_precharge = false);

  [[nodiscard]] std::optional<Row> open_row(const DramCoord& c) const { return bank(c).open; }
  [[nodiscard]] bool any_open(Rank r) const;
  // Cycle at which the rank's current refresh ends (0 if none yet).
  [[nodiscard]] Cycles refresh_end(Rank r) const { return ranks_[r.value()].refresh_end; }
  // Inline: every candidate of every scheduling decision asks it, directly and through bank().
  [[nodiscard]] std::uint32_t flat_bank(const DramCoord& c) const {
    return (c.rank.value() * cfg_.org.bank_groups + c.bank_group.value()) * cfg_.org.banks_per_group +
           c.bank.value();
  }

 private:
  struct BankState {
    std::optional<Row> open;
    Cycles next_act{0}, next_pre{0}, next_rd{0}, next_wr{0};
  };
  struct GroupState {  // limits shared by the banks of one bank group ("_L" constraints)
    Cycles next_act{0}, next_rd{0}, next_wr{0};
  };
  struct RankState {
    std::vector<GroupState> groups;
    std::array<Cycles, 4> last_acts{};  // the last four ACTs, oldest first (tFAW)
    std::uint32_t acts = 0;
    Cycles refresh_end{0};
  };

  [[nodiscard]] const BankState& bank(const DramCoord& c) const { return banks_[flat_bank(c)]; }
  BankState& bank(const DramCoord& c) { return banks_[flat_bank(c)]; }
  void issue_act(const DramCoord& c, Cycles t);
  Cycles issue_column(DramCommand cmd, const DramCoord& c, Cycles t, bool auto_precharge);
  void issue_ref(Rank r, Cycles t);
  [[nodiscard]] Cycles data_bus_free(Rank r) const;

  const Ddr4Config& cfg_;
  const Ddr4Timing& t_;
  std::vector<BankState> banks_;
  std::vector<RankState> ranks_;
  Cycles next_cmd_{0};          // command bus: one command per clock
  Cycles bus_free_{0};          // data bus: end of the last burst
  Rank bus_rank_{0};            // rank that drove the last burst
  Cycles next_wr_after_rd_{0};  // read-to-write turnaround on the shared data bus
};

}  // namespace memvp
