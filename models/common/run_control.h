// How a run ends. Devices (test finisher, HTIF) and harts (crash, cycle limit) report the end of
// the guest's run here; the first report wins and stops SystemC. Owned by the platform builder
// and handed to the blocks that can end a run; it is simulator control, not a hardware path.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <systemc>

namespace memvp {

enum class EndReason { GuestExit, MaxCycles, GuestCrash, Deadlock, DebuggerKill };

struct RunEnd {
  EndReason reason;
  int exit_code;        // the status memvp exits with
  std::string message;  // one line for the user; empty for a plain guest exit
};

class RunControl {
 public:
  // Records the end of the run (first report wins) and asks SystemC to stop.
  void end(EndReason reason, int exit_code, std::string message = {}) {
    if (!end_) end_ = RunEnd{reason, exit_code, std::move(message)};
    if (sc_core::sc_get_status() != sc_core::SC_STOPPED) sc_core::sc_stop();
  }
  [[nodiscard]] bool ended() const { return end_.has_value(); }
  [[nodiscard]] const std::optional<RunEnd>& result() const { return end_; }

 private:
  std::optional<RunEnd> end_;
};

}  // namespace memvp
