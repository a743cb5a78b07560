// One FST file of `memvp run --rtl-waves` (docs/mmu.md "RTL waves"): the Verilated TLBs of one
// hart, built in this file's context and traced into it, dumped at the hart's cycles in ps
// (the time base of memvp's VCD, docs/waves.md "Time").
#pragma once

#include <verilated_fst_c.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <string>

#include "rtl_tlb/rtl_wave_sink.h"

namespace memvp::rtl {

class RtlFstFile final : public RtlWaveSink {
 public:
  // cycle: the hart's cycle of the TLB operation in progress; period_ps: its clock period.
  RtlFstFile(std::string path, const std::uint64_t* cycle, std::uint64_t period_ps);
  ~RtlFstFile() override;
  RtlFstFile(const RtlFstFile&) = delete;
  RtlFstFile& operator=(const RtlFstFile&) = delete;

  // A name for a model's scope that outlives the model (Verilator keeps the pointer).
  const char* scope(const std::string& name);
  // Adds a model built in context(); every model must be added before open().
  template <class Model>
  void trace(Model& m) {
    m.trace(&fst_, 99);
    ++models_;
  }
  // Creates the file (InputError when it cannot be written) and dumps the models' first values.
  void open();
  void close();
  [[nodiscard]] unsigned models() const { return models_; }
  [[nodiscard]] const std::string& path() const { return path_; }

  [[nodiscard]] std::shared_ptr<VerilatedContext> context() const override { return ctx_; }
  [[nodiscard]] std::uint64_t next_op_time() const override;
  void dump(std::uint64_t t) override;

 private:
  std::string path_;
  const std::uint64_t* cycle_;
  std::uint64_t period_ps_;
  std::shared_ptr<VerilatedContext> ctx_;
  VerilatedFstC fst_;
  std::deque<std::string> scopes_;
  std::uint64_t last_ = 0;  // the time of the last dump
  unsigned models_ = 0;
  bool open_ = false;
};

}  // namespace memvp::rtl
