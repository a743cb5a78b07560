// The packets of the GDB remote serial protocol that memvp's stub answers while the machine is
// stopped (GDB manual, "Packets", "General Query Packets", "Stop Reply Packets"), in all-stop
// mode with one thread per hart. It keeps the breakpoint addresses; how the machine resumes is
// returned to the caller (tools/memvp/gdb_server.cpp), which owns the harts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tools/gdb/connection.h"
#include "tools/gdb/target.h"

namespace memvp::gdb {

// Why the machine stopped: the signal of the stop reply (SIGINT for an interrupt, else SIGTRAP).
enum class Signal : std::uint8_t { Int = 2, Trap = 5 };

struct Resume {
  enum class Kind { Continue, Step, Detach, Kill } kind = Kind::Continue;
  unsigned step_thread = 0;  // for Step: the thread that runs one instruction, then stops all
};

class Session {
 public:
  Session(Connection& conn, Target& target) : conn_(conn), target_(target) {}

  // The machine stopped in `thread`: sends the stop reply gdb waits for after a resume, then
  // answers packets until gdb resumes, detaches, kills, or closes the connection (Detach).
  Resume serve(unsigned thread, Signal sig);
  // The run ended while gdb waited for a stop: "W" with the exit status.
  void exited(int status);
  // Breakpoint addresses (Z0 and Z1 alike), sorted.
  [[nodiscard]] const std::vector<std::uint64_t>& breakpoints() const { return breakpoints_; }

 private:
  // Answers one packet; a value when it resumes the machine.
  std::optional<Resume> handle(std::string_view p);
  std::string query(std::string_view q);
  std::string stop_reply() const;
  std::string read_registers();
  std::string write_registers(std::string_view hex);
  std::string read_register(std::string_view args);
  std::string write_register(std::string_view args);
  std::string read_memory(std::string_view args);
  std::string write_memory(std::string_view args, bool binary);
  std::string breakpoint(std::string_view args, bool insert);
  std::string set_thread(std::string_view args);
  std::optional<Resume> vcont(std::string_view actions);
  // gdb's thread id (hex; -1 all, 0 any) as a thread index; nullopt if no such thread.
  [[nodiscard]] std::optional<unsigned> thread_index(std::string_view id) const;

  Connection& conn_;
  Target& target_;
  std::vector<std::uint64_t> breakpoints_;
  unsigned stopped_thread_ = 0, g_thread_ = 0;
  std::optional<unsigned> c_thread_;  // Hc: the thread `s` steps (nullopt: the stopped one)
  Signal signal_ = Signal::Trap;
  bool resumed_ = false;  // gdb waits for a stop reply
};

}  // namespace memvp::gdb
