// The translation trace writer: header first, then records through two big buffers. A Sink
// writes a buffer to the file, optionally through one zstd frame (the whole file, header
// included, so `zstd -d` yields a plain trace); a Background thread runs the Sink so that the
// simulation only copies records.
#include "common/trace/trace_writer.h"

#include <fcntl.h>
#include <unistd.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

#include "common/error.h"

namespace memvp::trace {

class TranslationTraceWriter::Sink {
 public:
  Sink(const std::string& path, const TraceWriterOptions& o, bool zstd) : path_(path) {
    if (zstd) {
      cctx_ = ZSTD_createCCtx();
      if (cctx_ == nullptr) fail("cannot create a zstd compression context", 0);
      ZSTD_CCtx_setParameter(cctx_, ZSTD_c_compressionLevel, o.zstd_level);
      ZSTD_CCtx_setParameter(cctx_, ZSTD_c_checksumFlag, 1);
      // A libzstd built without threads refuses workers; compression then stays inline.
      if (o.zstd_workers > 0) ZSTD_CCtx_setParameter(cctx_, ZSTD_c_nbWorkers, o.zstd_workers);
      out_.resize(ZSTD_CStreamOutSize() * 8);
    }
    fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd_ < 0) fail("cannot open for writing", errno);
  }
  ~Sink() {
    if (fd_ >= 0) ::close(fd_);
    ZSTD_freeCCtx(cctx_);
  }
  Sink(const Sink&) = delete;
  Sink& operator=(const Sink&) = delete;

  [[nodiscard]] bool compressed() const { return cctx_ != nullptr; }

  // Writes n bytes; `last` ends the zstd frame and closes the file.
  void put(const unsigned char* p, std::size_t n, bool last) {
    if (cctx_ != nullptr) compress(p, n, last);
    else write_out(p, n);
    if (last) {
      const int fd = fd_;
      fd_ = -1;
      if (::close(fd) != 0) fail("close failed", errno);
    }
  }

 private:
  [[noreturn]] void fail(const std::string& what, int err) const {
    std::string msg = "trace file '" + path_ + "': " + what;
    if (err != 0) msg += std::string(": ") + std::strerror(err);
    throw InputError(msg);
  }

  void write_out(const unsigned char* p, std::size_t n) {
    while (n > 0) {
      const ssize_t w = ::write(fd_, p, n);
      if (w < 0) {
        if (errno == EINTR) continue;
        fail("write failed", errno);
      }
      p += w;
      n -= static_cast<std::size_t>(w);
    }
  }

  void compress(const unsigned char* p, std::size_t n, bool last) {
    ZSTD_inBuffer in{p, n, 0};
    const ZSTD_EndDirective mode = last ? ZSTD_e_end : ZSTD_e_continue;
    for (;;) {
      ZSTD_outBuffer out{out_.data(), out_.size(), 0};
      const std::size_t left = ZSTD_compressStream2(cctx_, &out, &in, mode);
      if (ZSTD_isError(left)) fail(std::string("zstd: ") + ZSTD_getErrorName(left), 0);
      write_out(out_.data(), out.pos);
      // e_continue is done once the input is consumed; e_end once the frame is flushed.
      if (last ? left == 0 : in.pos == in.size) break;
    }
  }

  std::string path_;
  int fd_ = -1;
  ZSTD_CCtx* cctx_ = nullptr;
  std::vector<unsigned char> out_;
};

// One buffer in flight at a time: submit() waits until the previous one has been written.
class TranslationTraceWriter::Background {
 public:
  explicit Background(Sink& sink) : sink_(sink), thread_([this] { run(); }) {}
  ~Background() {
    {
      std::lock_guard lk(m_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

  // Queues p[0, n) once the previous buffer is written. Throws the writer's first error.
  void submit(const unsigned char* p, std::size_t n, bool last) {
    std::unique_lock lk(m_);
    cv_.wait(lk, [&] { return !busy_; });
    rethrow();
    job_ = p;
    len_ = n;
    last_ = last;
    busy_ = true;
    cv_.notify_all();
  }

  // Waits until the queued buffer is written. Throws the writer's first error.
  void wait() {
    std::unique_lock lk(m_);
    cv_.wait(lk, [&] { return !busy_; });
    rethrow();
  }

 private:
  void rethrow() {
    if (!error_.empty()) throw InputError(error_);
  }

  void run() {
    std::unique_lock lk(m_);
    for (;;) {
      cv_.wait(lk, [&] { return busy_ || stop_; });
      if (!busy_) return;
      const unsigned char* p = job_;
      const std::size_t n = len_;
      const bool last = last_;
      lk.unlock();
      std::string error;
      if (error_.empty()) {
        try {
          sink_.put(p, n, last);
        } catch (const InputError& e) {
          error = e.what();
        }
      }
      lk.lock();
      if (!error.empty()) error_ = error;
      busy_ = false;
      cv_.notify_all();
    }
  }

  Sink& sink_;
  std::mutex m_;
  std::condition_variable cv_;
  const unsigned char* job_ = nullptr;
  std::size_t len_ = 0;
  bool last_ = false;
  bool busy_ = false;
  bool stop_ = false;
  std::string error_;  // the first write error, reported to the simulation thread
  std::thread thread_;  // last: started once the members above exist
};

void TranslationTraceWriter::SinkDeleter::operator()(Sink* s) const { delete s; }
void TranslationTraceWriter::BackgroundDeleter::operator()(Background* b) const { delete b; }

namespace {
bool ends_with_zst(const std::string& path) {
  return path.size() >= 4 && path.compare(path.size() - 4, 4, ".zst") == 0;
}
}  // namespace

TranslationTraceWriter::TranslationTraceWriter(const std::string& path, const RecordFormat& format,
                                               const TraceFileInfo& info, const TraceWriterOptions& options)
    : path_(path), buffer_bytes_(std::max<std::size_t>(options.buffer_bytes, 64u << 10)) {
  const bool zstd = options.compression == Compression::Zstd ||
                    (options.compression == Compression::Auto && ends_with_zst(path));
  sink_.reset(new Sink(path, options, zstd));
  for (auto& b : buffers_) b = std::make_unique<unsigned char[]>(buffer_bytes_);
  pos_ = buffers_[0].get();
  end_ = pos_ + buffer_bytes_;

  FileHeader h{};
  std::memcpy(h.magic, format.magic.data(), sizeof h.magic);
  h.version = format.version;
  h.header_size = padded_header_size(format.layout.size());
  h.record_size = format.record_size;
  h.layout_size = static_cast<std::uint32_t>(format.layout.size());
  h.clock_period_ps = info.clock_period_ps;
  h.harts = info.harts;
  std::memset(pos_, 0, h.header_size);
  std::memcpy(pos_, &h, sizeof h);
  std::memcpy(pos_ + sizeof h, format.layout.data(), format.layout.size());
  pos_ += h.header_size;

  if (options.background) background_.reset(new Background(*sink_));
}

TranslationTraceWriter::~TranslationTraceWriter() {
  try {
    close();
  } catch (const InputError& e) {
    std::fprintf(stderr, "memvp: %s\n", e.what());
  }
}

bool TranslationTraceWriter::compressed() const { return sink_->compressed(); }

void TranslationTraceWriter::flush_buffer(bool last) {
  unsigned char* buf = buffers_[filling_].get();
  const std::size_t n = static_cast<std::size_t>(pos_ - buf);
  if (background_) {
    background_->submit(buf, n, last);
    filling_ ^= 1;  // the other buffer was written before submit() returned
  } else {
    sink_->put(buf, n, last);
  }
  pos_ = buffers_[filling_].get();
  end_ = pos_ + buffer_bytes_;
}

void TranslationTraceWriter::drain() {
  if (closed_) throw InputError("trace file '" + path_ + "': append after close");
  flush_buffer(false);
}

void TranslationTraceWriter::close() {
  if (closed_) return;
  closed_ = true;
  end_ = pos_;  // any further append() reaches drain() and fails
  flush_buffer(true);
  end_ = pos_;
  if (background_) background_->wait();
}

}  // namespace memvp::trace
