// Sdtrig (debug spec 1.0, "Sdtrig"): the trigger module's CSRs tselect, tdata1-3 and tinfo with
// two mcontrol6 (or mcontrol) triggers that match an instruction's address (execute) or the
// addresses a load or store accesses, with action 0 (a breakpoint exception). The hart asks
// before each instruction and each data access whether a trigger fires.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "common/riscv.h"

namespace memvp {

// Trigger CSR numbers (debug spec 1.0, "Trigger Module Registers").
namespace csrn {
constexpr unsigned tselect = 0x7A0, tdata1 = 0x7A1, tdata2 = 0x7A2, tdata3 = 0x7A3, tinfo = 0x7A4;
}  // namespace csrn

class Triggers {
 public:
  static constexpr unsigned kCount = 2;

  Triggers();
  // tselect, tdata1-3, tinfo; nullopt for any other CSR.
  [[nodiscard]] std::optional<std::uint64_t> read_csr(unsigned csr) const;
  // Writes with the WARL rules; false for a CSR that is not one of the five.
  bool write_csr(unsigned csr, std::uint64_t value);

  // Whether any trigger watches instruction addresses / data accesses at all (fast path).
  [[nodiscard]] bool watch_execute() const { return watch_execute_; }
  [[nodiscard]] bool watch_data() const { return watch_data_; }
  // Whether a trigger fires before the instruction at `pc` in privilege `p`.
  [[nodiscard]] bool fires_on_execute(std::uint64_t pc, rv::Priv p) const;
  // Whether a trigger fires before a load (kind Load), store (Store) or AMO (Amo: both) of
  // `len` bytes at virtual address `va` in privilege `p`: when any byte it accesses matches.
  [[nodiscard]] bool fires_on_data(std::uint64_t va, unsigned len, rv::Access kind, rv::Priv p) const;

 private:
  struct Trigger {
    std::uint64_t tdata1 = 0;
    std::uint64_t tdata2 = 0;
  };
  [[nodiscard]] bool enabled_in(const Trigger& t, rv::Priv p) const;
  // Whether any byte of [lo, lo + len) matches t's compare rule on tdata2.
  [[nodiscard]] static bool address_matches(const Trigger& t, std::uint64_t lo, unsigned len);
  void update_watch();

  std::array<Trigger, kCount> triggers_{};
  unsigned select_ = 0;
  bool watch_execute_ = false, watch_data_ = false;
};

}  // namespace memvp
