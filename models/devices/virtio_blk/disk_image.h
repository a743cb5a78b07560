// A disk's backing store: a raw image file of 512-byte sectors. Read-only images refuse writes;
// in snapshot mode writes go to an in-memory overlay that is dropped with the object, as QEMU's
// -snapshot does, and the file is never opened for writing. Otherwise a write reaches the file at
// once (only the sectors the guest wrote) and flush() makes it durable.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace memvp {

class DiskImage {
 public:
  static constexpr std::uint32_t kSectorBytes = 512;  // virtio-blk's sector (virtio 1.2 §5.2.6)

  // Throws InputError naming the file when it is missing, unreadable, not writable although it
  // must be, empty, or not a whole number of sectors.
  DiskImage(std::string path, bool read_only, bool snapshot);
  ~DiskImage();
  DiskImage(const DiskImage&) = delete;
  DiskImage& operator=(const DiskImage&) = delete;

  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] std::uint64_t sectors() const { return sectors_; }
  [[nodiscard]] bool read_only() const { return read_only_; }

  // Sectors [sector, sector + count) into/from `data` (count * 512 bytes). False when the range
  // passes the end, the image is read-only (write) or the host I/O fails.
  bool read(std::uint64_t sector, std::uint64_t count, std::uint8_t* data);
  bool write(std::uint64_t sector, std::uint64_t count, const std::uint8_t* data);
  // Makes every write so far durable in the file (fdatasync); a no-op in snapshot mode.
  bool flush();

 private:
  [[nodiscard]] bool in_range(std::uint64_t sector, std::uint64_t count) const;

  std::string path_;
  bool read_only_, snapshot_;
  int fd_ = -1;
  std::uint64_t sectors_ = 0;
  std::unordered_map<std::uint64_t, std::vector<std::uint8_t>> overlay_;  // snapshot: sector -> bytes
};

}  // namespace memvp
