// The translation trace writer: header first, then records through a big buffer, optionally
// through one zstd frame (the whole file, header included, so `zstd -d` yields a plain trace).
#include "common/trace/trace_writer.h"

#include <fcntl.h>
#include <unistd.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <vector>

#include "common/error.h"

namespace memvp::trace {

struct TranslationTraceWriter::ZstdStream {
  ZSTD_CCtx* cctx = nullptr;
  std::vector<unsigned char> out;
};

void TranslationTraceWriter::ZstdDeleter::operator()(ZstdStream* z) const {
  if (z != nullptr) ZSTD_freeCCtx(z->cctx);
  delete z;
}

namespace {
bool ends_with_zst(const std::string& path) {
  return path.size() >= 4 && path.compare(path.size() - 4, 4, ".zst") == 0;
}
}  // namespace

TranslationTraceWriter::TranslationTraceWriter(const std::string& path, const TraceFileInfo& info,
                                               const TraceWriterOptions& options)
    : path_(path) {
  const std::size_t bytes = std::max<std::size_t>(options.buffer_bytes, 64u << 10);
  buffer_ = std::make_unique<unsigned char[]>(bytes);
  pos_ = buffer_.get();
  end_ = pos_ + bytes;

  const bool zstd = options.compression == Compression::Zstd ||
                    (options.compression == Compression::Auto && ends_with_zst(path));
  if (zstd) {
    zstd_.reset(new ZstdStream);
    zstd_->cctx = ZSTD_createCCtx();
    if (zstd_->cctx == nullptr) fail("cannot create a zstd compression context");
    ZSTD_CCtx_setParameter(zstd_->cctx, ZSTD_c_compressionLevel, options.zstd_level);
    ZSTD_CCtx_setParameter(zstd_->cctx, ZSTD_c_checksumFlag, 1);
    // A libzstd built without threads refuses workers; compression then stays inline.
    if (options.zstd_workers > 0)
      ZSTD_CCtx_setParameter(zstd_->cctx, ZSTD_c_nbWorkers, options.zstd_workers);
    zstd_->out.resize(ZSTD_CStreamOutSize() * 8);
  }

  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0) fail("cannot open for writing");

  FileHeader h{};
  std::memcpy(h.magic, kMagic, sizeof h.magic);
  h.version = kFormatVersion;
  h.header_size = kHeaderSize;
  h.record_size = sizeof(TranslationRecord);
  h.layout_size = static_cast<std::uint32_t>(kRecordLayout.size());
  h.clock_period_ps = info.clock_period_ps;
  h.harts = info.harts;
  std::memset(pos_, 0, kHeaderSize);
  std::memcpy(pos_, &h, sizeof h);
  std::memcpy(pos_ + sizeof h, kRecordLayout.data(), kRecordLayout.size());
  pos_ += kHeaderSize;
}

TranslationTraceWriter::~TranslationTraceWriter() {
  try {
    close();
  } catch (const InputError& e) {
    std::fprintf(stderr, "memvp: %s\n", e.what());
  }
}

void TranslationTraceWriter::fail(const char* what) const {
  const int err = errno;
  std::string msg = "trace file '" + path_ + "': " + what;
  if (err != 0) msg += std::string(": ") + std::strerror(err);
  throw InputError(msg);
}

void TranslationTraceWriter::write_out(const unsigned char* p, std::size_t n) {
  while (n > 0) {
    const ssize_t w = ::write(fd_, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      fail("write failed");
    }
    p += w;
    n -= static_cast<std::size_t>(w);
  }
}

void TranslationTraceWriter::compress(const unsigned char* p, std::size_t n, bool last) {
  ZSTD_inBuffer in{p, n, 0};
  const ZSTD_EndDirective mode = last ? ZSTD_e_end : ZSTD_e_continue;
  for (;;) {
    ZSTD_outBuffer out{zstd_->out.data(), zstd_->out.size(), 0};
    const std::size_t left = ZSTD_compressStream2(zstd_->cctx, &out, &in, mode);
    if (ZSTD_isError(left)) {
      errno = 0;
      fail((std::string("zstd: ") + ZSTD_getErrorName(left)).c_str());
    }
    write_out(zstd_->out.data(), out.pos);
    // e_continue is done once the input is consumed; e_end once the frame is flushed.
    if (last ? left == 0 : in.pos == in.size) break;
  }
}

void TranslationTraceWriter::drain() {
  if (fd_ < 0) {
    errno = 0;
    fail("append after close");
  }
  const std::size_t n = static_cast<std::size_t>(pos_ - buffer_.get());
  if (zstd_) compress(buffer_.get(), n, false);
  else write_out(buffer_.get(), n);
  pos_ = buffer_.get();
}

void TranslationTraceWriter::close() {
  if (fd_ < 0) return;
  const std::size_t n = static_cast<std::size_t>(pos_ - buffer_.get());
  pos_ = buffer_.get();
  const int fd = fd_;
  try {
    if (zstd_) compress(buffer_.get(), n, true);
    else write_out(buffer_.get(), n);
  } catch (...) {
    ::close(fd);
    fd_ = -1;
    end_ = pos_;  // any further append() reaches drain() and fails
    throw;
  }
  fd_ = -1;
  end_ = pos_;
  if (::close(fd) != 0) fail("close failed");
}

}  // namespace memvp::trace
