// TraceReader: header validation in the order a user would want to hear about problems
// (not a trace at all, then version, then layout), and zstd streaming decompression.
#include "trace_reader.h"

#include <fmt/format.h>

#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
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
  throw InputError(std::string(format_.what == kTranslationFormat.what ? "trace" : format_.what) + " file '" + path_ +
                   "': " + what);
}

TraceReader::TraceReader(const std::string& path, const RecordFormat& format) : path_(path), format_(format) {
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
  const RecordFormat& f = format_;
  const std::uint32_t oldest = f.oldest_version != 0 ? f.oldest_version : f.version;
  const std::uint32_t header_size = padded_header_size(f.layout.size());
  unsigned char fixed[sizeof(FileHeader)];
  const std::size_t got = fill(fixed, sizeof fixed);
  if (got == 0) fail("empty file, not a memvp " + std::string(f.what));
  if (got >= f.magic.size() && std::memcmp(fixed, f.magic.data(), f.magic.size()) != 0)
    fail("not a memvp " + std::string(f.what) + " (bad magic)");
  if (got < sizeof fixed)
    fail("truncated header (" + std::to_string(got) + " of " + std::to_string(sizeof fixed) +
         " bytes)");
  std::memcpy(&header_, fixed, sizeof header_);
  if (header_.version < oldest || header_.version > f.version) {
    const std::string reads = oldest == f.version ? "version " + std::to_string(f.version)
                                                  : fmt::format("versions {} to {}", oldest, f.version);
    fail("unsupported trace format version " + std::to_string(header_.version) + " (this reader reads " + reads + ")");
  }
  // The versions read share one layout (a later one adds meanings, not fields).
  const std::string version = std::to_string(header_.version);
  if (header_.record_size != f.record_size)
    fail("record size " + std::to_string(header_.record_size) + " does not match version " + version + "'s " +
         std::to_string(f.record_size) + " bytes");
  if (header_.layout_size != f.layout.size() || header_.header_size != header_size)
    fail("header size " + std::to_string(header_.header_size) + " does not match version " + version + "'s " +
         std::to_string(header_size) + " bytes");
  std::string layout(header_.header_size - sizeof(FileHeader), '\0');
  const std::size_t got_layout = fill(reinterpret_cast<unsigned char*>(layout.data()), layout.size());
  if (got_layout < layout.size())
    fail("truncated header (" + std::to_string(sizeof fixed + got_layout) + " of " +
         std::to_string(header_.header_size) + " bytes)");
  if (std::string_view(layout).substr(0, f.layout.size()) != f.layout)
    fail("record layout in the header differs from version " + version + "'s");
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

std::size_t TraceReader::read_records(void* out, std::size_t record_size, std::size_t max) {
  if (max == 0) return 0;
  if (record_size != format_.record_size)
    throw std::logic_error("TraceReader::read: the record type is not the file format's");
  auto* bytes = static_cast<unsigned char*>(out);
  const std::size_t got = fill(bytes, max * record_size);
  const std::size_t whole = got / record_size;
  records_ += whole;
  if (got % record_size != 0)
    fail("truncated record at the end (" + std::to_string(got % record_size) + " bytes after " +
         std::to_string(records_) + " whole records)");
  return whole;
}

}  // namespace memvp::trace
