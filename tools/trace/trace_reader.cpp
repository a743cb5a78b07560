// TraceReader: header validation in the order a user would want to hear about problems
// (not a trace at all, then version, then layout), and zstd streaming decompression.
#include "trace_reader.h"

#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <string_view>
#include <sys/stat.h>

#include "common/error.h"

namespace memvp::trace {

namespace {
constexpr unsigned char kZstdMagic[4] = {0x28, 0xB5, 0x2F, 0xFD};
}  // namespace

struct TraceReader::ZstdSource {
  ZSTD_DCtx* dctx = nullptr;
  std::vector<unsigned char> in;
  ZSTD_inBuffer in_buf{nullptr, 0, 0};
  bool mid_frame = false;  // a frame has begun and not yet ended
  bool eof = false;
};

void TraceReader::ZstdDeleter::operator()(ZstdSource* z) const {
  if (z != nullptr) ZSTD_freeDCtx(z->dctx);
  delete z;
}

void TraceReader::fail(const std::string& what) const {
  throw InputError("trace file '" + path_ + "': " + what);
}

TraceReader::TraceReader(const std::string& path) : path_(path) {
  file_ = std::fopen(path.c_str(), "rb");
  if (file_ == nullptr) fail(std::string("cannot open: ") + std::strerror(errno));
  peek_len_ = std::fread(peek_, 1, sizeof peek_, file_);
  if (peek_len_ == sizeof peek_ && std::memcmp(peek_, kZstdMagic, sizeof peek_) == 0) {
    zstd_.reset(new ZstdSource);
    zstd_->dctx = ZSTD_createDCtx();
    if (zstd_->dctx == nullptr) fail("cannot create a zstd decompression context");
    zstd_->in.resize(ZSTD_DStreamInSize() * 8);
    std::memcpy(zstd_->in.data(), peek_, sizeof peek_);
    zstd_->in_buf = {zstd_->in.data(), sizeof peek_, 0};
    peek_len_ = 0;
  }
  read_header();

  if (!zstd_) {
    struct stat st {};
    if (::fstat(::fileno(file_), &st) == 0 && S_ISREG(st.st_mode)) {
      const std::uint64_t body = static_cast<std::uint64_t>(st.st_size) - header_.header_size;
      if (const std::uint64_t partial = body % header_.record_size; partial != 0)
        fail("truncated record at the end (" + std::to_string(partial) + " bytes after " +
             std::to_string(body / header_.record_size) + " whole records)");
    }
  }
}

TraceReader::~TraceReader() {
  if (file_ != nullptr) std::fclose(file_);
}

void TraceReader::read_header() {
  unsigned char fixed[sizeof(FileHeader)];
  const std::size_t got = fill(fixed, sizeof fixed);
  if (got == 0) fail("empty file, not a memvp translation trace");
  if (got >= sizeof kMagic && std::memcmp(fixed, kMagic, sizeof kMagic) != 0)
    fail("not a memvp translation trace (bad magic)");
  if (got < sizeof fixed)
    fail("truncated header (" + std::to_string(got) + " of " + std::to_string(sizeof fixed) +
         " bytes)");
  std::memcpy(&header_, fixed, sizeof header_);
  if (header_.version != kFormatVersion)
    fail("unsupported trace format version " + std::to_string(header_.version) +
         " (this reader reads version " + std::to_string(kFormatVersion) + ")");
  if (header_.record_size != sizeof(TranslationRecord))
    fail("record size " + std::to_string(header_.record_size) + " does not match version " +
         std::to_string(kFormatVersion) + "'s " + std::to_string(sizeof(TranslationRecord)) +
         " bytes");
  if (header_.layout_size != kRecordLayout.size() ||
      header_.header_size != padded_header_size(header_.layout_size))
    fail("header size " + std::to_string(header_.header_size) + " does not match version " +
         std::to_string(kFormatVersion) + "'s " + std::to_string(kHeaderSize) + " bytes");
  std::string layout(header_.header_size - sizeof(FileHeader), '\0');
  const std::size_t got_layout = fill(reinterpret_cast<unsigned char*>(layout.data()), layout.size());
  if (got_layout < layout.size())
    fail("truncated header (" + std::to_string(sizeof fixed + got_layout) + " of " +
         std::to_string(header_.header_size) + " bytes)");
  if (std::string_view(layout).substr(0, kRecordLayout.size()) != kRecordLayout)
    fail("record layout in the header differs from version " + std::to_string(kFormatVersion) + "'s");
}

std::size_t TraceReader::fill(unsigned char* dst, std::size_t n) {
  if (zstd_) return fill_zstd(dst, n);
  std::size_t done = 0;
  while (peek_pos_ < peek_len_ && done < n) dst[done++] = peek_[peek_pos_++];
  done += std::fread(dst + done, 1, n - done, file_);
  if (done < n && std::ferror(file_)) fail(std::string("read error: ") + std::strerror(errno));
  return done;
}

std::size_t TraceReader::fill_zstd(unsigned char* dst, std::size_t n) {
  ZstdSource& z = *zstd_;
  ZSTD_outBuffer out{dst, n, 0};
  while (out.pos < out.size) {
    if (z.in_buf.pos == z.in_buf.size) {
      if (z.eof) break;
      const std::size_t got = std::fread(z.in.data(), 1, z.in.size(), file_);
      if (got == 0) {
        if (std::ferror(file_)) fail(std::string("read error: ") + std::strerror(errno));
        z.eof = true;
        // Nothing left to read, but the frame may still hold decompressed bytes to flush.
      }
      z.in_buf = {z.in.data(), got, 0};
    }
    const std::size_t in_before = z.in_buf.pos, out_before = out.pos;
    const std::size_t ret = ZSTD_decompressStream(z.dctx, &out, &z.in_buf);
    if (ZSTD_isError(ret)) fail(std::string("damaged zstd stream: ") + ZSTD_getErrorName(ret));
    // ret is 0 exactly when a frame has been decoded and flushed completely.
    if (ret == 0) z.mid_frame = false;
    else if (z.in_buf.pos != in_before || out.pos != out_before) z.mid_frame = true;
    if (z.eof && z.in_buf.pos == z.in_buf.size && out.pos == out_before) break;
  }
  if (out.pos < out.size && z.eof && z.mid_frame) fail("truncated zstd stream");
  return out.pos;
}

std::size_t TraceReader::read(TranslationRecord* out, std::size_t max) {
  if (max == 0) return 0;
  auto* bytes = reinterpret_cast<unsigned char*>(out);
  const std::size_t want = max * sizeof(TranslationRecord);
  const std::size_t got = fill(bytes, want);
  const std::size_t whole = got / sizeof(TranslationRecord);
  records_ += whole;
  if (got % sizeof(TranslationRecord) != 0)
    fail("truncated record at the end (" + std::to_string(got % sizeof(TranslationRecord)) +
         " bytes after " + std::to_string(records_) + " whole records)");
  return whole;
}

}  // namespace memvp::trace
