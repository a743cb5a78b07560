// One pass over the value changes per view, stopping once the focus is known.
#include "tools/memvp/wave_focus.h"

#include <algorithm>
#include <map>
#include <optional>
#include <regex>
#include <set>

namespace memvp::waves_view {

namespace {

// For each variable, the first capture of `re` on its name, or "" when it does not match.
std::vector<std::string> classify(const VcdScan& vcd, const std::string& re) {
  const std::regex r(re);
  std::vector<std::string> out;
  std::smatch m;
  for (const VcdVar& v : vcd.vars()) out.push_back(std::regex_match(v.name, m, r) ? m[1].str() : std::string());
  return out;
}

// A window of `span` time units starting a tenth of it before `at`.
void window_around(Focus& f, std::uint64_t at, std::uint64_t span) {
  f.from = at > span / 10 ? at - span / 10 : 0;
  f.to = f.from + span;
}

// A TLB miss (docs/waves.md mmu.miss) from its miss to the end of its walk (walk_active
// falling): the first one whose PTE read missed the hart's L1D (where the walker's reads enter,
// docs/mmu.md) while a DRAM bank was read (RD or RDA), or else the first one. Without a cache
// group the L1D miss is not asked for.
struct Walk {
  std::string hart;
  std::uint64_t start = 0, end = 0;
  bool l1d_miss = false;
  std::set<std::string> banks;  // banks read during the walk
};

Focus walk_focus(VcdScan& vcd, std::uint64_t span) {
  const std::vector<std::string> miss = classify(vcd, R"((hart[0-9]+)\.mmu\.miss)");
  const std::vector<std::string> walk = classify(vcd, R"((hart[0-9]+)\.mmu\.walk_active)");
  const std::vector<std::string> l1d = classify(vcd, R"((hart[0-9]+)\.l1d\.miss)");
  const std::vector<std::string> bank = classify(vcd, R"((node[0-9]+\.dram\.ch[0-9]+\.bank[0-9]+)\.cmd)");
  const bool caches = std::any_of(l1d.begin(), l1d.end(), [](const std::string& h) { return !h.empty(); });
  constexpr std::uint64_t kRd = 3, kRda = 5;  // docs/waves.md dram cmd
  Walk open;
  std::optional<Walk> first, found;
  vcd.for_each_change([&](std::uint64_t t, int v, std::uint64_t value) {
    if (!miss[v].empty() && open.hart.empty()) {
      open = {miss[v], t, 0, false, {}};
    } else if (!open.hart.empty() && walk[v] == open.hart && value == 0 && t > open.start) {
      open.end = t;
      if ((open.l1d_miss || !caches) && !open.banks.empty()) {
        found = open;
        return false;
      }
      if (!first) first = open;
      open = {};
    } else if (!open.hart.empty() && l1d[v] == open.hart) {
      open.l1d_miss = true;
    } else if (!open.hart.empty() && !bank[v].empty() && (value == kRd || value == kRda)) {
      open.banks.insert(bank[v]);
    }
    return true;
  });
  Focus f;
  const std::optional<Walk>& w = found ? found : first;
  if (!w) {
    window_around(f, 0, span);
    return f;
  }
  f.marker = static_cast<std::int64_t>(w->start);
  f.named.emplace_back("walk end", w->end);
  const std::uint64_t len = w->end - w->start;
  f.from = w->start > len / 4 ? w->start - len / 4 : 0;
  f.to = w->end + len / 2;
  f.instances.push_back(w->hart);
  f.instances.insert(f.instances.end(), w->banks.begin(), w->banks.end());
  return f;
}

// The first context switch (a change of os current_pid) that a TLB flush of its hart preceded
// by at most a tenth of the window (switch_mm writes satp before the kernel reports the switch,
// sw/kernel/proc/sched.cpp), or else the first switch between two non-zero pids; with the
// hart's first TLB miss after it.
struct Switch {
  std::string hart;
  std::uint64_t at = 0;
  std::optional<std::uint64_t> flush, miss;
};

Focus switch_focus(VcdScan& vcd, std::uint64_t span) {
  const std::vector<std::string> pid = classify(vcd, R"(os\.(hart[0-9]+)\.current_pid)");
  const std::vector<std::string> flush = classify(vcd, R"((hart[0-9]+)\.mmu\.(?:sfence|satp_flush))");
  const std::vector<std::string> miss = classify(vcd, R"((hart[0-9]+)\.mmu\.miss)");
  std::map<int, std::uint64_t> current;
  std::map<std::string, std::uint64_t> last_flush;
  std::optional<Switch> chosen, fallback;
  vcd.for_each_change([&](std::uint64_t t, int v, std::uint64_t value) {
    if (!pid[v].empty()) {
      const auto it = current.find(v);
      if (it != current.end() && it->second != value) {
        if (!fallback && it->second != 0 && value != 0) fallback = Switch{pid[v], t, {}, {}};
        const auto fl = last_flush.find(pid[v]);
        if (!chosen && fl != last_flush.end() && t - fl->second <= span / 10) chosen = Switch{pid[v], t, fl->second, {}};
      }
      current[v] = value;
    } else if (!flush[v].empty()) {
      last_flush[flush[v]] = t;
    } else if (!miss[v].empty()) {
      for (std::optional<Switch>* sw : {&chosen, &fallback})
        if (*sw && !(*sw)->miss && (*sw)->hart == miss[v] && t >= (*sw)->at) (*sw)->miss = t;
      if (chosen && chosen->miss) return false;
    }
    return true;
  });
  Focus f;
  const std::optional<Switch>& sw = chosen ? chosen : fallback;
  if (!sw) {
    window_around(f, 0, span);
    return f;
  }
  f.marker = static_cast<std::int64_t>(sw->at);
  if (sw->flush) f.named.emplace_back("TLB flush", *sw->flush);
  if (sw->miss) f.named.emplace_back("first TLB miss", *sw->miss);
  f.instances.push_back(sw->hart);
  // From the flush to the first miss, with room on either side for the turns around them.
  const std::uint64_t lo = sw->flush.value_or(sw->at), hi = std::max(sw->miss.value_or(sw->at), sw->at);
  const std::uint64_t len = std::max(hi - lo, span / 100);
  f.from = lo > len / 2 ? lo - len / 2 : 0;
  f.to = hi + 2 * len;
  return f;
}

// The first change of a signal matching `re` to `value_wanted` (an event's value is 1).
Focus first_change_focus(VcdScan& vcd, const std::string& re, std::uint64_t value_wanted, std::uint64_t span) {
  const std::vector<std::string> match = classify(vcd, re);
  std::set<int> seen;  // a wire's first value is its $dumpvars value, not a change
  Focus f;
  vcd.for_each_change([&](std::uint64_t t, int v, std::uint64_t value) {
    if (match[v].empty()) return true;
    const bool initial = !vcd.vars()[v].event && seen.insert(v).second;
    if (initial || value != value_wanted) return true;
    f.marker = static_cast<std::int64_t>(t);
    return false;
  });
  window_around(f, f.marker < 0 ? 0 : static_cast<std::uint64_t>(f.marker), span);
  return f;
}

// The os group's event types kswapd reports (docs/devices.md, "Events").
constexpr std::uint64_t kKswapdWake = 17, kKswapdSleep = 18;

// The view's window and markers around one run of kswapd on `hart` from `start` to `end`, with
// the disk's first notification after its start.
Focus kswapd_run(std::uint64_t start, std::uint64_t end, const std::string& hart, const std::vector<std::uint64_t>& notes) {
  Focus f;
  f.marker = static_cast<std::int64_t>(start);
  f.named.emplace_back("kswapd sleeps", end);
  f.instances.push_back(hart);
  const auto note = std::lower_bound(notes.begin(), notes.end(), start);
  if (note != notes.end()) f.named.emplace_back("disk notification", *note);
  const std::uint64_t length = end - start;
  f.from = start > length / 4 ? start - length / 4 : 0;
  f.to = end + length / 2;
  return f;
}

// kswapd's first run: from the first kswapd_wake event (on any hart) to the next kswapd_sleep.
// A kernel without those events: kswapd's pid is not in the VCD, but under memory pressure the
// kernel thread switched to most often is kswapd (init is pid 1; the flusher, pid 2, wakes on
// its period; docs/fs.md), so the longest time that pid ran on a hart. Without either, the
// disk's first notification.
Focus kswapd_focus(VcdScan& vcd, std::uint64_t span) {
  const std::vector<std::string> pid = classify(vcd, R"(os\.(hart[0-9]+)\.current_pid)");
  const std::vector<std::string> type = classify(vcd, R"(os\.(hart[0-9]+)\.type)");
  const std::vector<std::string> notify = classify(vcd, R"(dev\.(virtio[0-9]+)\.queue_notify)");
  struct Runs {
    std::uint64_t count = 0, start = 0, length = 0;  // switches away from the pid; its longest stint
    std::string hart;
  };
  std::map<std::uint64_t, Runs> runs;                                // by pid
  std::map<int, std::pair<std::uint64_t, std::uint64_t>> running;  // by variable: pid, since
  std::vector<std::uint64_t> notes;
  std::optional<std::uint64_t> wake, sleep;
  std::string wake_hart;
  vcd.for_each_change([&](std::uint64_t t, int v, std::uint64_t value) {
    if (!notify[v].empty()) notes.push_back(t);
    if (!type[v].empty() && !wake && value == kKswapdWake) wake = t, wake_hart = type[v];
    else if (!type[v].empty() && wake && !sleep && value == kKswapdSleep) sleep = t;
    if (pid[v].empty()) return true;
    const auto it = running.find(v);
    if (it != running.end() && it->second.first > 1) {
      Runs& r = runs[it->second.first];
      ++r.count;
      if (t - it->second.second > r.length) r.start = it->second.second, r.length = t - it->second.second, r.hart = pid[v];
    }
    running[v] = {value, t};
    return true;
  });
  if (wake && sleep) return kswapd_run(*wake, *sleep, wake_hart, notes);
  const auto most = std::max_element(runs.begin(), runs.end(),
                                     [](const auto& a, const auto& b) { return a.second.count < b.second.count; });
  if (most != runs.end()) return kswapd_run(most->second.start, most->second.start + most->second.length, most->second.hart, notes);
  Focus f;
  if (!notes.empty()) f.marker = static_cast<std::int64_t>(notes.front());
  window_around(f, f.marker < 0 ? 0 : static_cast<std::uint64_t>(f.marker), span);
  return f;
}

}  // namespace

bool Focus::shows(const std::string& instance, bool first) const {
  if (instances.empty()) return first;
  return std::any_of(instances.begin(), instances.end(), [&](const std::string& i) {
    return instance == i || instance.rfind(i + ".", 0) == 0 || i.rfind(instance + ".", 0) == 0;
  });
}

Focus find_focus(const ViewSpec& view, VcdScan& vcd) {
  const std::uint64_t span = view.span_cycles * vcd.hart_period();
  Focus f;
  if (view.name == "tlb_miss_walk") f = walk_focus(vcd, span);
  else if (view.name == "context_switch") f = switch_focus(vcd, span);
  else if (view.name == "dram_banks") f = first_change_focus(vcd, R"((node[0-9]+)\.dram\.ch[0-9]+\.bank[0-9]+\.cmd)", 1, span);
  else f = kswapd_focus(vcd, span);
  if (f.marker < 0) {  // nothing to focus on: the start of the file
    f.from = vcd.first_time();
    f.to = f.from + span;
  }
  return f;
}

}  // namespace memvp::waves_view
