// [[disk]] keys. `timing` names a preset and sets every timing key to its value; timing keys
// given after it (in any order in the file: the preset is read first) override single figures.
#include "devices/virtio_blk/virtio_blk_schema.h"

#include <vector>

#include <fmt/format.h>

#include "common/error.h"

namespace memvp {

namespace {

std::vector<std::pair<std::string, DiskPreset>> preset_names() {
  return named({DiskPreset::Nvme, DiskPreset::SataSsd, DiskPreset::Hdd}, [](DiskPreset p) { return to_string(p); });
}

// The preset: read before the figures so that they default to its values.
Key<DiskConfig> preset_key() {
  Key<DiskConfig> k = enum_key("timing", &DiskConfig::preset, preset_names());
  auto read_enum = k.read;
  k.read = [read_enum](ConfigReader& r, const std::string& key, DiskConfig& d) {
    const DiskPreset before = d.preset;
    read_enum(r, key, d);
    if (d.preset != before || r.defines(key)) d.timing = preset_timing(d.preset);
  };
  return k;
}

void check_disk(const DiskConfig& d, const ConfigScope& where) {
  where.require(!d.image.empty(), "image", "is missing: every disk needs an image file");
  where.require(d.serial.size() <= VirtioBlk::kIdBytes, "serial",
                fmt::format("\"{}\" is longer than {} bytes", d.serial, VirtioBlk::kIdBytes));
  where.require(d.timing.seek_ms >= d.timing.track_to_track_ms, "seek_ms",
                fmt::format("{} ms is shorter than track_to_track_ms ({} ms)", d.timing.seek_ms, d.timing.track_to_track_ms));
}

template <class F>
Key<DiskConfig> timing_real(const char* name, F field, double min, double max) {
  return {name,
          [=](ConfigReader& r, const std::string& key, DiskConfig& d) {
            d.timing.*field = r.get_double(key, d.timing.*field, min, max);
          },
          [=](const DiskConfig& d, toml::table& out) { out.insert(name, d.timing.*field); },
          {}};
}

}  // namespace

const KeyTable<DiskConfig>& disk_keys() {
  using D = DiskConfig;
  using T = DiskTiming;
  static const KeyTable<D> keys{{
      string_key("image", &D::image),
      bool_key("read_only", &D::read_only),
      bool_key("snapshot", &D::snapshot),
      string_key("serial", &D::serial),
      preset_key(),
      timing_real("read_latency_us", &T::read_latency_us, 0, 1e7),
      timing_real("write_latency_us", &T::write_latency_us, 0, 1e7),
      timing_real("read_bandwidth_mbps", &T::read_bandwidth_mbps, 1e-3, 1e7),
      timing_real("write_bandwidth_mbps", &T::write_bandwidth_mbps, 1e-3, 1e7),
      timing_real("seek_ms", &T::seek_ms, 0, 1e4),
      timing_real("track_to_track_ms", &T::track_to_track_ms, 0, 1e4),
      {"rpm",
       [](ConfigReader& r, const std::string& key, D& d) {
         d.timing.rpm = static_cast<std::uint32_t>(r.get_uint(key, d.timing.rpm, 0, 100'000));
       },
       [](const D& d, toml::table& out) { out.insert("rpm", static_cast<std::int64_t>(d.timing.rpm)); },
       {}},
  }, check_disk};
  return keys;
}

DiskConfig parse_disk_option(std::string_view spec) {
  DiskConfig d;
  std::size_t start = 0;
  bool first = true;
  while (start <= spec.size()) {
    const std::size_t comma = spec.find(',', start);
    const std::string_view part = spec.substr(start, comma == std::string_view::npos ? spec.npos : comma - start);
    start = comma == std::string_view::npos ? spec.size() + 1 : comma + 1;
    if (first) {
      d.image = std::string(part);
      first = false;
    } else if (part == "ro") {
      d.read_only = true;
    } else if (part == "snapshot") {
      d.snapshot = true;
    } else if (part.starts_with("serial=")) {
      d.serial = std::string(part.substr(7));
    } else if (part.starts_with("timing=")) {
      bool found = false;
      for (const auto& [n, p] : preset_names()) {
        if (n == part.substr(7)) {
          d.preset = p;
          d.timing = preset_timing(p);
          found = true;
        }
      }
      if (!found) throw InputError(fmt::format("--disk {}: unknown timing \"{}\" (nvme, sata_ssd, hdd)", spec, part.substr(7)));
    } else {
      throw InputError(fmt::format("--disk {}: unknown option \"{}\" (ro, snapshot, serial=S, timing=P)", spec, part));
    }
  }
  check_disk(d, ConfigScope("--disk " + std::string(spec)));
  return d;
}

}  // namespace memvp
