// virtio-blk requests (virtio 1.2 §5.2.6): a 16-byte device-readable header (le32 type, le32
// reserved, le64 sector), the data, and a device-writable status byte at the very end of the
// chain. Sectors are 512 bytes whatever blk_size says (§5.2.6.1); the used length is every byte
// written into the chain, data and status.
#include "devices/virtio_blk/virtio_blk.h"

#include <algorithm>
#include <array>

#include "devices/virtio/le.h"

namespace memvp {

using virtio::VirtqChain;

namespace {

constexpr std::uint64_t kHeaderBytes = 16;

}  // namespace

VirtioBlk::VirtioBlk(sc_core::sc_module_name name, const virtio::VirtioMmioConfig& transport, const DiskConfig& disk)
    : VirtioMmio(name, transport),
      disk_cfg_(disk),
      image_(disk.image, disk.read_only, disk.snapshot),
      timing_(disk.timing, image_.sectors()) {}

std::uint64_t VirtioBlk::device_features() const {
  std::uint64_t f = virtio::kFeatureVersion1 | virtio::kFeatureIndirectDesc | kFeatureSegMax | kFeatureBlkSize |
                    kFeatureFlush;
  if (image_.read_only()) f |= kFeatureRo;
  return f;
}

// struct virtio_blk_config (§5.2.4): capacity, size_max, seg_max, geometry, blk_size.
std::vector<std::uint8_t> VirtioBlk::config_space() const {
  std::vector<std::uint8_t> c(24, 0);
  virtio::store_le<std::uint64_t>(c.data(), image_.sectors());
  // A chain holds at most a queue's worth of descriptors, less the header and the status.
  virtio::store_le<std::uint32_t>(c.data() + 12, config().queue_size_max - 2);
  virtio::store_le<std::uint32_t>(c.data() + 20, DiskImage::kSectorBytes);
  return c;
}

void VirtioBlk::visit_stats(stats::Visitor& v) const {
  VirtioMmio::visit_stats(v);
  v.text("image", disk_cfg_.image, "the backing image file");
  v.counter("capacity_sectors", image_.sectors(), "the disk's size in 512-byte sectors");
  v.counter("reads", reads_, "VIRTIO_BLK_T_IN requests");
  v.counter("writes", writes_, "VIRTIO_BLK_T_OUT requests");
  v.counter("flushes", flushes_, "VIRTIO_BLK_T_FLUSH requests");
  v.counter("get_ids", get_ids_, "VIRTIO_BLK_T_GET_ID requests");
  v.counter("unsupported", unsupported_, "requests of other types (answered VIRTIO_BLK_S_UNSUPP)");
  v.counter("io_errors", io_errors_, "requests answered VIRTIO_BLK_S_IOERR");
  v.counter("bytes_read", bytes_read_, "bytes read from the disk");
  v.counter("bytes_written", bytes_written_, "bytes written to the disk");
  v.real("busy_seconds", busy_.to_seconds(), "the disk's service time (latency, positioning, transfer), summed");
}

bool VirtioBlk::serve(unsigned /*q*/, const VirtqChain& chain, std::uint32_t& written) {
  // Without a device-writable byte there is nowhere to put the status: the driver's error.
  const std::uint64_t room = chain.writable_bytes();
  if (room == 0) return false;
  std::array<std::uint8_t, kHeaderBytes> header{};
  std::uint8_t status = kStatusIoErr;
  std::uint32_t data_written = 0;
  if (chain.readable_bytes() >= kHeaderBytes && read_chain(chain, 0, header.data(), header.size())) {
    const auto type = virtio::load_le<std::uint32_t>(header.data());
    const auto sector = virtio::load_le<std::uint64_t>(header.data() + 8);
    switch (type) {
      case kTypeIn: status = read_sectors(chain, sector, room - 1, data_written); break;
      case kTypeOut: status = write_sectors(chain, sector, chain.readable_bytes() - kHeaderBytes); break;
      case kTypeFlush:
        ++flushes_;
        occupy(timing_.flush());
        status = image_.flush() ? kStatusOk : kStatusIoErr;
        break;
      case kTypeGetId: status = get_id(chain, room - 1, data_written); break;
      default: ++unsupported_; status = kStatusUnsupp; break;
    }
  }
  if (status == kStatusIoErr) ++io_errors_;
  // The status is the last writable byte, wherever the data ended.
  if (!write_chain(chain, room - 1, &status, 1)) return false;
  written = data_written + 1;
  return true;
}

std::uint8_t VirtioBlk::read_sectors(const VirtqChain& chain, std::uint64_t sector, std::uint64_t data_bytes,
                                     std::uint32_t& data_written) {
  ++reads_;
  if (data_bytes % DiskImage::kSectorBytes != 0) return kStatusIoErr;  // §5.2.6.2: whole sectors only
  const std::uint64_t count = data_bytes / DiskImage::kSectorBytes;
  buffer_.resize(data_bytes);
  if (!image_.read(sector, count, buffer_.data())) return kStatusIoErr;
  occupy(timing_.access(false, sector, count));
  if (!write_chain(chain, 0, buffer_.data(), data_bytes)) return kStatusIoErr;
  data_written = static_cast<std::uint32_t>(data_bytes);
  bytes_read_ += data_bytes;
  return kStatusOk;
}

std::uint8_t VirtioBlk::write_sectors(const VirtqChain& chain, std::uint64_t sector, std::uint64_t data_bytes) {
  ++writes_;
  if (data_bytes % DiskImage::kSectorBytes != 0) return kStatusIoErr;
  const std::uint64_t count = data_bytes / DiskImage::kSectorBytes;
  // §5.2.6.2: a read-only device fails writes; a range beyond the disk fails before any byte moves.
  if (image_.read_only() || sector > image_.sectors() || count > image_.sectors() - sector) return kStatusIoErr;
  buffer_.resize(data_bytes);
  if (!read_chain(chain, kHeaderBytes, buffer_.data(), data_bytes)) return kStatusIoErr;
  occupy(timing_.access(true, sector, count));
  if (!image_.write(sector, count, buffer_.data())) return kStatusIoErr;
  bytes_written_ += data_bytes;
  return kStatusOk;
}

void VirtioBlk::occupy(const sc_core::sc_time& t) {
  busy_ += t;
  spend(t);
}

std::uint8_t VirtioBlk::get_id(const VirtqChain& chain, std::uint64_t room, std::uint32_t& data_written) {
  ++get_ids_;
  // §5.2.6: a 20-byte string, NUL-padded, not NUL-terminated when it fills all 20.
  std::array<std::uint8_t, kIdBytes> id{};
  std::copy_n(disk_cfg_.serial.begin(), std::min<std::size_t>(disk_cfg_.serial.size(), kIdBytes), id.begin());
  const auto n = static_cast<std::uint32_t>(std::min<std::uint64_t>(room, kIdBytes));
  if (!write_chain(chain, 0, id.data(), n)) return kStatusIoErr;
  data_written = n;
  return kStatusOk;
}

}  // namespace memvp
