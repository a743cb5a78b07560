// The hart's side of a debugger (the GDB stub, docs/gdb.md): breakpoints matched against the PC
// before each instruction (nothing is written to guest memory), single step, and the hook a hart
// calls to stop. A stop blocks the hart's SystemC process on the host, so no other process runs
// and neither simulated time nor any cycle count moves while the machine is stopped.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace memvp {

class Hart;

enum class DebugStop { Breakpoint, Step, Interrupt, Attach };

class HartDebugger {
 public:
  virtual ~HartDebugger() = default;
  // Asked before every instruction while a debugger is attached.
  [[nodiscard]] bool breakpoint_at(std::uint64_t pc) const {
    return !breakpoints_.empty() && std::binary_search(breakpoints_.begin(), breakpoints_.end(), pc);
  }
  // Asked after every instruction (or trap entry): the hart that is to stop after one step.
  [[nodiscard]] bool stepping(std::uint32_t hart_id) const { return step_hart_ == static_cast<std::int64_t>(hart_id); }
  // The hart stopped the machine (all-stop): returns when the debugger resumes it.
  virtual void stop(Hart& hart, DebugStop why) = 0;
  // At each quantum boundary and before the first instruction: the debugger may stop the
  // machine there (a new connection, an interrupt request, --gdb-wait).
  virtual void poll(Hart& hart) = 0;

 protected:
  std::vector<std::uint64_t> breakpoints_;  // sorted
  std::int64_t step_hart_ = -1;
};

}  // namespace memvp
