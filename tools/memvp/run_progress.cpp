// The progress report of `memvp run` and the sliced SystemC run that makes room for it. The slice
// is simulated time that adapts to the host's speed (about 50 ms of host time each, at most 10^6
// cycles), so a report is at most a slice late and sc_start's own cost stays out of sight.
#include "tools/memvp/run_progress.h"

#include <unistd.h>

#include <algorithm>
#include <ostream>

#include <fmt/format.h>

#include "platforms/platform.h"

namespace memvp {

namespace {

constexpr std::chrono::milliseconds kReportEvery{250};  // at most four reports a second
constexpr std::chrono::milliseconds kSliceTarget{50};   // host time a slice aims at
constexpr std::uint64_t kFirstSliceCycles = 100'000;
// A guest that idles grows the slice; the cap keeps a busy stretch after it from running
// seconds between two reports.
constexpr std::uint64_t kMaxSliceCycles = 1'000'000;

// 1234567 -> "1.23M": the counts grow too large to read digit by digit.
std::string si(double v) {
  static constexpr const char* kPrefix[] = {"", "k", "M", "G", "T"};
  std::size_t p = 0;
  while (v >= 1000.0 && p + 1 < std::size(kPrefix)) {
    v /= 1000.0;
    ++p;
  }
  return p == 0 ? fmt::format("{:.0f}", v) : fmt::format("{:.2f}{}", v, kPrefix[p]);
}

char priv_letter(rv::Priv p) {
  switch (p) {
    case rv::Priv::U: return 'U';
    case rv::Priv::S: return 'S';
    case rv::Priv::M: return 'M';
  }
  return '?';
}

}  // namespace

ProgressMode progress_mode(bool progress, bool quiet, int err_fd, int console_fd) {
  if (quiet) return ProgressMode::Off;
  if (isatty(err_fd) && (progress || console_fd < 0 || !isatty(console_fd))) return ProgressMode::Terminal;
  return progress ? ProgressMode::Lines : ProgressMode::Off;
}

RunProgress::RunProgress(Platform& platform, ProgressMode mode, std::ostream& out)
    : platform_(platform), mode_(mode), out_(out), has_pids_(platform.event_port() != nullptr),
      pids_(platform.hart_count()) {
  if (EventPort* port = platform.event_port(); port && mode != ProgressMode::Off) port->add_observer(*this);
}

void RunProgress::on_event(const trace::EventRecord& e) {
  if (e.hart >= pids_.size()) return;
  pids_[e.hart] = e.type == MEMVP_EV_CONTEXT_SWITCH ? static_cast<std::uint32_t>(e.arg[1]) : e.pid;
}

std::string RunProgress::line(std::chrono::duration<double> host) const {
  // The guest's time is the furthest hart's, as in the statistics' sim.cycles; fast-forwarded
  // cycles and instructions count too (docs/fast-forward.md), so progress moves while they run.
  std::uint64_t cycles = 0, instret = 0;
  for (std::size_t h = 0; h < platform_.hart_count(); ++h) {
    const HartStats& s = platform_.hart(h).stats();
    cycles = std::max(cycles, s.fast_forward_cycles + s.cycles);
    instret += s.fast_forward_instret + s.instret;
  }
  const double mips = host.count() > 0 ? static_cast<double>(instret) / host.count() / 1e6 : 0.0;
  const Hart& hart0 = platform_.hart(0);
  std::string activity = hart0.waiting_for_interrupt() ? "wfi" : std::string(1, priv_letter(hart0.priv()));
  if (has_pids_ && pids_[0]) activity += fmt::format(" pid {}", *pids_[0]);
  return fmt::format("memvp: {} cycles, {} instructions, {:.2f} MIPS, {:.1f} s host, hart 0: {}", si(cycles),
                     si(static_cast<double>(instret)), mips, host.count(), activity);
}

void RunProgress::report(bool last) {
  const auto now = std::chrono::steady_clock::now();
  last_report_ = now;
  const std::string text = line(now - start_);
  if (mode_ == ProgressMode::Lines) {
    out_ << text << std::endl;
    return;
  }
  // Blank what is left of a longer previous line.
  out_ << '\r' << text << std::string(drawn_ > text.size() ? drawn_ - text.size() : 0, ' ');
  drawn_ = text.size();
  if (last) out_ << '\n';
  out_.flush();
}

void RunProgress::run() {
  if (mode_ == ProgressMode::Off) {
    sc_core::sc_start();
    return;
  }
  start_ = last_report_ = std::chrono::steady_clock::now();
  const sc_core::sc_time cycle(1.0 / platform_.hart(0).config().clock_hz, sc_core::SC_SEC);
  sc_core::sc_time slice = cycle * static_cast<double>(kFirstSliceCycles);
  const sc_core::sc_time max_slice = cycle * static_cast<double>(kMaxSliceCycles);
  for (bool first = true;; first = false) {
    // Starvation ends the run as it ends sc_start(), at the last event's time (the deadlock
    // check needs both). A slice reaches at least the next event: SystemC would not move
    // towards one beyond it. (Before the first slice, SystemC has none pending yet.)
    if (!first && !sc_core::sc_pending_activity()) break;
    const auto t0 = std::chrono::steady_clock::now();
    sc_core::sc_start(first ? slice : std::max(slice, sc_core::sc_time_to_pending_activity()),
                      sc_core::SC_EXIT_ON_STARVATION);
    if (sc_core::sc_get_status() != sc_core::SC_PAUSED) break;
    const auto now = std::chrono::steady_clock::now();
    if (now - t0 < kSliceTarget / 2) slice = std::min(slice * 2.0, max_slice);
    else if (now - t0 > kSliceTarget * 2 && slice > cycle * 2.0) slice = slice / 2.0;
    if (now - last_report_ >= kReportEvery) report(false);
  }
  report(true);
}

}  // namespace memvp
