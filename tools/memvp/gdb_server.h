// `memvp run --gdb PORT [--gdb-wait]`: the GDB stub bound to a platform's harts (docs/gdb.md).
// It listens on 127.0.0.1, stops the whole machine when gdb attaches, at a breakpoint, after a
// step or on Ctrl-C, and serves the protocol (tools/gdb/) in the stopped hart's process.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>

#include "common/run_control.h"
#include "core/hart_debugger.h"
#include "tools/gdb/connection.h"
#include "tools/gdb/session.h"
#include "tools/gdb/target.h"

namespace CLI {
class App;
}

namespace memvp {

class Platform;
struct RunCommandOptions;

// Declares --gdb and --gdb-wait on `run`.
void add_gdb_options(CLI::App& run, RunCommandOptions& opt);

class GdbServer final : public HartDebugger, public gdb::Target {
 public:
  // Listens at once (InputError: one line when the port cannot be bound) and attaches to every
  // hart; with `wait`, the first hart to start stops the machine until gdb attaches and resumes.
  GdbServer(std::uint16_t port, bool wait, Platform& platform, RunControl& run);
  [[nodiscard]] std::uint16_t port() const { return listener_.port(); }
  // The run ended: tells a waiting gdb the exit status ("W") and closes the connection.
  void finish(int exit_status);

  void stop(Hart& hart, DebugStop why) override;
  void poll(Hart& hart) override;

 private:
  unsigned threads() const override;
  std::optional<std::uint64_t> read_register(unsigned thread, unsigned regno) override;
  bool write_register(unsigned thread, unsigned regno, std::uint64_t value) override;
  bool read_memory(unsigned thread, std::uint64_t addr, std::uint8_t* data, unsigned len) override;
  bool write_memory(unsigned thread, std::uint64_t addr, const std::uint8_t* data, unsigned len) override;
  void disconnect();

  gdb::Listener listener_;
  Platform& platform_;
  RunControl& run_;
  bool wait_;
  std::unique_ptr<gdb::Connection> conn_;
  std::unique_ptr<gdb::Session> session_;
  std::chrono::steady_clock::time_point next_poll_{};
};

}  // namespace memvp
