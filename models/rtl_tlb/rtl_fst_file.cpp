#include "rtl_tlb/rtl_fst_file.h"

#include <algorithm>
#include <fstream>

#include "common/error.h"

namespace memvp::rtl {

RtlFstFile::RtlFstFile(std::string path, const std::uint64_t* cycle, std::uint64_t period_ps)
    : path_(std::move(path)), cycle_(cycle), period_ps_(period_ps), ctx_(std::make_shared<VerilatedContext>()) {
  ctx_->traceEverOn(true);
  // Picoseconds, as memvp's VCD: a hart cycle is the time divided by the hart's period.
  ctx_->timeunit(-12);
  ctx_->timeprecision(-12);
}

RtlFstFile::~RtlFstFile() { close(); }

const char* RtlFstFile::scope(const std::string& name) { return scopes_.emplace_back(name).c_str(); }

void RtlFstFile::open() {
  // Verilator's writer reports a file it cannot create on stderr only: try it first.
  if (!std::ofstream(path_, std::ios::binary)) throw InputError(path_ + ": cannot write the RTL waves file");
  fst_.open(path_.c_str());
  open_ = true;
  fst_.dump(0);
}

void RtlFstFile::close() {
  if (!open_) return;
  fst_.close();
  open_ = false;
}

std::uint64_t RtlFstFile::next_op_time() const {
  const std::uint64_t at = *cycle_ * period_ps_;
  return std::max(at, last_ + 1);
}

void RtlFstFile::dump(std::uint64_t t) {
  if (!open_) return;
  fst_.dump(t);
  last_ = t;
}

}  // namespace memvp::rtl
