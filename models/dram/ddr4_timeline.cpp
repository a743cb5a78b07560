// Ddr4Timeline: earliest-issue bookkeeping for ACT, PRE, RD, WR (with auto-precharge) and REF.
// Each limit set in issue_*() names the JEDEC parameter that imposes it.
#include "dram/ddr4_timeline.h"

namespace memvp {
namespace {
Cycles after(Cycles t, std::uint32_t n) { return t + Cycles(n); }
void raise(Cycles& limit, Cycles t) { limit = max_cycles(limit, t); }
}  // namespace

Ddr4Timeline::Ddr4Timeline(const Ddr4Config& cfg)
    : cfg_(cfg), t_(cfg.timing), banks_(cfg.org.banks_per_channel()), ranks_(cfg.org.ranks) {
  for (RankState& r : ranks_) r.groups.resize(cfg.org.bank_groups);
}

bool Ddr4Timeline::any_open(Rank r) const {
  const std::uint32_t per_rank = cfg_.org.banks_per_rank();
  for (std::uint32_t i = 0; i < per_rank; ++i)
    if (banks_[r.value() * per_rank + i].open) return true;
  return false;
}

Cycles Ddr4Timeline::data_bus_free(Rank r) const {
  // tRTRS: a burst from another rank needs a bus turnaround gap.
  if (r != bus_rank_ && bus_free_ > Cycles(0)) return after(bus_free_, t_.tRTRS);
  return bus_free_;
}

Cycles Ddr4Timeline::earliest(DramCommand cmd, const DramCoord& c, Cycles not_before) const {
  const RankState& rank = ranks_[c.rank.value()];
  Cycles t = max_cycles(not_before, next_cmd_);  // one command per clock on the command bus
  t = max_cycles(t, rank.refresh_end);           // tRFC: the rank is busy refreshing
  auto bus_limit = [&](std::uint32_t latency) {  // the burst must start on a free data bus
    const Cycles free = data_bus_free(c.rank);
    if (free > Cycles(latency)) t = max_cycles(t, free - Cycles(latency));
  };
  switch (cmd) {
    case DramCommand::Act: {
      const GroupState& g = rank.groups[c.bank_group.value()];
      t = max_cycles(t, bank(c).next_act);  // tRP after PRE, tRC after ACT
      t = max_cycles(t, g.next_act);        // tRRD_L (same group) / tRRD_S (other group)
      if (rank.acts >= 4) t = max_cycles(t, after(rank.last_acts[0], t_.tFAW));  // tFAW
      break;
    }
    case DramCommand::Pre:
      t = max_cycles(t, bank(c).next_pre);  // tRAS, tRTP, tWR
      break;
    case DramCommand::Rd: {
      const GroupState& g = rank.groups[c.bank_group.value()];
      t = max_cycles(t, bank(c).next_rd);  // tRCD
      t = max_cycles(t, g.next_rd);        // tCCD_L/S, tWTR_L/S
      bus_limit(t_.tCL);
      break;
    }
    case DramCommand::Wr: {
      const GroupState& g = rank.groups[c.bank_group.value()];
      t = max_cycles(t, bank(c).next_wr);    // tRCD
      t = max_cycles(t, g.next_wr);          // tCCD_L/S
      t = max_cycles(t, next_wr_after_rd_);  // read-to-write turnaround
      bus_limit(t_.tCWL);
      break;
    }
    case DramCommand::Ref: {
      const std::uint32_t per_rank = cfg_.org.banks_per_rank();
      for (std::uint32_t i = 0; i < per_rank; ++i)  // tRP after the last PRE (all banks idle)
        t = max_cycles(t, banks_[c.rank.value() * per_rank + i].next_act);
      break;
    }
  }
  return t;
}

Cycles Ddr4Timeline::issue(DramCommand cmd, const DramCoord& c, Cycles t, bool auto_precharge) {
  next_cmd_ = after(t, 1);
  switch (cmd) {
    case DramCommand::Act:
      issue_act(c, t);
      return t;
    case DramCommand::Pre: {
      BankState& b = bank(c);
      b.open.reset();
      raise(b.next_act, after(t, t_.tRP));  // tRP
      return t;
    }
    case DramCommand::Rd:
    case DramCommand::Wr:
      return issue_column(cmd, c, t, auto_precharge);
    case DramCommand::Ref:
      issue_ref(c.rank, t);
      return t;
  }
  return t;
}

void Ddr4Timeline::issue_act(const DramCoord& c, Cycles t) {
  BankState& b = bank(c);
  b.open = c.row;
  raise(b.next_rd, after(t, t_.tRCD));  // tRCD
  raise(b.next_wr, after(t, t_.tRCD));
  raise(b.next_pre, after(t, t_.tRAS));  // tRAS
  raise(b.next_act, after(t, t_.tRC));   // tRC
  RankState& rank = ranks_[c.rank.value()];
  for (std::uint32_t g = 0; g < rank.groups.size(); ++g)  // tRRD_L same group, tRRD_S other
    raise(rank.groups[g].next_act, after(t, g == c.bank_group.value() ? t_.tRRD_L : t_.tRRD_S));
  for (std::size_t i = 0; i + 1 < rank.last_acts.size(); ++i)
    rank.last_acts[i] = rank.last_acts[i + 1];
  rank.last_acts.back() = t;  // tFAW window: the last four ACTs of the rank
  ++rank.acts;
}

Cycles Ddr4Timeline::issue_column(DramCommand cmd, const DramCoord& c, Cycles t, bool auto_pre) {
  const bool rd = cmd == DramCommand::Rd;
  const std::uint32_t burst = t_.burst_clocks();
  BankState& b = bank(c);
  RankState& rank = ranks_[c.rank.value()];
  for (std::uint32_t g = 0; g < rank.groups.size(); ++g) {
    const bool same = g == c.bank_group.value();
    GroupState& gs = rank.groups[g];
    const std::uint32_t ccd = same ? t_.tCCD_L : t_.tCCD_S;  // tCCD_L same group, tCCD_S other
    raise(gs.next_rd, after(t, ccd));
    raise(gs.next_wr, after(t, ccd));
    if (!rd)  // tWTR_L / tWTR_S: write data must be in before a read in the rank
      raise(gs.next_rd, after(t, t_.tCWL + burst + (same ? t_.tWTR_L : t_.tWTR_S)));
  }
  const Cycles data_start = after(t, rd ? t_.tCL : t_.tCWL);
  bus_free_ = after(data_start, burst);
  bus_rank_ = c.rank;
  if (rd) {
    raise(b.next_pre, after(t, t_.tRTP));  // tRTP
    // Read-to-write: RL + BL/2 - WL + 2 clocks (JESD79-4 §4.25).
    raise(next_wr_after_rd_, after(t, t_.tCL + burst + 2) - Cycles(t_.tCWL));
  } else {
    raise(b.next_pre, after(t, t_.tCWL + burst + t_.tWR));  // tWR: write recovery
  }
  if (auto_pre) {  // RDA/WRA: internal precharge once tRAS and tRTP/tWR allow, then tRP
    b.open.reset();
    raise(b.next_act, after(b.next_pre, t_.tRP));
  }
  return bus_free_;
}

void Ddr4Timeline::issue_ref(Rank r, Cycles t) {
  const std::uint32_t per_rank = cfg_.org.banks_per_rank();
  const Cycles done = after(t, t_.tRFC);  // tRFC: no command to the rank until the refresh ends
  for (std::uint32_t i = 0; i < per_rank; ++i)
    raise(banks_[r.value() * per_rank + i].next_act, done);
  ranks_[r.value()].refresh_end = done;
}

}  // namespace memvp
