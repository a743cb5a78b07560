// The recorder's buffer and its time-ordered output. Changes are sorted by time, keeping the
// order they were reported in among changes of one time (a stable sort), so a block that ends
// one interval and starts the next at the same instant leaves the later value. At each time
// only the final value of a signal is written, and only if it differs from the last one written.
#include "common/waves/wave_recorder.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include <systemc>

#include "common/error.h"

namespace memvp::waves {

WaveRecorder::WaveRecorder(const std::string& path, const RecorderOptions& options)
    : opt_(options), out_(path), next_flush_(options.flush_batch) {}

WaveRecorder::~WaveRecorder() {
  try {
    close(last_time_);
  } catch (const InputError& e) {
    std::fprintf(stderr, "memvp: %s\n", e.what());
  }
}

SignalId WaveRecorder::add_signal(const std::string& name, unsigned width, VarKind kind) {
  if (started_) throw std::logic_error("waves: signal " + name + " declared after the first change");
  if (width == 0 || width > 64) throw std::logic_error("waves: signal " + name + " must be 1 to 64 bits wide");
  decls_.push_back({name, width, kind});
  value_.push_back(0);
  written_.push_back(0);
  mask_.push_back(width == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << width) - 1);
  touched_.push_back(0);
  return static_cast<SignalId>(decls_.size() - 1);
}

void WaveRecorder::start_output() {
  started_ = true;
  out_.header(opt_.timescale, opt_.comment, decls_);
}

void WaveRecorder::flush_behind_horizon() {
  std::uint64_t horizon = sc_core::sc_time_stamp().value();
  if (buffer_.size() < opt_.hard_cap)
    for (const auto& earliest : low_water_) horizon = std::min(horizon, earliest());
  flush(horizon);
  next_flush_ = std::max(opt_.flush_batch, buffer_.size() * 2);
}

void WaveRecorder::flush(std::uint64_t horizon) {
  if (!started_) start_output();
  // A change dated before what is already written can only be written at the horizon.
  for (Change& c : buffer_) {
    if (c.time < flushed_) {
      c.time = flushed_;
      ++late_;
    }
  }
  std::stable_sort(buffer_.begin(), buffer_.end(), [](const Change& a, const Change& b) { return a.time < b.time; });
  const auto end = std::lower_bound(buffer_.begin(), buffer_.end(), horizon,
                                    [](const Change& c, std::uint64_t h) { return c.time < h; });
  for (auto it = buffer_.begin(); it != end;) {
    auto next = it;
    while (next != end && next->time == it->time) ++next;
    write_time(&*it, &*it + (next - it));
    it = next;
  }
  buffer_.erase(buffer_.begin(), end);
  flushed_ = std::max(flushed_, horizon);
}

void WaveRecorder::enter_window() {
  in_window_ = true;
  out_.time(opt_.from);
  last_time_ = opt_.from;
  time_written_ = true;
  out_.begin_dumpvars();
  for (SignalId s = 0; s < decls_.size(); ++s) {
    if (decls_[s].kind == VarKind::Event) continue;
    out_.value(s, value_[s]);
    written_[s] = value_[s];
  }
  out_.end_dumpvars();
}

void WaveRecorder::write_time(const Change* first, const Change* last) {
  const std::uint64_t t = first->time;
  if (!in_window_ && t >= opt_.from) enter_window();
  for (const Change* c = first; c != last; ++c) {
    const SignalId s = c->signal;
    if (touched_[s] == 0) touched_list_.push_back(s);
    switch (c->op) {
      case Op::Set: value_[s] = c->value & mask_[s]; touched_[s] |= 1; break;
      case Op::Add: value_[s] = (value_[s] + c->value) & mask_[s]; touched_[s] |= 1; break;
      case Op::Event: touched_[s] |= 2; break;
    }
  }
  std::sort(touched_list_.begin(), touched_list_.end());
  for (SignalId s : touched_list_) {
    const bool changed = (touched_[s] & 1) && value_[s] != written_[s];
    const bool fired = (touched_[s] & 2) != 0;
    touched_[s] = 0;
    if (!in_window_ || !(changed || fired)) continue;
    if (!time_written_ || last_time_ != t) {
      out_.time(t);
      last_time_ = t;
      time_written_ = true;
    }
    if (changed) {
      out_.value(s, value_[s]);
      written_[s] = value_[s];
    }
    if (fired) out_.event(s);
  }
  touched_list_.clear();
}

void WaveRecorder::close(std::uint64_t end) {
  if (closed_) return;
  closed_ = true;
  flush(std::numeric_limits<std::uint64_t>::max());
  const std::uint64_t last = std::min(end, opt_.to);
  if (!in_window_ && last >= opt_.from) enter_window();
  if (in_window_ && last > last_time_) out_.time(last);
  out_.close();
}

}  // namespace memvp::waves
