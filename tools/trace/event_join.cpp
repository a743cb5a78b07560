// The joins: per hart, a cursor over that hart's events advances to each translation's cycle
// and applies the events up to it (events at the same cycle as a translation come first: the
// commit store that carried them was issued, and translated, earlier).
#include "event_join.h"

#include <algorithm>

#include <fmt/format.h>

namespace memvp::trace {

namespace {

constexpr unsigned kPageShift = 12;

struct HartState {
  std::vector<EventRecord> events;  // this hart's, by cycle
  std::size_t next = 0;
  std::int64_t pid = -1;
  std::optional<std::size_t> open;   // the fault whose handler runs
  std::optional<std::size_t> retry;  // the fault whose page's next translation is its retry
  std::optional<TranslationRecord> last_fault;  // the last faulting translation
};

class Joiner {
 public:
  explicit Joiner(std::vector<EventRecord> events) {
    std::stable_sort(events.begin(), events.end(), [](const EventRecord& a, const EventRecord& b) {
      return a.hart != b.hart ? a.hart < b.hart : a.cycle < b.cycle;
    });
    for (const EventRecord& e : events) hart(e.hart).events.push_back(e);
  }

  void translation(const TranslationRecord& r) {
    HartState& h = hart(r.hart);
    advance(h, r.cycle);
    PidCost& p = out_.pids[h.pid];
    ++p.translations;
    p.translation_cycles += r.latency_cycles;
    p.walk_cycles += r.walk_cycles;
    if (r.walk_cycles > 0) ++p.walks;
    if (r.outcome == static_cast<std::uint8_t>(Outcome::Fault)) {
      ++p.faults;
      h.last_fault = r;
    }
    if (h.open) {
      FaultRow& f = out_.faults[*h.open];
      ++f.handler_translations;
      f.handler_walk_cycles += r.walk_cycles;
      if (r.walk_cycles > 0) ++f.handler_walks;
    } else if (h.retry && h.pid == out_.faults[*h.retry].pid &&
               (r.va >> kPageShift) == (out_.faults[*h.retry].va >> kPageShift)) {
      out_.faults[*h.retry].retry_walk_cycles = r.walk_cycles;
      h.retry.reset();
    }
  }

  JoinResult finish() {
    for (HartState& h : harts_) advance(h, ~0ULL);
    return std::move(out_);
  }

 private:
  HartState& hart(std::uint16_t id) {
    if (id >= harts_.size()) harts_.resize(id + 1u);
    return harts_[id];
  }

  void advance(HartState& h, std::uint64_t cycle) {
    for (; h.next < h.events.size() && h.events[h.next].cycle <= cycle; ++h.next) apply(h, h.events[h.next]);
  }

  void apply(HartState& h, const EventRecord& e) {
    h.pid = e.type == MEMVP_EV_CONTEXT_SWITCH ? static_cast<std::int64_t>(e.arg[1]) : e.pid;
    if (e.type == MEMVP_EV_PAGE_FAULT) {
      FaultRow f;
      f.cycle = e.cycle;
      f.hart = e.hart;
      f.pid = e.pid;
      f.va = e.arg[0];
      f.cause = e.arg[1];
      if (h.last_fault && (h.last_fault->va >> kPageShift) == (f.va >> kPageShift))
        f.fault_walk_cycles = h.last_fault->walk_cycles;
      h.open = out_.faults.size();
      h.retry.reset();
      out_.faults.push_back(f);
    } else if (e.type == MEMVP_EV_PAGE_FAULT_DONE && h.open) {
      FaultRow& f = out_.faults[*h.open];
      f.handler_cycles = e.cycle - f.cycle;
      f.result = e.arg[1];
      h.retry = h.open;
      h.open.reset();
    }
  }

  std::vector<HartState> harts_;
  JoinResult out_;
};

template <class T>
std::string optional_text(const std::optional<T>& v) {
  return v ? fmt::format("{}", *v) : std::string();
}

}  // namespace

std::vector<EventRecord> read_events(const std::string& path) {
  TraceReader reader(path, kEventFormat);
  std::vector<EventRecord> out;
  reader.for_each<EventRecord>([&](const EventRecord& e) { out.push_back(e); });
  return out;
}

std::vector<DramSampleRecord> read_dram_samples(const std::string& path) {
  TraceReader reader(path, kDramFormat);
  std::vector<DramSampleRecord> out;
  reader.for_each<DramSampleRecord>([&](const DramSampleRecord& s) { out.push_back(s); });
  return out;
}

JoinResult join_events(TraceReader& reader, std::vector<EventRecord> events, const TraceFilter& filter) {
  Joiner j(std::move(events));
  reader.for_each([&](const TranslationRecord& r) {
    if (filter.matches(r)) j.translation(r);
  });
  return j.finish();
}

std::vector<ShootdownRow> join_shootdowns(const std::vector<EventRecord>& events) {
  // Each hart serves the shootdowns sent to it one at a time, in the order they were sent (the
  // kernel holds a lock from posting one to the last target's answer): the k-th receipt on a
  // hart answers the k-th shootdown that named it.
  std::map<std::uint16_t, std::vector<std::uint64_t>> recvs;
  for (const EventRecord& e : events)
    if (e.type == MEMVP_EV_SHOOTDOWN_RECV) recvs[e.hart].push_back(e.cycle);
  for (auto& [hart, cycles] : recvs) std::sort(cycles.begin(), cycles.end());
  std::vector<EventRecord> sends;
  for (const EventRecord& e : events)
    if (e.type == MEMVP_EV_SHOOTDOWN_SEND) sends.push_back(e);
  std::stable_sort(sends.begin(), sends.end(), [](const EventRecord& a, const EventRecord& b) { return a.cycle < b.cycle; });
  std::map<std::uint16_t, std::size_t> matched;  // per hart, receipts already matched
  std::vector<ShootdownRow> rows;
  for (const EventRecord& e : sends) {
    for (std::uint16_t t = 0; t < 64; ++t) {
      if (!(e.arg[2] >> t & 1)) continue;
      ShootdownRow row{e.cycle, e.hart, e.pid, e.arg[0], e.arg[1], e.arg[3], t, std::nullopt};
      std::size_t& k = matched[t];
      if (k < recvs[t].size()) row.recv_cycle = recvs[t][k++];
      rows.push_back(row);
    }
  }
  return rows;
}

void write_event_csv(const std::vector<EventRecord>& events, std::FILE* out) {
  std::string buf = "cycle,hart,pid,type,arg0,arg1,arg2,arg3\n";
  for (const EventRecord& e : events)
    fmt::format_to(std::back_inserter(buf), "{},{},{},{},{:#x},{:#x},{:#x},{:#x}\n", e.cycle, e.hart, e.pid,
                   event_name(e.type), e.arg[0], e.arg[1], e.arg[2], e.arg[3]);
  std::fwrite(buf.data(), 1, buf.size(), out);
}

void write_fault_csv(const std::vector<FaultRow>& faults, std::FILE* out) {
  std::string buf =
      "cycle,hart,pid,va,cause,fault_walk_cycles,handler_cycles,handler_translations,handler_walks,"
      "handler_walk_cycles,retry_walk_cycles,result\n";
  for (const FaultRow& f : faults)
    fmt::format_to(std::back_inserter(buf), "{},{},{},{:#x},{},{},{},{},{},{},{},{}\n", f.cycle, f.hart, f.pid, f.va,
                   f.cause, f.fault_walk_cycles, optional_text(f.handler_cycles), f.handler_translations,
                   f.handler_walks, f.handler_walk_cycles, optional_text(f.retry_walk_cycles),
                   f.result ? fmt::format("{:#x}", *f.result) : std::string());
  std::fwrite(buf.data(), 1, buf.size(), out);
}

void write_pid_csv(const std::map<std::int64_t, PidCost>& pids, std::FILE* out) {
  std::string buf = "pid,translations,walks,faults,translation_cycles,walk_cycles\n";
  for (const auto& [pid, c] : pids)
    fmt::format_to(std::back_inserter(buf), "{},{},{},{},{},{}\n", pid < 0 ? std::string("unknown") : std::to_string(pid),
                   c.translations, c.walks, c.faults, c.translation_cycles, c.walk_cycles);
  std::fwrite(buf.data(), 1, buf.size(), out);
}

void write_shootdown_csv(const std::vector<ShootdownRow>& rows, std::FILE* out) {
  std::string buf = "cycle,hart,pid,start,end,asid,target,recv_cycle,latency_cycles\n";
  for (const ShootdownRow& r : rows)
    fmt::format_to(std::back_inserter(buf), "{},{},{},{:#x},{:#x},{:#x},{},{},{}\n", r.cycle, r.hart, r.pid, r.start,
                   r.end, r.asid, r.target, optional_text(r.recv_cycle),
                   r.recv_cycle ? std::to_string(static_cast<std::int64_t>(*r.recv_cycle - r.cycle)) : std::string());
  std::fwrite(buf.data(), 1, buf.size(), out);
}

}  // namespace memvp::trace
