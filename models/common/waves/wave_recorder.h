// WaveRecorder: what blocks report for `memvp run --vcd`. A block registers its signals once,
// then reports value changes dated in SystemC resolution ticks. Harts run ahead of SystemC time
// (temporal decoupling), so reports arrive out of time order; they are buffered and written in
// time order once no block can report earlier (the horizon), keeping only the window.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "common/waves/vcd_writer.h"

namespace memvp::waves {

using SignalId = std::uint32_t;

struct RecorderOptions {
  std::uint64_t from = 0;  // window, in resolution ticks, both ends included
  std::uint64_t to = std::numeric_limits<std::uint64_t>::max();
  std::string timescale = "1 ps";  // one resolution tick
  std::string comment;             // written in the header's $comment
  // Buffered changes that trigger an attempt to write what lies behind the horizon, and the
  // count beyond which the horizon is SystemC time whatever a lagging block says.
  std::size_t flush_batch = 1u << 16;
  std::size_t hard_cap = 1u << 22;
};

class WaveRecorder {
 public:
  // Creates (truncates) `path`. Throws InputError naming the file.
  WaveRecorder(const std::string& path, const RecorderOptions& options);
  // Closes if close() was not called (a write error is then reported on stderr).
  ~WaveRecorder();
  WaveRecorder(const WaveRecorder&) = delete;
  WaveRecorder& operator=(const WaveRecorder&) = delete;

  // Declares a signal ("node0.dram.ch0.bank3.cmd"); only before the first report. Its value is
  // 0 until a change says otherwise.
  SignalId add_signal(const std::string& name, unsigned width, VarKind kind = VarKind::Wire);

  // The signal takes value v at time t.
  void set(SignalId s, std::uint64_t t, std::uint64_t v) { report(s, t, Op::Set, v); }
  // The signal's value changes by delta at time t (a count of things in flight whose starts
  // and ends are reported out of order: the recorder adds them up in time order).
  void add(SignalId s, std::uint64_t t, std::int64_t delta) {
    report(s, t, Op::Add, static_cast<std::uint64_t>(delta));
  }
  // An event variable triggers at time t.
  void event(SignalId s, std::uint64_t t) { report(s, t, Op::Event, 1); }

  // A block that may report changes earlier than the current SystemC time (a DRAM channel that
  // issues its commands lazily) names the earliest time it can still report; the horizon is the
  // least of SystemC time and these.
  void add_low_water(std::function<std::uint64_t()> earliest) { low_water_.push_back(std::move(earliest)); }

  // Writes every change up to `horizon` (exclusive). Called by the recorder itself as changes
  // accumulate; tests call it directly.
  void flush(std::uint64_t horizon);
  // Writes everything, then a last time stamp `end` (clipped to the window) so viewers show the
  // run to its end. Throws InputError on a write error. Idempotent.
  void close(std::uint64_t end);

  // Changes reported behind what had been written already; each was written at the horizon.
  [[nodiscard]] std::uint64_t late_changes() const { return late_; }
  [[nodiscard]] std::size_t signals() const { return decls_.size(); }

 private:
  enum class Op : std::uint8_t { Set, Add, Event };
  struct Change {
    std::uint64_t time;
    std::uint64_t value;
    SignalId signal;
    Op op;
  };

  void report(SignalId s, std::uint64_t t, Op op, std::uint64_t v) {
    if (t > opt_.to) return;
    buffer_.push_back({t, v, s, op});
    if (buffer_.size() >= next_flush_) flush_behind_horizon();
  }
  void flush_behind_horizon();
  void start_output();
  // Applies the changes at one time [first, last) and writes those inside the window.
  void write_time(const Change* first, const Change* last);
  void enter_window();

  RecorderOptions opt_;
  VcdWriter out_;
  std::vector<SignalDecl> decls_;
  std::vector<std::uint64_t> value_, written_, mask_;
  std::vector<std::uint8_t> touched_;
  std::vector<SignalId> touched_list_;
  std::vector<Change> buffer_;
  std::size_t next_flush_;
  std::vector<std::function<std::uint64_t()>> low_water_;
  std::uint64_t flushed_ = 0;      // every change before this time has been handled
  std::uint64_t last_time_ = 0;    // the last #time written
  bool time_written_ = false;
  bool started_ = false;           // header written
  bool in_window_ = false;         // $dumpvars written
  bool closed_ = false;
  std::uint64_t late_ = 0;
};

}  // namespace memvp::waves
