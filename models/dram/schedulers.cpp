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

// The candidates are the requests of one queue (tens at most), so the per-bank questions below
// are answered by scanning them: no container is built per decision.
SchedPick FrFcfsScheduler::pick(std::span<const SchedCandidate> cands, Cycles now) const {
  // Per bank: the oldest starving request, else whether any request hits the open row.
  auto oldest_starving = [&](std::uint32_t bank) {
    for (std::size_t j = 0; j < cands.size(); ++j) {
      if (cands[j].starving && cands[j].bank == bank) return j;
    }
    return cands.size();
  };
  auto bank_has_hit = [&](std::uint32_t bank) {
    for (const SchedCandidate& c : cands) {
      if (c.row_hit && c.bank == bank) return true;
    }
    return false;
  };
  auto eligible = [&](std::size_t i) {
    const SchedCandidate& c = cands[i];
    if (const std::size_t s = oldest_starving(c.bank); s != cands.size()) return s == i;
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
