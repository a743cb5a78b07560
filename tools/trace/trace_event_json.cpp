#include "trace_event_json.h"

#include <fmt/format.h>

namespace memvp::trace {

namespace {

constexpr std::uint64_t kPsPerUs = 1'000'000;
constexpr std::size_t kFlushBytes = 1 << 20;

}  // namespace

std::string microseconds(std::uint64_t cycles, std::uint64_t period_ps) {
  const std::uint64_t ps = cycles * period_ps;
  std::string s = std::to_string(ps / kPsPerUs);
  if (const std::uint64_t frac = ps % kPsPerUs; frac != 0) {
    std::string digits = fmt::format("{:06}", frac);
    digits.erase(digits.find_last_not_of('0') + 1);
    s += '.' + digits;
  }
  return s;
}

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
    else out += c;
  }
  return out + '"';
}

TraceEventWriter::TraceEventWriter(std::FILE* out, std::uint64_t clock_period_ps)
    : out_(out), period_ps_(clock_period_ps), buf_("{\"traceEvents\":[\n") {}

TraceEventWriter::~TraceEventWriter() { flush(); }

void TraceEventWriter::event(std::string_view fields) {
  if (events_++ != 0) buf_ += ",\n";
  buf_ += '{';
  buf_ += fields;
  buf_ += '}';
  if (buf_.size() >= kFlushBytes) flush();
}

void TraceEventWriter::finish() {
  if (finished_) return;
  buf_ += "\n],\"displayTimeUnit\":\"ns\"}\n";
  finished_ = true;
  flush();
}

void TraceEventWriter::flush() {
  std::fwrite(buf_.data(), 1, buf_.size(), out_);
  buf_.clear();
}

}  // namespace memvp::trace
