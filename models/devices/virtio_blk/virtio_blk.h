// A virtio block device (virtio 1.2 §5.2) on a virtio-mmio transport, backed by a raw image
// file (DiskImage) and timed by a disk model (DiskTimingModel). One request queue; requests
// VIRTIO_BLK_T_IN, OUT, FLUSH and GET_ID; anything else answers VIRTIO_BLK_S_UNSUPP and a
// request it cannot carry out (beyond the disk, a read-only disk, a bad buffer) VIRTIO_BLK_S_IOERR.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "devices/virtio/virtio_mmio.h"
#include "devices/virtio_blk/disk_image.h"
#include "devices/virtio_blk/disk_timing.h"

namespace memvp {

// One [[disk]] of the platform file, or one --disk option.
struct DiskConfig {
  std::string image;        // raw image file, a whole number of 512-byte sectors
  bool read_only = false;   // VIRTIO_BLK_F_RO: writes fail
  bool snapshot = false;    // writes go to an overlay dropped at exit; the file is never written
  std::string serial;       // what GET_ID returns (at most 20 bytes, QEMU's -device ...,serial=)
  DiskPreset preset = DiskPreset::Nvme;
  DiskTiming timing = preset_timing(DiskPreset::Nvme);
};

class VirtioBlk : public virtio::VirtioMmio {
 public:
  static constexpr std::uint32_t kDeviceId = 2;      // §5.2.1
  static constexpr std::uint32_t kIdBytes = 20;      // VIRTIO_BLK_ID_BYTES
  // Feature bits (§5.2.3).
  static constexpr std::uint64_t kFeatureSegMax = 1ULL << 2, kFeatureRo = 1ULL << 5;
  static constexpr std::uint64_t kFeatureBlkSize = 1ULL << 6, kFeatureFlush = 1ULL << 9;
  // Request types and status values (§5.2.6).
  static constexpr std::uint32_t kTypeIn = 0, kTypeOut = 1, kTypeFlush = 4, kTypeGetId = 8;
  static constexpr std::uint8_t kStatusOk = 0, kStatusIoErr = 1, kStatusUnsupp = 2;

  // Opens the image: throws InputError when it cannot be used (DiskImage).
  VirtioBlk(sc_core::sc_module_name name, const virtio::VirtioMmioConfig& transport, const DiskConfig& disk);

  [[nodiscard]] const DiskConfig& disk() const { return disk_cfg_; }
  [[nodiscard]] std::uint64_t capacity_sectors() const { return image_.sectors(); }
  void visit_stats(stats::Visitor& v) const override;

 protected:
  [[nodiscard]] std::uint32_t device_id() const override { return kDeviceId; }
  [[nodiscard]] std::uint64_t device_features() const override;
  [[nodiscard]] unsigned queue_count() const override { return 1; }
  [[nodiscard]] std::vector<std::uint8_t> config_space() const override;
  bool serve(unsigned q, const virtio::VirtqChain& chain, std::uint32_t& written) override;

 private:
  // The request's own work once its header is read; returns its status and counts the data
  // bytes it wrote into the chain in `data_written`.
  std::uint8_t read_sectors(const virtio::VirtqChain& chain, std::uint64_t sector, std::uint64_t data_bytes,
                            std::uint32_t& data_written);
  std::uint8_t write_sectors(const virtio::VirtqChain& chain, std::uint64_t sector, std::uint64_t data_bytes);
  std::uint8_t get_id(const virtio::VirtqChain& chain, std::uint64_t room, std::uint32_t& data_written);
  // The medium works for `t`: counted as busy time and spent by the device's process.
  void occupy(const sc_core::sc_time& t);

  DiskConfig disk_cfg_;
  DiskImage image_;
  DiskTimingModel timing_;
  std::vector<std::uint8_t> buffer_;  // one request's data

  std::uint64_t reads_ = 0, writes_ = 0, flushes_ = 0, get_ids_ = 0, unsupported_ = 0, io_errors_ = 0;
  std::uint64_t bytes_read_ = 0, bytes_written_ = 0;
  sc_core::sc_time busy_;             // the medium's service time, summed
};

}  // namespace memvp
