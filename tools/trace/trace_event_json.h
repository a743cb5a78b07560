// Writing a Trace Event Format file (the JSON Object Format of Google's "Trace Event Format"
// document, which chrome://tracing and ui.perfetto.dev open): {"traceEvents":[...],
// "displayTimeUnit":"ns"}, one event per line, written as it is produced. Times are in
// microseconds, as the format requires, converted from hart cycles with the trace header's clock
// period; they are printed exactly (picosecond digits), never rounded through a double.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace memvp::trace {

// `cycles × period_ps` picoseconds as a decimal number of microseconds: "12.345", "7", "0.001".
std::string microseconds(std::uint64_t cycles, std::uint64_t period_ps);

// `s` as a JSON string literal, quotes included.
std::string json_string(std::string_view s);

class TraceEventWriter {
 public:
  TraceEventWriter(std::FILE* out, std::uint64_t clock_period_ps);
  ~TraceEventWriter();
  TraceEventWriter(const TraceEventWriter&) = delete;
  TraceEventWriter& operator=(const TraceEventWriter&) = delete;

  // One event: `fields` is the JSON object's members without the braces.
  void event(std::string_view fields);
  // Closes the array and the object and flushes; the writer takes no events after it.
  void finish();

  [[nodiscard]] std::string ts(std::uint64_t cycle) const { return microseconds(cycle, period_ps_); }
  [[nodiscard]] std::uint64_t events() const { return events_; }

 private:
  void flush();

  std::FILE* out_;
  std::uint64_t period_ps_;
  std::string buf_;
  std::uint64_t events_ = 0;
  bool finished_ = false;
};

}  // namespace memvp::trace
