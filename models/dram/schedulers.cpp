// The two schedulers and the factories for schedulers and page policies.

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
// oldest starving request and whether any request hits the open row: one pass over them fills
// the scratch table (entries reset only for the banks present), so a pick is linear in the
// candidates and allocates nothing once the table has grown to the channel's banks.
SchedPick FrFcfsScheduler::pick(std::span<const SchedCandidate> cands, Cycles now) const {
  for (const SchedCandidate& c : cands) {
    if (c.bank >= banks_.size()) banks_.resize(c.bank + 1);
    banks_[c.bank] = {kNone, false};
  }
  for (std::size_t j = 0; j < cands.size(); ++j) {
    BankInfo& b = banks_[cands[j].bank];
    if (cands[j].starving && b.oldest_starving == kNone) b.oldest_starving = j;
    b.has_hit = b.has_hit || cands[j].row_hit;
  }
  auto eligible = [&](std::size_t i) {
    const SchedCandidate& c = cands[i];
    // Per bank: the oldest starving request goes first, else never close a row others still hit.
    const BankInfo& b = banks_[c.bank];
    if (b.oldest_starving != kNone) return b.oldest_starving == i;
    return c.row_hit || !b.has_hit;
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
