// Errors that end a run with one clear line. InputError covers everything the user handed in
// (platform file, option, ELF, trace file): memvp prints "memvp: <what>" and exits with status 2.
#pragma once

#include <stdexcept>
#include <string>

namespace memvp {

class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Exit statuses of the memvp command (documented in README.md).
namespace exit_status {
constexpr int kPass = 0;
constexpr int kBadInput = 2;
constexpr int kMaxCycles = 3;
constexpr int kGuestCrash = 4;   // trap with no handler / trap loop
constexpr int kDeadlock = 5;     // every hart waits for an interrupt that can never come
constexpr int kKilled = 6;       // gdb killed the run (memvp run --gdb)
}  // namespace exit_status

}  // namespace memvp
