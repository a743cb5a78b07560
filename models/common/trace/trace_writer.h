// TranslationTraceWriter: writes the translation trace (docs/trace.md) for `memvp run --trace`.
// Records are copied into one of two large buffers; a full buffer goes to a background thread
// that writes it (through a zstd stream when the file name ends in ".zst") while the other
// fills. append() is a bounds check and a memcpy. The same writer writes the companion event
// trace (common/trace/event_record.h), given that format.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <type_traits>

#include "common/trace/translation_record.h"

namespace memvp::trace {

enum class Compression : std::uint8_t { Auto, None, Zstd };  // Auto: zstd iff path ends in ".zst"

struct TraceFileInfo {
  std::uint64_t clock_period_ps = 1000;  // the harts' clock period
  std::uint32_t harts = 1;
};

struct TraceWriterOptions {
  Compression compression = Compression::Auto;
  int zstd_level = 1;                     // zstd's fast levels keep tracing cheap
  int zstd_workers = 0;                   // > 0: zstd's own worker threads on top
  std::size_t buffer_bytes = 4u << 20;    // records gathered before each write (per buffer)
  bool background = true;                 // false: write and compress on the caller's thread
};

// Not thread-safe: one writer serves every hart of a platform from the SystemC thread. A full
// buffer waits for the previous one to be written, so the file never lags by more than two.
class TranslationTraceWriter {
 public:
  // Creates (truncates) `path` and writes the header. Throws InputError naming the file.
  TranslationTraceWriter(const std::string& path, const TraceFileInfo& info,
                         const TraceWriterOptions& options = {})
      : TranslationTraceWriter(path, kTranslationFormat, info, options) {}
  // The same for a file of another format; append() then takes that format's records.
  TranslationTraceWriter(const std::string& path, const RecordFormat& format, const TraceFileInfo& info,
                         const TraceWriterOptions& options = {});
  // Closes the file if close() was not called; a write error at that point is reported on
  // stderr since a destructor cannot throw.
  ~TranslationTraceWriter();
  TranslationTraceWriter(const TranslationTraceWriter&) = delete;
  TranslationTraceWriter& operator=(const TranslationTraceWriter&) = delete;

  // Appends one record. Throws InputError if the file cannot be written (a background write
  // error surfaces at the next buffer hand-over or at close()).
  template <class Record>
  void append(const Record& r) {
    static_assert(std::is_trivially_copyable_v<Record>, "records are written as bytes");
    if (static_cast<std::size_t>(end_ - pos_) < sizeof r) drain();
    std::memcpy(pos_, &r, sizeof r);
    pos_ += sizeof r;
    ++records_;
  }

  // Writes what is buffered, ends the zstd frame and closes the file. Idempotent.
  // Throws InputError if the file cannot be written.
  void close();

  [[nodiscard]] std::uint64_t records() const { return records_; }
  [[nodiscard]] bool compressed() const;
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  class Sink;        // the file descriptor and the zstd stream
  class Background;  // the writing thread
  struct SinkDeleter {
    void operator()(Sink* s) const;
  };
  struct BackgroundDeleter {
    void operator()(Background* b) const;
  };

  void drain();  // hands the full buffer over and starts filling the other
  void flush_buffer(bool last);

  std::string path_;
  std::size_t buffer_bytes_;
  std::unique_ptr<unsigned char[]> buffers_[2];
  int filling_ = 0;  // index of the buffer append() fills
  unsigned char* pos_ = nullptr;
  unsigned char* end_ = nullptr;
  std::uint64_t records_ = 0;
  bool closed_ = false;
  std::unique_ptr<Sink, SinkDeleter> sink_;
  std::unique_ptr<Background, BackgroundDeleter> background_;
};

}  // namespace memvp::trace
