// Disk service times. The seek curve is the square-root law of short seeks (Ruemmler & Wilkes,
// "An introduction to disk drive modeling", IEEE Computer 1994): seek(d) = t2t + k * sqrt(d / N)
// for a distance of d sectors out of N. Over uniformly random start and end positions
// E[sqrt(|x - y|)] = 8/15, so k = (seek_ms - t2t) * 15 / 8 makes the average the data sheet's.
#include "devices/virtio_blk/disk_timing.h"

#include <cmath>

#include "devices/virtio_blk/disk_image.h"

namespace memvp {

std::string_view to_string(DiskPreset p) {
  switch (p) {
    case DiskPreset::Nvme: return "nvme";
    case DiskPreset::SataSsd: return "sata_ssd";
    case DiskPreset::Hdd: return "hdd";
  }
  return "?";
}

// The figures and their sources are in docs/devices.md ("Disk timing").
DiskTiming preset_timing(DiskPreset p) {
  switch (p) {
    case DiskPreset::Nvme:  // Samsung 970 EVO Plus 1 TB: QD1 4 KiB 19k read / 60k write IOPS
      return {51.5, 15.4, 3500, 3300, 0, 0, 0};
    case DiskPreset::SataSsd:  // Samsung 860 EVO 1 TB: QD1 4 KiB 10k read / 42k write IOPS
      return {92.6, 15.9, 550, 520, 0, 0, 0};
    case DiskPreset::Hdd:  // Seagate BarraCuda ST1000DM010: 7200 rpm, 8.5 ms average seek
      return {0, 0, 210, 210, 8.5, 1.0, 7200};
  }
  return {};
}

double DiskTimingModel::positioning_s(std::uint64_t sector) const {
  if (t_.rpm == 0 || sector == head_) return 0;  // solid state, or a sequential continuation
  const double distance = std::fabs(static_cast<double>(sector) - static_cast<double>(head_));
  const double span = static_cast<double>(sectors_);
  const double seek_ms = t_.track_to_track_ms + (t_.seek_ms - t_.track_to_track_ms) * 15.0 / 8.0 * std::sqrt(distance / span);
  const double half_turn_s = 30.0 / t_.rpm;  // the average rotational latency
  return seek_ms * 1e-3 + half_turn_s;
}

sc_core::sc_time DiskTimingModel::access(bool write, std::uint64_t sector, std::uint64_t count) {
  const double bytes = static_cast<double>(count) * DiskImage::kSectorBytes;
  const double latency_us = write ? t_.write_latency_us : t_.read_latency_us;
  const double bandwidth = (write ? t_.write_bandwidth_mbps : t_.read_bandwidth_mbps) * 1e6;
  const double s = latency_us * 1e-6 + positioning_s(sector) + bytes / bandwidth;
  head_ = sector + count;
  return sc_core::sc_time(std::round(s * 1e12), sc_core::SC_PS);
}

sc_core::sc_time DiskTimingModel::flush() const {
  return sc_core::sc_time(std::round(t_.write_latency_us * 1e6), sc_core::SC_PS);
}

}  // namespace memvp
