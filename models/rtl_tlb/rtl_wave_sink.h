// Where a traced RTL TLB's signals go (`memvp run --rtl-waves`, docs/mmu.md "RTL waves"): a
// VerilatedContext shared by the traced models of one hart, and the dumps of their FST file on
// memvp's time base. An operation takes three dumps, 1 ps apart: its inputs with the clock
// low at the hart cycle it was issued (or 1 ps after the file's last dump, when several
// operations fall in one cycle), the rising edge, and the clock low again with the request
// withdrawn. The interface keeps the drivers free of Verilator's FST writer, which only the
// libraries of Verilated geometries link.
#pragma once

#include <verilated.h>

#include <cstdint>
#include <memory>

namespace memvp::rtl {

class RtlWaveSink {
 public:
  virtual ~RtlWaveSink() = default;
  // The context every model of this file is built in (one per file: Verilator traces only
  // models of one context into one file).
  [[nodiscard]] virtual std::shared_ptr<VerilatedContext> context() const = 0;
  // The time, in ps, of the next operation's first dump.
  [[nodiscard]] virtual std::uint64_t next_op_time() const = 0;
  // Writes every traced model's signals at time t (ps), t after the last dump.
  virtual void dump(std::uint64_t t) = 0;
};

}  // namespace memvp::rtl
