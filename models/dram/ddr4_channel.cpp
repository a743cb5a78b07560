// Ddr4Channel: command selection (refresh first, then the scheduler's pick from the active
// queue) and the bookkeeping after each command.
#include "dram/ddr4_channel.h"

#include <algorithm>

namespace memvp {
namespace {
constexpr std::size_t kRecent = 256;
}  // namespace

Ddr4Channel::Ddr4Channel(const Ddr4Config& cfg, ChannelId id, DramStats& stats)
    : cfg_(cfg),
      id_(id),
      stats_(stats),
      timeline_(cfg),
      scheduler_(make_scheduler(cfg.scheduler)),
      page_policy_(make_page_policy(cfg.page_policy)) {
  // Ranks refresh staggered across one tREFI so they are not all blocked at once.
  const std::uint32_t ranks = cfg.org.ranks;
  for (std::uint32_t r = 0; r < ranks; ++r)
    refresh_due_.push_back(Cycles(cfg.timing.tREFI + std::uint64_t{r} * cfg.timing.tREFI / ranks));
}

bool Ddr4Channel::busy() const {
  return !reads_.empty() || !writes_.empty() || !read_overflow_.empty() || !write_overflow_.empty();
}

void Ddr4Channel::enqueue(const DramRequest& r) {
  changed();
  const Cycles at = max_cycles(r.arrival, now_);
  stats_.record_occupancy(queued(), occupancy_from_, at);
  occupancy_from_ = max_cycles(occupancy_from_, at);
  auto& overflow = r.write ? write_overflow_ : read_overflow_;
  overflow.push_back(r);
  if (r.arrival < at) {  // late: charge only the wait for requests that came before it
    const Cycles lag = at - r.arrival;
    overflow.back().lag = lag - min_cycles(lag, predecessor_bus_time(r.arrival));
  }
  if (r.write)
    admit(writes_, write_overflow_, cfg_.write_queue_depth, at);
  else
    admit(reads_, read_overflow_, cfg_.read_queue_depth, at);
  update_write_mode();
}

void Ddr4Channel::admit(std::deque<Entry>& q, std::deque<DramRequest>& overflow,
                        std::uint32_t depth, Cycles at) {
  while (!overflow.empty() && q.size() < depth) {
    const DramRequest& r = overflow.front();
    const Cycles entered = max_cycles(at, r.arrival + r.lag);
    q.push_back(Entry{r, next_seq_++, entered});
    accepted_.push_back(DramEvent{r.id, r.write, r.arrival, entered, r.lag});
    overflow.pop_front();
  }
}

void Ddr4Channel::update_write_mode() {
  // Write draining: start at the high watermark, stop at the low one.
  if (draining_writes_ && writes_.size() <= cfg_.write_low_watermark)
    draining_writes_ = false;
  else if (!draining_writes_ && writes_.size() >= cfg_.write_high_watermark)
    draining_writes_ = true;
}

const std::deque<Ddr4Channel::Entry>* Ddr4Channel::active_queue() const {
  // Reads first unless draining; either queue serves when the other is empty.
  if (draining_writes_ && !writes_.empty()) return &writes_;
  if (!reads_.empty()) return &reads_;
  if (!writes_.empty()) return &writes_;
  return nullptr;
}

bool Ddr4Channel::refresh_pending(Rank r, Cycles t) const {
  return cfg_.refresh && refresh_due_[r.value()] <= t;
}

std::optional<Ddr4Channel::Decision> Ddr4Channel::refresh_decision(Cycles t, Cycles& next) const {
  // All-bank refresh: precharge every open bank of the rank, then REF once tRP has passed.
  for (std::uint32_t r = 0; r < cfg_.org.ranks; ++r) {
    if (!refresh_pending(Rank(r), t)) continue;
    DramCoord c;
    c.channel = id_;
    c.rank = Rank(r);
    if (!timeline_.any_open(c.rank)) {
      const Cycles ready = timeline_.earliest(DramCommand::Ref, c, t);
      if (ready <= t) return Decision{t, Kind::Refresh, DramCommand::Ref, c};
      next = min_cycles(next, ready);
      continue;
    }
    for (std::uint32_t g = 0; g < cfg_.org.bank_groups; ++g) {
      for (std::uint32_t b = 0; b < cfg_.org.banks_per_group; ++b) {
        c.bank_group = BankGroup(g);
        c.bank = Bank(b);
        if (!timeline_.open_row(c)) continue;
        const Cycles ready = timeline_.earliest(DramCommand::Pre, c, t);
        if (ready <= t) return Decision{t, Kind::RefreshPre, DramCommand::Pre, c};
        next = min_cycles(next, ready);
      }
    }
  }
  return std::nullopt;
}

Cycles Ddr4Channel::predecessor_bus_time(Cycles arrival) const {
  std::uint64_t bursts = 0;
  for (const Served& s : recent_)
    if (s.arrival <= arrival && s.done > arrival) ++bursts;
  return Cycles(bursts * cfg_.timing.burst_clocks());
}

bool Ddr4Channel::row_wanted(const DramCoord& c, std::uint64_t except_seq) const {
  auto same_row = [&](const Entry& e) {
    const DramCoord& o = e.req.coord;
    return e.seq != except_seq && o.rank == c.rank && o.bank_group == c.bank_group &&
           o.bank == c.bank && o.row == c.row;
  };
  return std::any_of(reads_.begin(), reads_.end(), same_row) ||
         std::any_of(writes_.begin(), writes_.end(), same_row);
}

std::optional<Ddr4Channel::Decision> Ddr4Channel::decide(bool with_idle_refresh) const {
  const bool reusable = last_.valid && last_.version == version_ &&
                        last_.with_idle_refresh == with_idle_refresh && last_.from <= now_ &&
                        (!last_.decision || now_ <= last_.decision->at);
  if (!reusable) last_ = {true, version_, with_idle_refresh, now_, decide_from(now_, with_idle_refresh)};
  return last_.decision;
}

// The candidates of queue q at cycle t: each request's next command and the cycle it may issue.
// Scratch buffers kept between decisions: deciding is the hot path and must not allocate.
void Ddr4Channel::build_candidates(const std::deque<Entry>& q, Cycles t) const {
  scratch_.cands.clear();
  scratch_.index.clear();
  scratch_.cmds.clear();
  for (std::size_t i = 0; i < q.size(); ++i) {
    const Entry& e = q[i];
    const DramCoord& c = e.req.coord;
    if (refresh_pending(c.rank, t)) continue;  // the rank is being refreshed
    const std::optional<Row> open = timeline_.open_row(c);
    const bool hit = open && *open == c.row;
    const DramCommand cmd = hit ? (e.req.write ? DramCommand::Wr : DramCommand::Rd)
                                : (open ? DramCommand::Pre : DramCommand::Act);
    const Cycles ready = timeline_.earliest(cmd, c, max_cycles(t, e.entered));
    scratch_.cands.push_back({e.seq, timeline_.flat_bank(c), hit, e.passed >= cfg_.starvation_cap, ready});
    scratch_.index.push_back(i);
    scratch_.cmds.push_back(cmd);
  }
}

// The candidates built at `from`, as build_candidates() would give them at a later t when no
// refresh falls due in (from, t]: the commands are the same (no command issues during a
// decision) and Ddr4Timeline::earliest() is max(not_before, limits that do not depend on it),
// so each ready cycle becomes max(ready, t).
bool Ddr4Channel::advance_candidates(Cycles from, Cycles t) const {
  if (cfg_.refresh)
    for (Cycles due : refresh_due_)
      if (due > from && due <= t) return false;
  for (SchedCandidate& c : scratch_.cands) c.ready = max_cycles(c.ready, t);
  return true;
}

std::optional<Ddr4Channel::Decision> Ddr4Channel::decide_from(Cycles t, bool with_idle_refresh) const {
  const std::deque<Entry>* q = active_queue();
  if (!q && !with_idle_refresh) return std::nullopt;
  bool built = false;
  Cycles built_at{0};
  while (true) {
    Cycles next = kNever;
    if (auto d = refresh_decision(t, next)) return d;
    if (q) {
      if (!built || !advance_candidates(built_at, t)) {
        build_candidates(*q, t);
        built = true;
      }
      built_at = t;
      const SchedPick p = scheduler_->pick(scratch_.cands, t);
      if (p.index) {
        const std::size_t i = scratch_.index[*p.index];
        return Decision{t, Kind::Request, scratch_.cmds[*p.index], (*q)[i].req.coord, q == &writes_, i};
      }
      next = min_cycles(next, p.next_ready);
    }
    if (cfg_.refresh && (q || with_idle_refresh))  // a refresh falling due changes the choice
      for (Cycles due : refresh_due_)
        if (due > t) next = min_cycles(next, due);
    if (next == kNever) return std::nullopt;
    t = next;
  }
}

Cycles Ddr4Channel::next_command_cycle() const {
  if (reads_.empty() && writes_.empty()) return kNever;
  const auto d = decide(false);
  return d ? d->at : kNever;
}

void Ddr4Channel::run_until(Cycles until) {
  while (true) {
    const auto d = decide(true);
    if (!d || d->at > until) break;
    execute(*d);
  }
  if (now_ <= until) {
    stats_.record_occupancy(queued(), occupancy_from_, until + Cycles(1));
    occupancy_from_ = max_cycles(occupancy_from_, until + Cycles(1));
    now_ = until + Cycles(1);
  }
}

void Ddr4Channel::drain() {
  while (busy()) {
    const auto d = decide(false);
    if (!d) break;
    execute(*d);
  }
}

void Ddr4Channel::execute(const Decision& d) {
  changed();
  stats_.record_occupancy(queued(), occupancy_from_, d.at);
  occupancy_from_ = max_cycles(occupancy_from_, d.at);
  now_ = d.at + Cycles(1);
  switch (d.kind) {
    case Kind::RefreshPre:
      timeline_.issue(DramCommand::Pre, d.coord, d.at);
      observe(d);
      return;
    case Kind::Refresh:
      timeline_.issue(DramCommand::Ref, d.coord, d.at);
      observe(d);
      stats_.record_refresh();
      refresh_due_[d.coord.rank.value()] += Cycles(cfg_.timing.tREFI);  // tREFI: average interval
      return;
    case Kind::Request:
      break;
  }
  std::deque<Entry>& q = d.write_queue ? writes_ : reads_;
  Entry& e = q[d.index];
  if (!e.classified) {
    e.classified = true;
    const RowOutcome o = d.cmd == DramCommand::Pre   ? RowOutcome::Conflict
                         : d.cmd == DramCommand::Act ? RowOutcome::Miss
                                                     : RowOutcome::Hit;
    stats_.record_outcome(id_, timeline_.flat_bank(d.coord), o);
  }
  if (d.cmd == DramCommand::Rd || d.cmd == DramCommand::Wr) {
    execute_column(d, q);
  } else {
    timeline_.issue(d.cmd, d.coord, d.at);
    observe(d);
  }
}

void Ddr4Channel::observe(const Decision& d, bool auto_precharge) const {
  if (observer_) observer_(DramCommandRecord{d.at, d.cmd, d.coord, auto_precharge});
}

void Ddr4Channel::execute_column(const Decision& d, std::deque<Entry>& q) {
  const Entry e = q[d.index];
  const bool auto_pre = page_policy_->auto_precharge(row_wanted(d.coord, e.seq));
  const Cycles done = timeline_.issue(d.cmd, d.coord, d.at, auto_pre);
  observe(d, auto_pre);
  stats_.record_done(id_, timeline_.flat_bank(d.coord), e.req.write, e.req.arrival + e.req.lag,
                     done);
  completed_.push_back(DramEvent{e.req.id, e.req.write, e.req.arrival, done, e.req.lag});
  recent_.push_back(Served{e.req.arrival, done});
  if (recent_.size() > kRecent) recent_.pop_front();
  const std::uint32_t bank = timeline_.flat_bank(d.coord);
  for (std::deque<Entry>* other : {&reads_, &writes_})  // starvation: count who was passed
    for (Entry& o : *other)
      if (o.seq < e.seq && timeline_.flat_bank(o.req.coord) == bank) ++o.passed;
  q.erase(q.begin() + static_cast<std::ptrdiff_t>(d.index));
  if (e.req.write)
    admit(writes_, write_overflow_, cfg_.write_queue_depth, now_);
  else
    admit(reads_, read_overflow_, cfg_.read_queue_depth, now_);
  update_write_mode();
}

std::vector<DramEvent> Ddr4Channel::take_accepted() { return std::exchange(accepted_, {}); }
std::vector<DramEvent> Ddr4Channel::take_completed() { return std::exchange(completed_, {}); }

}  // namespace memvp
