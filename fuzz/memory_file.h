// The pieces the fuzz inputs share: the input as a file for readers that open a path, and the
// check that turns a broken invariant into a crash libFuzzer reports.
#pragma once

#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace memvp::fuzz {

// The input as a file the readers open by path: an anonymous in-memory file, named through
// /proc/self/fd, so no file is left behind and parallel fuzzing jobs do not collide.
class MemoryFile {
 public:
  MemoryFile(const std::uint8_t* data, std::size_t size) : fd_(memfd_create("memvp-fuzz", 0)) {
    if (fd_ < 0) std::abort();
    for (std::size_t done = 0; done < size;) {
      const ssize_t n = write(fd_, data + done, size - done);
      if (n <= 0) std::abort();
      done += static_cast<std::size_t>(n);
    }
    path_ = "/proc/self/fd/" + std::to_string(fd_);
  }
  ~MemoryFile() { close(fd_); }
  MemoryFile(const MemoryFile&) = delete;
  MemoryFile& operator=(const MemoryFile&) = delete;
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  int fd_;
  std::string path_;
};

// A broken invariant of a reader that accepted its input: a bug, reported as a crash.
inline void check(bool ok) {
  if (!ok) __builtin_trap();
}

}  // namespace memvp::fuzz
