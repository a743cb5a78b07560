// Reading a translation trace (docs/trace.md), plain or zstd-compressed: TraceReader checks
// the header against the format this build writes and hands out records in batches. Every
// problem with the file is an InputError of one line naming the file. The companion event trace
// (common/trace/event_record.h) is read the same way, given its format.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "common/trace/translation_record.h"

namespace memvp::trace {

class TraceReader {
 public:
  // Opens `path` and validates its header: magic, version, record size, layout text, and for
  // plain files that no partial record ends the file. Throws InputError.
  explicit TraceReader(const std::string& path, const RecordFormat& format = kTranslationFormat);
  ~TraceReader();
  TraceReader(const TraceReader&) = delete;
  TraceReader& operator=(const TraceReader&) = delete;

  [[nodiscard]] const FileHeader& header() const { return header_; }
  [[nodiscard]] bool compressed() const { return zstd_ != nullptr; }
  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] std::uint64_t records_read() const { return records_; }

  // Reads up to `max` records into `out`; returns how many, 0 at the end of the trace.
  // Throws InputError on a truncated trailing record or a damaged zstd stream.
  // Record is the format's record type (TranslationRecord by default).
  template <class Record>
  std::size_t read(Record* out, std::size_t max) {
    return read_records(out, sizeof(Record), max);
  }

  // Calls f(const Record&) for every remaining record; of a translation trace, for every
  // translation (the flush records of version 2 are left out: for_each_with_flushes has them).
  template <class Record = TranslationRecord, class F>
  void for_each(F&& f) {
    std::vector<Record> batch(16384);
    while (const std::size_t n = read(batch.data(), batch.size())) {
      for (std::size_t i = 0; i < n; ++i) {
        if constexpr (std::is_same_v<Record, TranslationRecord>) {
          if (is_flush(batch[i])) continue;
        }
        f(batch[i]);
      }
    }
  }
  // Calls f(const TranslationRecord&) for every remaining record of a translation trace,
  // translations and TLB flushes (is_flush()) in file order.
  template <class F>
  void for_each_with_flushes(F&& f) {
    std::vector<TranslationRecord> batch(16384);
    while (const std::size_t n = read(batch.data(), batch.size()))
      for (std::size_t i = 0; i < n; ++i) f(batch[i]);
  }

 private:
  struct ZstdSource;
  struct ZstdDeleter {
    void operator()(ZstdSource* z) const;
  };

  std::size_t read_records(void* out, std::size_t record_size, std::size_t max);
  std::size_t fill(unsigned char* dst, std::size_t n);  // short only at the end of the data
  std::size_t fill_zstd(unsigned char* dst, std::size_t n);
  void read_header();
  [[noreturn]] void fail(const std::string& what) const;

  std::string path_;
  RecordFormat format_;
  std::FILE* file_ = nullptr;
  std::unique_ptr<ZstdSource, ZstdDeleter> zstd_;
  unsigned char peek_[4] = {};  // the first bytes, read to tell zstd from plain
  std::size_t peek_len_ = 0;
  std::size_t peek_pos_ = 0;
  FileHeader header_{};
  std::uint64_t records_ = 0;
};

}  // namespace memvp::trace
