// DiskImage on POSIX file descriptors: pread/pwrite at sector offsets, fdatasync for flush.
#include "devices/virtio_blk/disk_image.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "common/error.h"

namespace memvp {

namespace {

// Moves all of [offset, offset + len) or fails (pread/pwrite may move less at a time).
template <class Op, class Byte>
bool whole(Op op, int fd, Byte* data, std::uint64_t len, std::uint64_t offset) {
  while (len > 0) {
    const ssize_t n = op(fd, data, len, static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    len -= static_cast<std::uint64_t>(n);
    offset += static_cast<std::uint64_t>(n);
  }
  return true;
}

}  // namespace

DiskImage::DiskImage(std::string path, bool read_only, bool snapshot)
    : path_(std::move(path)), read_only_(read_only), snapshot_(snapshot) {
  const bool writes_file = !read_only_ && !snapshot_;
  fd_ = ::open(path_.c_str(), (writes_file ? O_RDWR : O_RDONLY) | O_CLOEXEC);
  if (fd_ < 0) {
    const int err = errno;
    const bool only_ro = writes_file && (err == EACCES || err == EROFS) && ::access(path_.c_str(), R_OK) == 0;
    throw InputError(only_ro ? fmt::format("disk image {}: cannot open for writing ({}); add ro or snapshot",
                                           path_, std::strerror(err))
                             : fmt::format("disk image {}: {}", path_, std::strerror(err)));
  }
  struct stat st {};
  if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd_);
    throw InputError(fmt::format("disk image {}: not a regular file", path_));
  }
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (size == 0 || size % kSectorBytes != 0) {
    ::close(fd_);
    throw InputError(fmt::format("disk image {}: size {} bytes is not a positive multiple of {}", path_, size,
                                 kSectorBytes));
  }
  sectors_ = size / kSectorBytes;
}

DiskImage::~DiskImage() {
  if (fd_ >= 0) ::close(fd_);
}

bool DiskImage::in_range(std::uint64_t sector, std::uint64_t count) const {
  return sector <= sectors_ && count <= sectors_ - sector;
}

bool DiskImage::read(std::uint64_t sector, std::uint64_t count, std::uint8_t* data) {
  if (!in_range(sector, count)) return false;
  if (!whole(::pread, fd_, data, count * kSectorBytes, sector * kSectorBytes)) return false;
  if (overlay_.empty()) return true;
  for (std::uint64_t i = 0; i < count; ++i) {
    auto it = overlay_.find(sector + i);
    if (it != overlay_.end()) std::memcpy(data + i * kSectorBytes, it->second.data(), kSectorBytes);
  }
  return true;
}

bool DiskImage::write(std::uint64_t sector, std::uint64_t count, const std::uint8_t* data) {
  if (read_only_ || !in_range(sector, count)) return false;
  if (!snapshot_) return whole(::pwrite, fd_, data, count * kSectorBytes, sector * kSectorBytes);
  for (std::uint64_t i = 0; i < count; ++i) {
    overlay_[sector + i].assign(data + i * kSectorBytes, data + (i + 1) * kSectorBytes);
  }
  return true;
}

bool DiskImage::flush() {
  if (read_only_ || snapshot_) return true;
  return ::fdatasync(fd_) == 0;
}

}  // namespace memvp
