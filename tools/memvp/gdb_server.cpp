// The stub's side of the harts. Everything happens inside the SystemC process of the hart that
// stops: serving gdb blocks it on the host, no other process runs, so neither SystemC time nor
// any hart's cycles move while stopped, and the schedule after resuming is the one the run
// would have had (docs/gdb.md). While running, the socket is polled at quantum boundaries, at
// most every few milliseconds of host time, so an idle stub costs a clock read per quantum.
#include "tools/memvp/gdb_server.h"

#include <iostream>

#include <CLI/CLI.hpp>

#include "common/error.h"
#include "core/hart.h"
#include "platforms/platform.h"
#include "tools/memvp/run_command.h"

namespace memvp {

namespace {
constexpr auto kPollInterval = std::chrono::milliseconds(20);

gdb::Signal signal_for(DebugStop why) { return why == DebugStop::Interrupt ? gdb::Signal::Int : gdb::Signal::Trap; }
}  // namespace

void add_gdb_options(CLI::App& run, RunCommandOptions& opt) {
  run.add_option("--gdb", opt.gdb_port, "serve the GDB remote protocol on 127.0.0.1:PORT, one thread per hart "
                                        "(0: a free port; see docs/gdb.md)")
      ->option_text("PORT");
  run.add_flag("--gdb-wait", opt.gdb_wait, "with --gdb: the harts start only when gdb has attached and continued");
}

GdbServer::GdbServer(std::uint16_t port, bool wait, Platform& platform, RunControl& run)
    : listener_(port), platform_(platform), run_(run), wait_(wait) {
  for (std::size_t h = 0; h < platform.hart_count(); ++h) platform.hart(h).attach_debugger(*this);
}

void GdbServer::poll(Hart& hart) {
  if (wait_) {
    wait_ = false;
    conn_ = std::make_unique<gdb::Connection>(listener_.accept(true));
    session_ = std::make_unique<gdb::Session>(*conn_, *this);
    stop(hart, DebugStop::Attach);
    return;
  }
  const auto now = std::chrono::steady_clock::now();
  if (now < next_poll_) return;
  next_poll_ = now + kPollInterval;
  if (!conn_) {
    // gdb attaches to a running machine as to QEMU's: the machine stops where it is.
    const int fd = listener_.accept(false);
    if (fd < 0) return;
    conn_ = std::make_unique<gdb::Connection>(fd);
    session_ = std::make_unique<gdb::Session>(*conn_, *this);
    stop(hart, DebugStop::Attach);
    return;
  }
  while (auto in = conn_->poll()) {
    if (in->kind == gdb::Incoming::Kind::Interrupt) {
      stop(hart, DebugStop::Interrupt);
      return;
    }
  }
  if (conn_->closed()) disconnect();
}

void GdbServer::stop(Hart& hart, DebugStop why) {
  if (!session_) return;
  const gdb::Resume r = session_->serve(hart.config().hart_id, signal_for(why));
  breakpoints_ = session_->breakpoints();
  step_hart_ = r.kind == gdb::Resume::Kind::Step ? static_cast<std::int64_t>(r.step_thread) : -1;
  switch (r.kind) {
    case gdb::Resume::Kind::Continue:
    case gdb::Resume::Kind::Step: break;
    case gdb::Resume::Kind::Detach: disconnect(); break;
    case gdb::Resume::Kind::Kill:
      disconnect();
      run_.end(EndReason::DebuggerKill, exit_status::kKilled, "killed by the debugger");
      break;
  }
}

void GdbServer::disconnect() {
  session_.reset();
  conn_.reset();
  breakpoints_.clear();
  step_hart_ = -1;
}

void GdbServer::finish(int exit_status) {
  if (session_) session_->exited(exit_status);
  disconnect();
}

unsigned GdbServer::threads() const { return static_cast<unsigned>(platform_.hart_count()); }

std::optional<std::uint64_t> GdbServer::read_register(unsigned thread, unsigned regno) {
  Hart& h = platform_.hart(thread);
  if (regno < 32) return h.reg(regno);
  if (regno == gdb::regno::kPc) return h.pc();
  if (regno >= gdb::regno::kFirstFpr && regno < gdb::regno::kFirstFpr + 32) return h.freg(regno - gdb::regno::kFirstFpr);
  if (regno == gdb::regno::kPriv) return static_cast<std::uint64_t>(h.priv());
  if (regno >= gdb::regno::kFirstCsr && regno < gdb::regno::kPriv) return h.csr(regno - gdb::regno::kFirstCsr);
  return std::nullopt;
}

bool GdbServer::write_register(unsigned thread, unsigned regno, std::uint64_t value) {
  Hart& h = platform_.hart(thread);
  if (regno < 32) h.set_reg(regno, value);
  else if (regno == gdb::regno::kPc) h.set_pc(value);
  else if (regno >= gdb::regno::kFirstFpr && regno < gdb::regno::kFirstFpr + 32) h.set_freg(regno - gdb::regno::kFirstFpr, value);
  else if (regno == gdb::regno::kPriv && (value == 0 || value == 1 || value == 3)) h.set_priv(static_cast<rv::Priv>(value));
  else if (regno >= gdb::regno::kFirstCsr && regno < gdb::regno::kPriv) return h.set_csr(regno - gdb::regno::kFirstCsr, value);
  else return false;
  return true;
}

bool GdbServer::read_memory(unsigned thread, std::uint64_t addr, std::uint8_t* data, unsigned len) {
  return platform_.hart(thread).debug_read(addr, data, len);
}

bool GdbServer::write_memory(unsigned thread, std::uint64_t addr, const std::uint8_t* data, unsigned len) {
  return platform_.hart(thread).debug_write(addr, data, len);
}

}  // namespace memvp
