// The timeline's tracks. Translations are streamed once: each hart's are in cycle order
// (docs/trace.md, "Record"), so a hart's privilege span and counter bucket close as soon as a
// later translation of that hart arrives. The event trace, small beside it, is then walked per
// hart in cycle order. Events are written as they are produced; the viewer sorts them by time.
#include "perfetto_timeline.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <tuple>

#include <fmt/format.h>

#include "event_join.h"
#include "trace_event_json.h"

namespace memvp::trace {

namespace {

constexpr std::uint8_t kL2 = static_cast<std::uint8_t>(Outcome::L2Hit);
constexpr std::uint8_t kWalk = static_cast<std::uint8_t>(Outcome::Walk);
constexpr std::uint8_t kUser = 0;  // TranslationRecord::priv: 0 U, 1 S

// The window [from, to) of the options' filter; to is open-ended without --to-cycle.
struct Window {
  std::uint64_t from = 0;
  std::uint64_t to = ~0ULL;
  [[nodiscard]] bool contains(std::uint64_t cycle) const { return cycle >= from && cycle < to; }
};

std::string hart_fields(std::uint32_t tid) { return fmt::format("\"pid\":{},\"tid\":{}", kTimelinePid, tid); }

// Names for the process and each hart's tracks (the format's "M" events; the process's is given
// on the first track, so that no other thread is made up for it).
void write_metadata(TraceEventWriter& w, const std::vector<std::uint16_t>& harts) {
  w.event(fmt::format(R"("name":"process_name","ph":"M","ts":0,{},"args":{{"name":"memvp"}})",
                      hart_fields(hart_tid(harts.empty() ? 0 : harts.front()))));
  for (const std::uint16_t h : harts) {
    for (const auto& [tid, name, index] : {std::tuple{hart_tid(h), fmt::format("hart {}", h), 2u * h},
                                           std::tuple{mode_tid(h), fmt::format("hart {} kernel/user", h), 2u * h + 1}}) {
      w.event(fmt::format(R"("name":"thread_name","ph":"M","ts":0,{},"args":{{"name":{}}})", hart_fields(tid),
                          json_string(name)));
      w.event(fmt::format(R"("name":"thread_sort_index","ph":"M","ts":0,{},"args":{{"sort_index":{}}})",
                          hart_fields(tid), index));
    }
  }
}

// A complete ("X") event on track `tid` covering [from, to) clipped to the window; nothing if
// the clipped span is empty.
void write_span(TraceEventWriter& w, const Window& win, std::uint32_t tid, std::string_view name, std::string_view cat,
                std::uint64_t from, std::uint64_t to, std::string_view args) {
  from = std::max(from, win.from);
  to = std::min(to, win.to);
  if (from >= to) return;
  w.event(fmt::format(R"("name":{},"cat":"{}","ph":"X","ts":{},"dur":{},{},"args":{{{}}})", json_string(name), cat,
                      w.ts(from), w.ts(to - from), hart_fields(tid), args));
}

// Per hart: the current run of translations at one privilege, and the current counter bucket.
struct HartTranslations {
  std::optional<std::uint8_t> priv;
  std::uint64_t run_start = 0, last = 0;
  std::optional<std::uint64_t> bucket;
  std::uint64_t translations = 0, l1_misses = 0, walks = 0, walk_cycles = 0;
};

class TranslationTracks {
 public:
  TranslationTracks(TraceEventWriter& w, const TimelineOptions& o, Window win) : w_(w), bucket_(o.bucket_cycles), win_(win) {}

  void add(const TranslationRecord& r) {
    if (r.hart >= harts_.size()) harts_.resize(r.hart + 1u);
    HartTranslations& h = harts_[r.hart];
    track_privilege(r, h);
    track_bucket(r, h);
  }

  void finish() {
    for (std::uint16_t hart = 0; hart < harts_.size(); ++hart) {
      HartTranslations& h = harts_[hart];
      if (h.priv) write_run(hart, h, h.last + 1);
      if (!h.bucket) continue;
      write_counters(hart, *h.bucket, h);
      if (bucket_start(*h.bucket + 1) < win_.to) write_counters(hart, *h.bucket + 1, {});
    }
  }

 private:
  [[nodiscard]] std::uint64_t bucket_start(std::uint64_t k) const { return win_.from + k * bucket_; }

  void track_privilege(const TranslationRecord& r, HartTranslations& h) {
    if (h.priv && *h.priv != r.priv) write_run(r.hart, h, r.cycle);
    if (!h.priv || *h.priv != r.priv) h.priv = r.priv, h.run_start = r.cycle;
    h.last = r.cycle;
  }

  // A hart's first bucket is preceded by a zero at the window's start; a bucket is written when
  // the hart's first translation of a later one arrives, followed by a zero if buckets between
  // them were empty.
  void track_bucket(const TranslationRecord& r, HartTranslations& h) {
    const std::uint64_t k = (r.cycle - win_.from) / bucket_;
    if (!h.bucket) {
      if (k > 0) write_counters(r.hart, 0, {});
      h.bucket = k;
    } else if (k > *h.bucket) {
      write_counters(r.hart, *h.bucket, h);
      if (k > *h.bucket + 1) write_counters(r.hart, *h.bucket + 1, {});
      h = HartTranslations{h.priv, h.run_start, h.last, k};
    }
    ++h.translations;
    // By source, as the summary's hit rates: a permission fault on a cached entry was a hit.
    if (r.source == kL2 || r.source == kWalk) ++h.l1_misses;
    if (r.source == kWalk) ++h.walks;
    h.walk_cycles += r.walk_cycles;
  }

  // The run of translations at h.priv from h.run_start up to `end`: the hart's next translation,
  // at the other privilege, or one cycle after its last translation.
  void write_run(std::uint16_t hart, const HartTranslations& h, std::uint64_t end) {
    write_span(w_, win_, mode_tid(hart), *h.priv == kUser ? "user" : "kernel", "mode", h.run_start, end, "");
  }

  // Bucket k's counters; all zero for an empty bucket.
  void write_counters(std::uint16_t hart, std::uint64_t k, const HartTranslations& h) {
    const std::string ts = w_.ts(bucket_start(k));
    const std::string where = hart_fields(hart_tid(hart));
    const auto per_1000 = [&](std::uint64_t n) { return h.translations ? 1000.0 * n / h.translations : 0.0; };
    w_.event(fmt::format(R"("name":"hart {} TLB misses","ph":"C","ts":{},{},"args":{{"l1":{},"walks":{}}})", hart, ts,
                         where, h.l1_misses, h.walks));
    w_.event(fmt::format(
        R"("name":"hart {} TLB misses per 1000 translations","ph":"C","ts":{},{},"args":{{"l1":{:.2f},"walks":{:.2f}}})",
        hart, ts, where, per_1000(h.l1_misses), per_1000(h.walks)));
    w_.event(fmt::format(R"("name":"hart {} walk cycles","ph":"C","ts":{},{},"args":{{"cycles":{}}})", hart, ts, where,
                         h.walk_cycles));
  }

  TraceEventWriter& w_;
  std::uint64_t bucket_;
  Window win_;
  std::vector<HartTranslations> harts_;
};

// The arguments of each event type (docs/devices.md, "Events"): name, and whether it is an
// address or mask (a hex string) rather than a count (a number), or a signed number.
struct ArgSpec {
  const char* name;
  bool hex;
  bool is_signed = false;
};
using EventArgs = std::array<ArgSpec, kEventArgs>;

EventArgs event_args(std::uint16_t type) {
  constexpr ArgSpec va{"va", true}, start{"start", true}, end{"end", true}, asid{"asid", true}, none{nullptr, false};
  switch (type) {
    case MEMVP_EV_PAGE_FAULT: return {{va, {"cause", false}, {"epc", true}, none}};
    case MEMVP_EV_PAGE_FAULT_DONE: return {{va, {"result", true}, none, none}};
    case MEMVP_EV_COW_COPY:
    case MEMVP_EV_ZERO_PAGE:
    case MEMVP_EV_THP_ALLOC:
    case MEMVP_EV_THP_SPLIT: return {{va, none, none, none}};
    case MEMVP_EV_MMAP: return {{{"addr", true}, {"len", false}, {"prot", true}, {"flags", true}}};
    case MEMVP_EV_MUNMAP: return {{{"addr", true}, {"len", false}, none, none}};
    case MEMVP_EV_BRK: return {{{"requested", true}, end, none, none}};
    case MEMVP_EV_CONTEXT_SWITCH: return {{{"prev", false}, {"next", false}, asid, none}};
    case MEMVP_EV_SHOOTDOWN_SEND: return {{start, end, {"targets", true}, asid}};
    case MEMVP_EV_SHOOTDOWN_RECV:
    case MEMVP_EV_SFENCE: return {{start, end, asid, none}};
    case MEMVP_EV_FORK: return {{{"child", false}, none, none, none}};
    case MEMVP_EV_EXEC: return {{{"entry", true}, asid, none, none}};
    case MEMVP_EV_EXIT: return {{{"status", false}, none, none, none}};
    case MEMVP_EV_KSWAPD_WAKE: return {{{"node", false}, {"order", false}, {"free_pages", false}, none}};
    case MEMVP_EV_KSWAPD_SLEEP: return {{{"node", false}, {"reclaimed", false}, {"free_pages", false}, none}};
    case MEMVP_EV_DIRECT_RECLAIM_BEGIN: return {{{"order", false}, {"gfp_mask", true}, {"free_pages", false}, none}};
    case MEMVP_EV_DIRECT_RECLAIM_END: return {{{"reclaimed", false}, {"free_pages", false}, none, none}};
    case MEMVP_EV_OOM_KILL:
      return {{{"victim", false}, {"total_vm", false}, {"rss", false}, {"oom_score_adj", false, true}}};
    case MEMVP_EV_ZONE_FREE: return {{{"node", false}, {"zone", false}, {"pages", false}, none}};
    case MEMVP_EV_SWAP_OUT:
    case MEMVP_EV_SWAP_IN: return {{{"swap_type", false}, {"offset", false}, {"pfn", true}, none}};
    default: return {{{"arg0", true}, {"arg1", true}, {"arg2", true}, {"arg3", true}}};
  }
}

void write_instant(TraceEventWriter& w, const EventRecord& e) {
  std::string args = fmt::format("\"pid\":{}", e.pid);
  const EventArgs spec = event_args(e.type);
  for (unsigned i = 0; i < kEventArgs; ++i) {
    if (!spec[i].name) continue;
    if (spec[i].hex) fmt::format_to(std::back_inserter(args), ",\"{}\":\"{:#x}\"", spec[i].name, e.arg[i]);
    else if (spec[i].is_signed) fmt::format_to(std::back_inserter(args), ",\"{}\":{}", spec[i].name, std::int64_t(e.arg[i]));
    else fmt::format_to(std::back_inserter(args), ",\"{}\":{}", spec[i].name, e.arg[i]);
  }
  w.event(fmt::format(R"("name":"{}","cat":"os","ph":"i","s":"t","ts":{},{},"args":{{{}}})", event_name(e.type),
                      w.ts(e.cycle), hart_fields(hart_tid(e.hart)), args));
}

// One hart's events, in cycle order: the running pid as slices, the rest as instants. The pid
// changes with a context_switch (to its next pid) and otherwise with an event of another pid
// (the hart's first event), as `memvp trace … pids` charges translations; the last slice ends
// at `end`.
void write_hart_events(TraceEventWriter& w, const Window& win, std::span<const EventRecord> events,
                       std::uint64_t end) {
  std::optional<std::uint64_t> pid;
  std::uint64_t since = 0;
  const auto close = [&](std::uint64_t at, std::uint16_t hart) {
    if (pid) write_span(w, win, hart_tid(hart), fmt::format("pid {}", *pid), "pid", since, at, fmt::format("\"pid\":{}", *pid));
  };
  for (const EventRecord& e : events) {
    const std::uint64_t next = e.type == MEMVP_EV_CONTEXT_SWITCH ? e.arg[1] : e.pid;
    if (pid != next) {
      close(e.cycle, e.hart);
      pid = next, since = e.cycle;
    }
    // A zone's free pages are a counter (write_zone_free), not an instant.
    const bool instant = e.type != MEMVP_EV_CONTEXT_SWITCH && e.type != MEMVP_EV_ZONE_FREE;
    if (instant && win.contains(e.cycle)) write_instant(w, e);
  }
  if (!events.empty()) close(end, events.front().hart);
}

// A flow arrow from each shootdown_send to each target's shootdown_recv (join_shootdowns), both
// in the window and on selected harts.
void write_shootdown_flows(TraceEventWriter& w, const Window& win, const std::vector<EventRecord>& events,
                           const std::optional<std::uint16_t>& hart) {
  const std::vector<ShootdownRow> rows = join_shootdowns(events);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const ShootdownRow& r = rows[i];
    if (!r.recv_cycle || !win.contains(r.cycle) || !win.contains(*r.recv_cycle)) continue;
    if (hart && (r.hart != *hart || r.target != *hart)) continue;
    w.event(fmt::format(R"("name":"shootdown","cat":"tlb","ph":"s","id":{},"ts":{},{})", i + 1, w.ts(r.cycle),
                        hart_fields(hart_tid(r.hart))));
    w.event(fmt::format(R"("name":"shootdown","cat":"tlb","ph":"f","bp":"e","id":{},"ts":{},{})", i + 1,
                        w.ts(*r.recv_cycle), hart_fields(hart_tid(r.target))));
  }
}

// The argument index of the free pages an event reports, if it does: the one event_args names
// free_pages (the reclaim events, docs/devices.md).
std::optional<unsigned> free_pages_arg(std::uint16_t type) {
  const EventArgs spec = event_args(type);
  for (unsigned i = 0; i < kEventArgs; ++i)
    if (spec[i].name && std::string_view(spec[i].name) == "free_pages") return i;
  return std::nullopt;
}

// The machine's free pages as the reclaim events report them: one counter track (a counter
// belongs to the process; its tid is the reporting hart's), sampled at each such event in the
// window (events of unselected harts too: the figure is the machine's).
void write_free_pages(TraceEventWriter& w, const Window& win, const std::vector<EventRecord>& events) {
  std::vector<const EventRecord*> samples;
  for (const EventRecord& e : events)
    if (free_pages_arg(e.type) && win.contains(e.cycle)) samples.push_back(&e);
  std::stable_sort(samples.begin(), samples.end(), [](const EventRecord* a, const EventRecord* b) { return a->cycle < b->cycle; });
  for (const EventRecord* e : samples)
    w.event(fmt::format(R"("name":"free pages","ph":"C","ts":{},{},"args":{{"pages":{}}})", w.ts(e->cycle),
                        hart_fields(hart_tid(e->hart)), e->arg[*free_pages_arg(e->type)]));
}

// Each zone's free pages as the kernel's zone_free events report them: one counter track per
// node and zone ("node 0 DMA32 free pages"), sampled at each such event in the window.
void write_zone_free(TraceEventWriter& w, const Window& win, const std::vector<EventRecord>& events) {
  constexpr std::array<const char*, 3> kZones{"DMA32", "Normal", "Movable"};  // the kernel's zone_type
  std::vector<const EventRecord*> samples;
  for (const EventRecord& e : events)
    if (e.type == MEMVP_EV_ZONE_FREE && e.arg[1] < kZones.size() && win.contains(e.cycle)) samples.push_back(&e);
  std::stable_sort(samples.begin(), samples.end(), [](const EventRecord* a, const EventRecord* b) { return a->cycle < b->cycle; });
  for (const EventRecord* e : samples)
    w.event(fmt::format(R"("name":"node {} {} free pages","ph":"C","ts":{},{},"args":{{"pages":{}}})", e->arg[0],
                        kZones[e->arg[1]], w.ts(e->cycle), hart_fields(hart_tid(e->hart)), e->arg[2]));
}

void write_event_tracks(TraceEventWriter& w, const Window& win, std::vector<EventRecord> events,
                        const std::optional<std::uint16_t>& hart, std::uint64_t end) {
  write_shootdown_flows(w, win, events, hart);
  write_free_pages(w, win, events);
  write_zone_free(w, win, events);
  std::stable_sort(events.begin(), events.end(), [](const EventRecord& a, const EventRecord& b) {
    return a.hart != b.hart ? a.hart < b.hart : a.cycle < b.cycle;
  });
  for (auto first = events.begin(); first != events.end();) {
    const auto last = std::find_if(first, events.end(), [&](const EventRecord& e) { return e.hart != first->hart; });
    if (!hart || first->hart == *hart) write_hart_events(w, win, std::span<const EventRecord>(first, last), end);
    first = last;
  }
}

// Each node's DRAM bandwidth in GB/s per bucket, its channels summed: a sample counts in the
// bucket of its first cycle. A bucket without bursts after one with them is written as zeros,
// so the counter falls back; the first is preceded by a zero at the window's start.
void write_dram_bandwidth(TraceEventWriter& w, const Window& win, std::uint64_t bucket, std::uint64_t period_ps,
                          const std::vector<DramSampleRecord>& dram) {
  std::map<std::pair<std::uint16_t, std::uint64_t>, std::pair<std::uint64_t, std::uint64_t>> bytes;  // (node, k)
  for (const DramSampleRecord& s : dram) {
    if (!win.contains(s.cycle)) continue;
    auto& [read, written] = bytes[{s.node, (s.cycle - win.from) / bucket}];
    read += s.bytes_read;
    written += s.bytes_written;
  }
  // bytes / (bucket x period) in GB/s: bytes per picosecond is 1000 GB/s.
  const double per_gbps = 1000.0 / static_cast<double>(bucket * period_ps);
  const auto write = [&](std::uint16_t node, std::uint64_t k, std::uint64_t read, std::uint64_t written) {
    w.event(fmt::format(R"("name":"node {} DRAM GB/s","ph":"C","ts":{},{},"args":{{"read":{:.3f},"write":{:.3f}}})", node,
                        w.ts(win.from + k * bucket), hart_fields(hart_tid(0)), read * per_gbps, written * per_gbps));
  };
  for (auto it = bytes.begin(); it != bytes.end(); ++it) {
    const auto [node, k] = it->first;
    const auto prev = it == bytes.begin() ? bytes.end() : std::prev(it);
    const bool follows = prev != bytes.end() && prev->first.first == node;
    if (!follows && k > 0) write(node, 0, 0, 0);
    write(node, k, it->second.first, it->second.second);
    const auto next = std::next(it);
    const bool continues = next != bytes.end() && next->first == std::pair{node, k + 1};
    if (!continues && win.contains(win.from + (k + 1) * bucket)) write(node, k + 1, 0, 0);
  }
}

}  // namespace

std::uint64_t write_timeline(TraceReader& reader, std::vector<EventRecord> events, const TimelineOptions& options,
                             std::FILE* out, const std::vector<DramSampleRecord>& dram) {
  const TraceFilter& f = options.filter;
  const Window win{f.cycle_from, f.cycle_to.value_or(~0ULL)};
  std::vector<std::uint16_t> harts;
  for (std::uint16_t h = 0; h < reader.header().harts; ++h)
    if (!f.hart || *f.hart == h) harts.push_back(h);
  TraceEventWriter w(out, reader.header().clock_period_ps);
  write_metadata(w, harts);
  TranslationTracks tracks(w, options, win);
  std::uint64_t last_cycle = 0;  // of every record, selected or not: where the last pid slices end
  reader.for_each([&](const TranslationRecord& r) {
    last_cycle = std::max(last_cycle, r.cycle);
    if (f.matches(r)) tracks.add(r);
  });
  tracks.finish();
  for (const EventRecord& e : events) last_cycle = std::max(last_cycle, e.cycle);
  write_event_tracks(w, win, std::move(events), f.hart, last_cycle + 1);
  write_dram_bandwidth(w, win, options.bucket_cycles, reader.header().clock_period_ps, dram);
  w.finish();
  return w.events();
}

}  // namespace memvp::trace
