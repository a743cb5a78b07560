// The two schedulers and the factories for schedulers and page policies.
#include <array>

#include "dram/closed_page_policy.h"
#include "dram/fcfs_scheduler.h"
#include "dram/fr_fcfs_scheduler.h"
#include "dram/open_page_policy.h"

namespace memvp {
namespace {

// Among eligible candidates: the best one ready at `now` by `better`, else the earliest ready.
template <class Eligible, class Better>
SchedPick choose(std::span<const SchedCandidate> cands, Cycles now, Eligible eligible,
                 Better better) {
  SchedPick p;
  for (std::size_t i = 0; i < cands.size(); ++i) {
    if (!eligible(i)) continue;
    const SchedCandidate& c = cands[i];
    if (c.ready <= now) {
      if (!p.index || better(c, cands[*p.index])) p.index = i;
    } else {
      p.next_ready = min_cycles(p.next_ready, c.ready);
    }
  }
  if (p.index) p.next_ready = now;
  return p;
}

}  // namespace

// The candidates are the requests of one queue (tens at most). Per bank the scheduler needs the
// oldest starving request and whether any request hits the open row: one pass over them fills a
// small table indexed by flat bank (entries set only for the banks present), so a pick is linear
// in the candidates and builds no container. Channels with more banks than the table scan the
// candidates per question instead (same answers).
SchedPick FrFcfsScheduler::pick(std::span<const SchedCandidate> cands, Cycles now) const {
  constexpr std::uint32_t kTableBanks = 256;
  constexpr std::size_t kNone = ~std::size_t{0};
  struct BankInfo {
    std::size_t oldest_starving;
    bool has_hit;
  };
  std::array<BankInfo, kTableBanks> table;  // only the candidates' banks are initialised
  bool use_table = true;
  for (const SchedCandidate& c : cands) use_table = use_table && c.bank < kTableBanks;
  if (use_table) {
    for (const SchedCandidate& c : cands) table[c.bank] = {kNone, false};
    for (std::size_t j = 0; j < cands.size(); ++j) {
      BankInfo& b = table[cands[j].bank];
      if (cands[j].starving && b.oldest_starving == kNone) b.oldest_starving = j;
      b.has_hit = b.has_hit || cands[j].row_hit;
    }
  }
  // Per bank: the oldest starving request, else whether any request hits the open row.
  auto oldest_starving = [&](std::uint32_t bank) {
    if (use_table) return table[bank].oldest_starving;
    for (std::size_t j = 0; j < cands.size(); ++j) {
      if (cands[j].starving && cands[j].bank == bank) return j;
    }
    return kNone;
  };
  auto bank_has_hit = [&](std::uint32_t bank) {
    if (use_table) return table[bank].has_hit;
    for (const SchedCandidate& c : cands) {
      if (c.row_hit && c.bank == bank) return true;
    }
    return false;
  };
  auto eligible = [&](std::size_t i) {
    const SchedCandidate& c = cands[i];
    if (const std::size_t s = oldest_starving(c.bank); s != kNone) return s == i;
    return c.row_hit || !bank_has_hit(c.bank);  // never close a row others still hit
  };
  auto better = [](const SchedCandidate& a, const SchedCandidate& b) {
    if (a.row_hit != b.row_hit) return a.row_hit;  // first ready: row hits
    return a.seq < b.seq;                          // then first come
  };
  return choose(cands, now, eligible, better);
}

SchedPick FcfsScheduler::pick(std::span<const SchedCandidate> cands, Cycles now) const {
  // Only the oldest request of each bank may go; cands are oldest first.
  auto eligible = [&](std::size_t i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (cands[j].bank == cands[i].bank) return false;
    }
    return true;
  };
  auto better = [](const SchedCandidate& a, const SchedCandidate& b) { return a.seq < b.seq; };
  return choose(cands, now, eligible, better);
}

std::unique_ptr<Scheduler> make_scheduler(SchedulerKind kind) {
  if (kind == SchedulerKind::Fcfs) return std::make_unique<FcfsScheduler>();
  return std::make_unique<FrFcfsScheduler>();
}

std::unique_ptr<PagePolicy> make_page_policy(PagePolicyKind kind) {
  if (kind == PagePolicyKind::Closed) return std::make_unique<ClosedPagePolicy>();
  return std::make_unique<OpenPagePolicy>();
}

}  // namespace memvp
