// The two schedulers and the factories for schedulers and page policies.
#include <unordered_map>
#include <unordered_set>

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

SchedPick FrFcfsScheduler::pick(std::span<const SchedCandidate> cands, Cycles now) const {
  // Per bank: the oldest starving request, else whether any request hits the open row.
  std::unordered_map<std::uint32_t, std::size_t> starving;
  std::unordered_set<std::uint32_t> has_hit;
  for (std::size_t i = 0; i < cands.size(); ++i) {
    if (cands[i].starving) starving.try_emplace(cands[i].bank, i);
    if (cands[i].row_hit) has_hit.insert(cands[i].bank);
  }
  auto eligible = [&](std::size_t i) {
    const SchedCandidate& c = cands[i];
    if (auto s = starving.find(c.bank); s != starving.end()) return s->second == i;
    return c.row_hit || !has_hit.contains(c.bank);  // never close a row others still hit
  };
  auto better = [](const SchedCandidate& a, const SchedCandidate& b) {
    if (a.row_hit != b.row_hit) return a.row_hit;  // first ready: row hits
    return a.seq < b.seq;                          // then first come
  };
  return choose(cands, now, eligible, better);
}

SchedPick FcfsScheduler::pick(std::span<const SchedCandidate> cands, Cycles now) const {
  std::unordered_map<std::uint32_t, std::size_t> oldest;  // per bank; cands are oldest first
  for (std::size_t i = 0; i < cands.size(); ++i) oldest.try_emplace(cands[i].bank, i);
  auto eligible = [&](std::size_t i) { return oldest.at(cands[i].bank) == i; };
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
