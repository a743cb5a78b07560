// How long a disk takes to serve a request: a fixed per-request latency (command processing,
// flash or firmware) plus the transfer at the medium's bandwidth, and for a rotating disk the
// seek to the request's track and half a revolution on average whenever the request does not
// continue where the last one ended. Presets model three real parts (docs/devices.md gives the
// data-sheet figures they come from).
#pragma once

#include <cstdint>
#include <string_view>

#include <systemc>

namespace memvp {

enum class DiskPreset { Nvme, SataSsd, Hdd };
[[nodiscard]] std::string_view to_string(DiskPreset p);

struct DiskTiming {
  double read_latency_us = 0, write_latency_us = 0;      // per request, before the transfer
  double read_bandwidth_mbps = 1, write_bandwidth_mbps = 1;  // sustained, 10^6 bytes per second
  double seek_ms = 0;             // average seek over uniformly random positions; 0: no moving head
  double track_to_track_ms = 0;   // the shortest seek
  std::uint32_t rpm = 0;          // spindle speed; 0: no rotation
};

[[nodiscard]] DiskTiming preset_timing(DiskPreset p);

class DiskTimingModel {
 public:
  DiskTimingModel(const DiskTiming& t, std::uint64_t sectors) : t_(t), sectors_(sectors) {}

  // The service time of a read or write of `count` sectors at `sector`; moves the head there.
  sc_core::sc_time access(bool write, std::uint64_t sector, std::uint64_t count);
  // A cache flush: one write command's latency (the data already reached the medium's buffer).
  [[nodiscard]] sc_core::sc_time flush() const;

 private:
  [[nodiscard]] double positioning_s(std::uint64_t sector) const;

  DiskTiming t_;
  std::uint64_t sectors_;
  std::uint64_t head_ = 0;  // the sector after the last one transferred
};

}  // namespace memvp
