// Progress of a long `memvp run` on stderr (README "Run options"): simulated cycles and
// instructions, host MIPS, host time and what hart 0 is doing, at most four times a second.
// SystemC then runs in slices; between two slices every process is suspended, so the host clock
// is read where the simulation already stands still and no simulated event or cycle changes.
#pragma once

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <systemc>

#include "devices/event_port/event_port.h"

namespace memvp {

class Platform;

enum class ProgressMode {
  Off,       // sc_start() in one go, as without progress
  Terminal,  // one line on a terminal, rewritten after '\r', a newline at the end
  Lines,     // each update on its own line (--progress when stderr is a file or a pipe)
};

// Off with --quiet. On a terminal (`err_fd`), Terminal with --progress, or without it when the
// guest console does not write to that terminal too (`console_fd`: -1 for a console file), so
// that the rewritten line never lands among the console's; else Lines with --progress, else Off.
ProgressMode progress_mode(bool progress, bool quiet, int err_fd, int console_fd);

class RunProgress : public EventObserver {
 public:
  // Watches `platform` (and, when it has one, its event port, for the running pid); `out` and
  // `platform` must outlive the run.
  RunProgress(Platform& platform, ProgressMode mode, std::ostream& out);

  // Runs SystemC until the run ends, as sc_start() does (to sc_stop() or to starvation), and
  // reports between slices; the last report always comes, after the run.
  void run();

  // The pid each hart runs: the next pid of a context switch, else the pid an event carries.
  void on_event(const trace::EventRecord& e) override;

  // The report as it stands: "memvp: 1.23M cycles, ...".
  [[nodiscard]] std::string line(std::chrono::duration<double> host) const;

 private:
  void report(bool last);

  Platform& platform_;
  ProgressMode mode_;
  std::ostream& out_;
  bool has_pids_;
  std::vector<std::optional<std::uint32_t>> pids_;  // per hart, once an event named it
  std::chrono::steady_clock::time_point start_, last_report_;
  std::size_t drawn_ = 0;  // length of the line on the terminal, to blank a longer one
};

}  // namespace memvp
