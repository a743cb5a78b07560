// TranslationTraceWriter: writes the translation trace (docs/trace.md) for `memvp run --trace`.
// Records are copied into a large in-memory buffer and leave it in big write(2) calls, through
// a zstd stream when the file name ends in ".zst"; append() is a bounds check and a memcpy.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>

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
  int zstd_workers = 0;                   // > 0: compress on that many zstd worker threads
  std::size_t buffer_bytes = 4u << 20;    // records gathered before each write
};

// Not thread-safe: one writer serves every hart of a platform from the SystemC thread.
class TranslationTraceWriter {
 public:
  // Creates (truncates) `path` and writes the header. Throws InputError naming the file.
  TranslationTraceWriter(const std::string& path, const TraceFileInfo& info,
                         const TraceWriterOptions& options = {});
  // Closes the file if close() was not called; a write error at that point is reported on
  // stderr since a destructor cannot throw.
  ~TranslationTraceWriter();
  TranslationTraceWriter(const TranslationTraceWriter&) = delete;
  TranslationTraceWriter& operator=(const TranslationTraceWriter&) = delete;

  // Appends one record. Throws InputError if the file cannot be written.
  void append(const TranslationRecord& r) {
    if (static_cast<std::size_t>(end_ - pos_) < sizeof r) drain();
    std::memcpy(pos_, &r, sizeof r);
    pos_ += sizeof r;
    ++records_;
  }

  // Writes what is buffered, ends the zstd frame and closes the file. Idempotent.
  // Throws InputError if the file cannot be written.
  void close();

  [[nodiscard]] std::uint64_t records() const { return records_; }
  [[nodiscard]] bool compressed() const { return zstd_ != nullptr; }
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  struct ZstdStream;
  struct ZstdDeleter {
    void operator()(ZstdStream* z) const;
  };

  void drain();                                        // empties the buffer into the file
  void write_out(const unsigned char* p, std::size_t n);  // write(2) until done
  void compress(const unsigned char* p, std::size_t n, bool last);
  [[noreturn]] void fail(const char* what) const;

  std::string path_;
  int fd_ = -1;
  std::unique_ptr<unsigned char[]> buffer_;
  unsigned char* pos_ = nullptr;
  unsigned char* end_ = nullptr;
  std::uint64_t records_ = 0;
  std::unique_ptr<ZstdStream, ZstdDeleter> zstd_;
};

}  // namespace memvp::trace
