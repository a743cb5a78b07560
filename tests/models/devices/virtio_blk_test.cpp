// VirtioBlk driven as a driver would through its virtio-mmio registers, with guest memory behind
// its DMA port: identification and feature negotiation (virtio 1.2 §3.1.1, §4.2.2), every request
// type (§5.2.6) against a real image file, read-only and snapshot disks, driver errors answered
// with VIRTIO_BLK_S_IOERR or DEVICE_NEEDS_RESET (never a crash), interrupts and their suppression.
#include "devices/virtio_blk/virtio_blk.h"

#include <filesystem>
#include <fstream>
#include <map>

#include "common/error.h"
#include "common/stats/named_values.h"
#include "guest_memory.h"
#include "common/waves/wave_recorder.h"
#include "sc_test.h"
#include "vcd_reader.h"

namespace memvp {
namespace {

using sc_core::SC_NS;
using sc_core::SC_US;
using sc_core::sc_time;
using test::ScriptedInitiator;
using virtio::kDescIndirect;
using virtio::kDescNext;
using virtio::kDescWrite;
namespace reg = virtio::reg;
namespace status = virtio::status;

constexpr std::uint64_t kRam = 0x8000'0000;
constexpr std::uint16_t kQueue = 16;
constexpr std::uint64_t kDesc = kRam, kDriver = kRam + 0x400, kDevice = kRam + 0x800, kTable = kRam + 0xc00;
constexpr std::uint64_t kHeader = kRam + 0x1000, kStatusByte = kRam + 0x1100, kData = kRam + 0x2000;
constexpr std::uint64_t kSectors = 64;
constexpr std::uint64_t kFeatures = virtio::kFeatureVersion1 | VirtioBlk::kFeatureFlush | virtio::kFeatureIndirectDesc;

// Byte i of sector s of the test image.
std::uint8_t pattern(std::uint64_t s, std::uint64_t i) { return static_cast<std::uint8_t>(s * 37 + i * 11 + (i >> 8)); }

std::vector<std::uint8_t> file_bytes(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

class VirtioBlkTest : public test::SystemCTest {
 protected:
  VirtioBlkTest() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    image_ = (std::filesystem::path(::testing::TempDir()) / (std::string("virtio_blk_") + info->name() + ".img")).string();
    std::vector<std::uint8_t> bytes(kSectors * 512);
    for (std::uint64_t s = 0; s < kSectors; ++s) {
      for (std::uint64_t i = 0; i < 512; ++i) bytes[s * 512 + i] = pattern(s, i);
    }
    std::ofstream(image_, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    original_ = bytes;
  }

  // Builds the device on the image; call before run().
  void build(DiskConfig d = {}) {
    d.image = image_;
    dev_ = std::make_unique<VirtioBlk>("blk", virtio::VirtioMmioConfig{}, d);
    ram_ = std::make_unique<test::GuestMemoryTarget>("ram", mem_, sc_time(10, SC_NS));
    dev_->dma.bind(ram_->socket);
    dev_->irq.bind(irq_);
    irq_edges_.in.bind(irq_);
    init_.socket.bind(dev_->socket);
  }
  void run(std::function<void(ScriptedInitiator&)> script) {
    init_.script = std::move(script);
    sc_core::sc_start(sc_time(200, sc_core::SC_MS));
  }

  std::uint32_t rd(ScriptedInitiator& i, std::uint32_t offset) { return static_cast<std::uint32_t>(i.read(offset, 4).value); }
  void wr(ScriptedInitiator& i, std::uint32_t offset, std::uint64_t v) { i.write(offset, 4, v); }

  // §3.1.1: reset, ACKNOWLEDGE, DRIVER, features, FEATURES_OK, queue 0, and DRIVER_OK unless asked not to.
  bool setup(ScriptedInitiator& i, std::uint64_t features = kFeatures, bool driver_ok = true) {
    wr(i, reg::kStatus, 0);
    wr(i, reg::kStatus, status::kAcknowledge);
    wr(i, reg::kStatus, status::kAcknowledge | status::kDriver);
    for (std::uint32_t sel = 0; sel < 2; ++sel) {
      wr(i, reg::kDriverFeaturesSel, sel);
      wr(i, reg::kDriverFeatures, static_cast<std::uint32_t>(features >> (32 * sel)));
    }
    wr(i, reg::kStatus, status::kAcknowledge | status::kDriver | status::kFeaturesOk);
    if (!(rd(i, reg::kStatus) & status::kFeaturesOk)) return false;
    wr(i, reg::kQueueSel, 0);
    wr(i, reg::kQueueNum, kQueue);
    wr(i, reg::kQueueDescLow, kDesc);
    wr(i, reg::kQueueDescHigh, 0);
    wr(i, reg::kQueueDriverLow, kDriver);
    wr(i, reg::kQueueDriverHigh, 0);
    wr(i, reg::kQueueDeviceLow, kDevice);
    wr(i, reg::kQueueDeviceHigh, 0);
    wr(i, reg::kQueueReady, 1);
    if (driver_ok) wr(i, reg::kStatus, status::kAcknowledge | status::kDriver | status::kFeaturesOk | status::kDriverOk);
    return true;
  }

  void header(std::uint32_t type, std::uint64_t sector) {
    mem_.put<std::uint32_t>(kHeader, type);
    mem_.put<std::uint32_t>(kHeader + 4, 0);
    mem_.put<std::uint64_t>(kHeader + 8, sector);
    mem_.put<std::uint8_t>(kStatusByte, 0xff);
  }
  // A request of three descriptors: header, `data_len` bytes at kData (device-writable for reads),
  // status; made available and notified.
  void submit(ScriptedInitiator& i, std::uint32_t type, std::uint64_t sector, std::uint32_t data_len, bool data_writable) {
    header(type, sector);
    mem_.desc(kDesc, 0, kHeader, 16, kDescNext, 1);
    mem_.desc(kDesc, 1, kData, data_len, kDescNext | (data_writable ? kDescWrite : 0), 2);
    mem_.desc(kDesc, 2, kStatusByte, 1, kDescWrite);
    kick(i, 0);
  }
  void kick(ScriptedInitiator& i, std::uint16_t head) {
    mem_.make_available(kDriver, kQueue, head);
    wr(i, reg::kQueueNotify, 0);
  }
  // Waits until the used ring holds `n` entries (false after 100 ms of simulated time).
  bool await_used(std::uint16_t n) {
    for (int t = 0; t < 100'000; ++t) {
      if (mem_.get<std::uint16_t>(kDevice + 2) == n) return true;
      sc_core::wait(sc_time(1, SC_US));
    }
    return false;
  }
  bool await_irq() {
    if (!irq_.read()) sc_core::wait(sc_time(1, sc_core::SC_MS), irq_.posedge_event());
    return irq_.read();
  }
  std::uint32_t used_len(unsigned slot) { return mem_.get<std::uint32_t>(kDevice + 4 + 8 * slot + 4); }
  std::uint8_t status_byte() { return mem_.get<std::uint8_t>(kStatusByte); }
  std::map<std::string, double> stats() const {
    std::map<std::string, double> m;
    for (const auto& [k, v] : stats::named_values(*dev_)) m[k] = v;
    return m;
  }

  std::string image_;
  std::vector<std::uint8_t> original_;
  test::GuestMemory mem_{kRam, 0x10000};
  std::unique_ptr<VirtioBlk> dev_;
  std::unique_ptr<test::GuestMemoryTarget> ram_;
  ScriptedInitiator init_{"init"};
  sc_core::sc_signal<bool> irq_{"irq"};
  test::EdgeRecorder irq_edges_{"irq_edges"};
};

TEST_F(VirtioBlkTest, RegistersIdentifyAVersion2BlockDeviceAndItsCapacity) {
  DiskConfig d;
  d.read_only = true;
  build(d);
  std::map<std::string, std::uint64_t> r;
  test::Done narrow{};
  run([&](ScriptedInitiator& i) {
    r["magic"] = rd(i, reg::kMagicValue);
    r["version"] = rd(i, reg::kVersion);
    r["id"] = rd(i, reg::kDeviceId);
    r["vendor"] = rd(i, reg::kVendorId);
    wr(i, reg::kDeviceFeaturesSel, 0);
    r["f0"] = rd(i, reg::kDeviceFeatures);
    wr(i, reg::kDeviceFeaturesSel, 1);
    r["f1"] = rd(i, reg::kDeviceFeatures);
    r["qmax"] = rd(i, reg::kQueueNumMax);
    wr(i, reg::kQueueSel, 1);
    r["qmax1"] = rd(i, reg::kQueueNumMax);
    r["cap_lo"] = rd(i, reg::kConfig);
    r["cap_hi"] = rd(i, reg::kConfig + 4);
    r["cap_byte"] = i.read(reg::kConfig, 1).value;
    r["seg_max"] = rd(i, reg::kConfig + 12);
    r["blk_size"] = rd(i, reg::kConfig + 20);
    r["generation"] = rd(i, reg::kConfigGeneration);
    narrow = i.read(reg::kVersion, 2);
  });
  EXPECT_EQ(r["magic"], 0x74726976u);
  EXPECT_EQ(r["version"], 2u);
  EXPECT_EQ(r["id"], 2u);
  EXPECT_EQ(r["vendor"], virtio::kVendorId);
  EXPECT_EQ(r["f0"], (1u << 28) | (1u << 9) | (1u << 6) | (1u << 5) | (1u << 2));  // INDIRECT, FLUSH, BLK_SIZE, RO, SEG_MAX
  EXPECT_EQ(r["f1"], 1u);  // VERSION_1
  EXPECT_EQ(r["qmax"], 256u);
  EXPECT_EQ(r["qmax1"], 0u);  // one queue only
  EXPECT_EQ(r["cap_lo"], kSectors);
  EXPECT_EQ(r["cap_hi"], 0u);
  EXPECT_EQ(r["cap_byte"], kSectors);
  EXPECT_EQ(r["seg_max"], 254u);
  EXPECT_EQ(r["blk_size"], 512u);
  EXPECT_EQ(r["generation"], 0u);
  EXPECT_EQ(narrow.status, tlm::TLM_ADDRESS_ERROR_RESPONSE);  // registers are 32-bit
}

TEST_F(VirtioBlkTest, EmptySlotIsAPlaceholder) {
  virtio::VirtioMmio slot("slot", virtio::VirtioMmioConfig{});
  sc_core::sc_signal<bool> line;
  slot.irq.bind(line);
  irq_edges_.in.bind(line);
  init_.socket.bind(slot.socket);
  std::uint32_t magic = 0, id = 1, qmax = 1;
  run([&](ScriptedInitiator& i) {
    magic = rd(i, reg::kMagicValue);
    id = rd(i, reg::kDeviceId);
    qmax = rd(i, reg::kQueueNumMax);
  });
  EXPECT_EQ(magic, virtio::kMagic);
  EXPECT_EQ(id, 0u);  // §4.2.2: DeviceID 0 is a placeholder
  EXPECT_EQ(qmax, 0u);
}

TEST_F(VirtioBlkTest, FeaturesOkHoldsOnlyForOfferedFeaturesWithVersion1) {
  build();
  bool without_v1 = true, unknown = true, good = false;
  run([&](ScriptedInitiator& i) {
    without_v1 = setup(i, VirtioBlk::kFeatureFlush);
    unknown = setup(i, kFeatures | 1);  // bit 0 (legacy BARRIER) is not offered
    good = setup(i);
  });
  EXPECT_FALSE(without_v1);
  EXPECT_FALSE(unknown);
  EXPECT_TRUE(good);
}

TEST_F(VirtioBlkTest, ReadMovesSectorsByDmaInBurstsAndRaisesTheInterrupt) {
  build();
  bool done = false;
  std::uint32_t isr = 0, isr_after_ack = 1;
  sc_time completed;
  run([&](ScriptedInitiator& i) {
    ASSERT_TRUE(setup(i));
    // Data spread over two buffers of odd sizes: 1000 + 3096 bytes = 8 sectors from sector 3.
    header(VirtioBlk::kTypeIn, 3);
    mem_.desc(kDesc, 4, kHeader, 16, kDescNext, 7);
    mem_.desc(kDesc, 7, kData, 1000, kDescNext | kDescWrite, 9);
    mem_.desc(kDesc, 9, kData + 1000, 3096, kDescNext | kDescWrite, 2);
    mem_.desc(kDesc, 2, kStatusByte, 1, kDescWrite);
    const sc_time start = sc_core::sc_time_stamp();
    kick(i, 4);
    // The used ring is written (by DMA) just before the interrupt rises.
    done = await_used(1) && await_irq();
    completed = sc_core::sc_time_stamp() - start;
    isr = rd(i, reg::kInterruptStatus);
    wr(i, reg::kInterruptAck, isr);
    isr_after_ack = rd(i, reg::kInterruptStatus);
  });
  ASSERT_TRUE(done);
  EXPECT_EQ(status_byte(), VirtioBlk::kStatusOk);
  EXPECT_EQ(mem_.get<std::uint32_t>(kDevice + 4), 4u);  // the head
  EXPECT_EQ(used_len(0), 4096u + 1);
  for (std::uint64_t b = 0; b < 4096; ++b) {
    ASSERT_EQ(*mem_.at(kData + b), pattern(3 + b / 512, b % 512)) << "byte " << b;
  }
  EXPECT_EQ(isr, virtio::kInterruptVring);
  EXPECT_EQ(isr_after_ack, 0u);
  ASSERT_EQ(irq_edges_.changes.size(), 2u);  // up at completion, down on the acknowledge
  EXPECT_TRUE(irq_edges_.changes[0].second);
  EXPECT_FALSE(irq_edges_.changes[1].second);
  // The NVMe preset's read: 51.5 us + 4096 B at 3500 MB/s, plus the DMA around it.
  EXPECT_GE(completed, sc_time(52'670, SC_NS));
  EXPECT_LE(ram_->largest, 64u);
  const auto s = stats();
  EXPECT_EQ(s.at("reads"), 1);
  EXPECT_EQ(s.at("bytes_read"), 4096);
  EXPECT_EQ(s.at("chains"), 1);
  EXPECT_EQ(s.at("dma_bytes_written"), 4096 + 1 + 8 + 2);  // data, status, used element, used index
}

TEST_F(VirtioBlkTest, WriteReachesTheImageFileExactlyAndFlushSucceeds) {
  build();
  std::uint8_t write_status = 0xff, flush_status = 0xff;
  run([&](ScriptedInitiator& i) {
    ASSERT_TRUE(setup(i));
    for (unsigned b = 0; b < 1024; ++b) *mem_.at(kData + b) = static_cast<std::uint8_t>(b ^ 0x5a);
    submit(i, VirtioBlk::kTypeOut, 10, 1024, false);
    ASSERT_TRUE(await_used(1));
    write_status = status_byte();
    submit(i, VirtioBlk::kTypeFlush, 0, 0, false);
    ASSERT_TRUE(await_used(2));
    flush_status = status_byte();
  });
  EXPECT_EQ(write_status, VirtioBlk::kStatusOk);
  EXPECT_EQ(flush_status, VirtioBlk::kStatusOk);
  EXPECT_EQ(used_len(0), 1u);  // only the status was written into the chain
  std::vector<std::uint8_t> expected = original_;
  for (unsigned b = 0; b < 1024; ++b) expected[10 * 512 + b] = static_cast<std::uint8_t>(b ^ 0x5a);
  EXPECT_EQ(file_bytes(image_), expected);
}

TEST_F(VirtioBlkTest, SnapshotWritesAreReadBackButNeverReachTheFile) {
  DiskConfig d;
  d.snapshot = true;
  build(d);
  std::vector<std::uint8_t> back(512);
  run([&](ScriptedInitiator& i) {
    ASSERT_TRUE(setup(i));
    for (unsigned b = 0; b < 512; ++b) *mem_.at(kData + b) = 0xab;
    submit(i, VirtioBlk::kTypeOut, 5, 512, false);
    ASSERT_TRUE(await_used(1));
    std::fill_n(mem_.at(kData), 512, 0);
    submit(i, VirtioBlk::kTypeIn, 5, 512, true);
    ASSERT_TRUE(await_used(2));
    std::copy_n(mem_.at(kData), 512, back.begin());
  });
  EXPECT_EQ(back, std::vector<std::uint8_t>(512, 0xab));
  EXPECT_EQ(file_bytes(image_), original_);
}

TEST_F(VirtioBlkTest, ReadOnlyDiskFailsWritesAndKeepsTheFile) {
  DiskConfig d;
  d.read_only = true;
  build(d);
  run([&](ScriptedInitiator& i) {
    ASSERT_TRUE(setup(i, kFeatures | VirtioBlk::kFeatureRo));
    submit(i, VirtioBlk::kTypeOut, 0, 512, false);
    ASSERT_TRUE(await_used(1));
  });
  EXPECT_EQ(status_byte(), VirtioBlk::kStatusIoErr);
  EXPECT_EQ(file_bytes(image_), original_);
  EXPECT_EQ(stats().at("io_errors"), 1);
}

TEST_F(VirtioBlkTest, GetIdUnsupportedTypesAndBadRangesAnswerThroughTheStatusByte) {
  DiskConfig d;
  d.serial = "memvp-disk0";
  build(d);
  std::map<std::string, int> st;
  std::string id;
  std::uint32_t id_len = 0;
  run([&](ScriptedInitiator& i) {
    ASSERT_TRUE(setup(i));
    std::uint16_t n = 0;
    auto one = [&](const char* name, std::uint32_t type, std::uint64_t sector, std::uint32_t len, bool writable) {
      submit(i, type, sector, len, writable);
      ASSERT_TRUE(await_used(++n)) << name;
      st[name] = status_byte();
    };
    one("get_id", VirtioBlk::kTypeGetId, 0, 20, true);
    id.assign(reinterpret_cast<const char*>(mem_.at(kData)), 20);
    id_len = used_len(0);
    one("unsupported", 42, 0, 512, true);
    one("past_end", VirtioBlk::kTypeIn, kSectors - 1, 1024, true);
    one("partial_sector", VirtioBlk::kTypeIn, 0, 100, true);
    one("write_past_end", VirtioBlk::kTypeOut, kSectors, 512, false);
    one("sector_overflow", VirtioBlk::kTypeIn, ~0ULL, 512, true);
  });
  EXPECT_EQ(st["get_id"], VirtioBlk::kStatusOk);
  EXPECT_EQ(id, std::string("memvp-disk0") + std::string(9, '\0'));
  EXPECT_EQ(id_len, 21u);
  EXPECT_EQ(st["unsupported"], VirtioBlk::kStatusUnsupp);
  EXPECT_EQ(st["past_end"], VirtioBlk::kStatusIoErr);
  EXPECT_EQ(st["partial_sector"], VirtioBlk::kStatusIoErr);
  EXPECT_EQ(st["write_past_end"], VirtioBlk::kStatusIoErr);
  EXPECT_EQ(st["sector_overflow"], VirtioBlk::kStatusIoErr);
  EXPECT_EQ(file_bytes(image_), original_);
}

TEST_F(VirtioBlkTest, ShortHeaderAndUnreachableDataAnswerIoErr) {
  build();
  std::uint8_t short_header = 0, bad_data = 0;
  run([&](ScriptedInitiator& i) {
    ASSERT_TRUE(setup(i));
    header(VirtioBlk::kTypeIn, 0);
    mem_.desc(kDesc, 0, kHeader, 8, kDescNext, 2);  // 8 of the header's 16 bytes
    mem_.desc(kDesc, 2, kStatusByte, 1, kDescWrite);
    kick(i, 0);
    ASSERT_TRUE(await_used(1));
    short_header = status_byte();
    header(VirtioBlk::kTypeIn, 0);
    mem_.desc(kDesc, 0, kHeader, 16, kDescNext, 1);
    mem_.desc(kDesc, 1, 0x1000, 512, kDescNext | kDescWrite, 2);  // not memory
    kick(i, 0);
    ASSERT_TRUE(await_used(2));
    bad_data = status_byte();
  });
  EXPECT_EQ(short_header, VirtioBlk::kStatusIoErr);
  EXPECT_EQ(bad_data, VirtioBlk::kStatusIoErr);
  EXPECT_GE(stats().at("dma_faults"), 1);
  EXPECT_EQ(dev_->device_status() & status::kNeedsReset, 0u);
}

TEST_F(VirtioBlkTest, MalformedChainSetsNeedsResetAndAResetRecovers) {
  build();
  std::uint32_t isr = 0, status_after = 0, after_reset = 1;
  bool works_again = false;
  run([&](ScriptedInitiator& i) {
    ASSERT_TRUE(setup(i));
    mem_.desc(kDesc, 0, kHeader, 16, kDescNext, 1);
    mem_.desc(kDesc, 1, kData, 512, kDescNext, 0);  // a loop
    kick(i, 0);
    sc_core::wait(sc_time(10, SC_US));
    isr = rd(i, reg::kInterruptStatus);
    status_after = rd(i, reg::kStatus);
    wr(i, reg::kStatus, 0);
    after_reset = rd(i, reg::kStatus) | rd(i, reg::kInterruptStatus);
    // A reset device starts over: fresh rings.
    mem_.put<std::uint16_t>(kDriver + 2, 0);
    mem_.put<std::uint16_t>(kDevice + 2, 0);
    ASSERT_TRUE(setup(i));
    submit(i, VirtioBlk::kTypeIn, 0, 512, true);
    works_again = await_used(1) && status_byte() == VirtioBlk::kStatusOk;
  });
  EXPECT_EQ(isr, virtio::kInterruptConfig);
  EXPECT_NE(status_after & status::kNeedsReset, 0u);
  EXPECT_EQ(dev_->last_error(), virtio::ChainError::TooLong);
  EXPECT_EQ(after_reset, 0u);
  EXPECT_TRUE(works_again);
}

TEST_F(VirtioBlkTest, RequestWithoutStatusByteCannotBeAnswered) {
  build();
  run([&](ScriptedInitiator& i) {
    ASSERT_TRUE(setup(i));
    header(VirtioBlk::kTypeIn, 0);
    mem_.desc(kDesc, 0, kHeader, 16, 0);
    kick(i, 0);
    sc_core::wait(sc_time(10, SC_US));
  });
  EXPECT_NE(dev_->device_status() & status::kNeedsReset, 0u);
  EXPECT_EQ(dev_->last_error(), virtio::ChainError::Unanswerable);
  EXPECT_EQ(mem_.get<std::uint16_t>(kDevice + 2), 0);
}

TEST_F(VirtioBlkTest, DriverThatNeverCompletesSetupIsIgnored) {
  build();
  run([&](ScriptedInitiator& i) {
    ASSERT_TRUE(setup(i, kFeatures, false));
    submit(i, VirtioBlk::kTypeIn, 0, 512, true);
    sc_core::wait(sc_time(1, sc_core::SC_MS));
  });
  EXPECT_EQ(mem_.get<std::uint16_t>(kDevice + 2), 0);
  EXPECT_EQ(stats().at("notifications"), 0);
  EXPECT_TRUE(irq_edges_.changes.empty());
}

TEST_F(VirtioBlkTest, IndirectTableCarriesARequest) {
  build();
  run([&](ScriptedInitiator& i) {
    ASSERT_TRUE(setup(i));
    header(VirtioBlk::kTypeIn, 7);
    mem_.desc(kDesc, 0, kTable, 3 * 16, kDescIndirect);
    mem_.desc(kTable, 0, kHeader, 16, kDescNext, 1);
    mem_.desc(kTable, 1, kData, 512, kDescNext | kDescWrite, 2);
    mem_.desc(kTable, 2, kStatusByte, 1, kDescWrite);
    kick(i, 0);
    ASSERT_TRUE(await_used(1));
  });
  EXPECT_EQ(status_byte(), VirtioBlk::kStatusOk);
  EXPECT_EQ(*mem_.at(kData + 100), pattern(7, 100));
}

// §14.2: an SC must fail after another device wrote the reserved bytes, so the data a read
// request writes into memory breaks the harts' reservations there, and only there.
TEST_F(VirtioBlkTest, DmaWritesBreakReservationsOnTheBytesTheyWrite) {
  build();
  ReservationMonitor monitor(2);
  dev_->attach_reservation_monitor(monitor);
  monitor.reserve(0, PhysAddr(kData + 128));
  monitor.reserve(1, PhysAddr(kData + 0x800));  // beyond the 512 bytes the request writes
  run([&](ScriptedInitiator& i) {
    ASSERT_TRUE(setup(i));
    submit(i, VirtioBlk::kTypeIn, 0, 512, true);
    ASSERT_TRUE(await_used(1));
  });
  EXPECT_FALSE(monitor.holds(0, PhysAddr(kData + 128)));
  EXPECT_TRUE(monitor.holds(1, PhysAddr(kData + 0x800)));
}

TEST_F(VirtioBlkTest, NoInterruptFlagCompletesSilently) {
  build();
  run([&](ScriptedInitiator& i) {
    ASSERT_TRUE(setup(i));
    mem_.put<std::uint16_t>(kDriver, virtio::kAvailNoInterrupt);
    submit(i, VirtioBlk::kTypeIn, 0, 512, true);
    ASSERT_TRUE(await_used(1));
    sc_core::wait(sc_time(1, SC_US));
  });
  EXPECT_EQ(status_byte(), VirtioBlk::kStatusOk);
  EXPECT_TRUE(irq_edges_.changes.empty());
}

// ----- the disk's timing and backing store -----

TEST(DiskTimingTest, SolidStateCostsLatencyPlusTransfer) {
  DiskTimingModel nvme(preset_timing(DiskPreset::Nvme), 1 << 20);
  // 51.5 us + 4096 B / 3500 MB/s = 51.5 us + 1170.2857 ns.
  EXPECT_EQ(nvme.access(false, 1000, 8), sc_time(52'670'286, sc_core::SC_PS));
  // 15.4 us + 4096 B / 3300 MB/s = 15.4 us + 1241.2121 ns, wherever it lands.
  EXPECT_EQ(nvme.access(true, 5, 8), sc_time(16'641'212, sc_core::SC_PS));
  EXPECT_EQ(nvme.flush(), sc_time(15'400'000, sc_core::SC_PS));
}

TEST(DiskTimingTest, RotatingDiskSeeksAndWaitsHalfATurnUnlessSequential) {
  const std::uint64_t n = 1'000'000;
  DiskTimingModel hdd(preset_timing(DiskPreset::Hdd), n);
  const double transfer = 4096 / 210e6;
  // From sector 0 to n/4: seek 1 + 7.5 * 15/8 * sqrt(1/4) ms, half a turn at 7200 rpm = 4.1667 ms.
  const double first = (1 + 7.5 * 15 / 8 * 0.5) * 1e-3 + 30.0 / 7200 + transfer;
  EXPECT_NEAR(hdd.access(false, n / 4, 8).to_seconds(), first, 1e-12);
  // The next request continues where that one ended: transfer only.
  EXPECT_NEAR(hdd.access(false, n / 4 + 8, 8).to_seconds(), transfer, 1e-12);
}

TEST(DiskImageTest, UnusableImagesAreInputErrorsNamingTheFile) {
  const auto dir = std::filesystem::path(::testing::TempDir());
  const std::string odd = (dir / "disk_odd.img").string(), empty = (dir / "disk_empty.img").string();
  std::ofstream(odd, std::ios::binary) << std::string(1000, 'x');
  std::ofstream(empty, std::ios::binary).flush();
  auto message = [](const std::string& path) {
    try {
      DiskImage img(path, false, false);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message(odd), "disk image " + odd + ": size 1000 bytes is not a positive multiple of 512");
  EXPECT_EQ(message(empty), "disk image " + empty + ": size 0 bytes is not a positive multiple of 512");
  EXPECT_EQ(message((dir / "no_such.img").string()), "disk image " + (dir / "no_such.img").string() + ": No such file or directory");
  EXPECT_EQ(message(dir.string()), "disk image " + dir.string() + ": Is a directory");
}

TEST_F(VirtioBlkTest, WavesShowTheNotifyTheChainInFlightAndTheInterrupt) {
  build();
  const std::string path = ::testing::TempDir() + "memvp_virtio_waves.vcd";
  std::uint64_t raised = 0;
  {
    waves::WaveRecorder rec(path, {});
    dev_->attach_waves(rec, "dev.virtio7");
    run([&](ScriptedInitiator& i) {
      ASSERT_TRUE(setup(i));
      submit(i, VirtioBlk::kTypeIn, 0, 512, true);
      ASSERT_TRUE(await_used(1) && await_irq());
      raised = irq_edges_.changes.at(0).first.value();
      wr(i, reg::kInterruptAck, rd(i, reg::kInterruptStatus));
      sc_core::wait(sc_time(1, SC_NS));
    });
    rec.close(sc_core::sc_time_stamp().value());
  }
  using Changes = std::vector<std::pair<std::uint64_t, std::uint64_t>>;
  const test::Vcd v = test::read_vcd(path);
  ASSERT_EQ(v.change_times("dev.virtio7.queue_notify").size(), 1u);
  EXPECT_EQ(v.signal("dev.virtio7.notified_queue").changes, (Changes{{0, 0}}));  // queue 0
  const auto& chains = v.signal("dev.virtio7.chains_in_flight").changes;
  ASSERT_EQ(chains.size(), 3u);  // $dumpvars, taken, used
  EXPECT_EQ(chains[1].second, 1u);
  EXPECT_EQ(chains[2].second, 0u);
  EXPECT_GE(chains[1].first, v.change_times("dev.virtio7.queue_notify")[0]);
  EXPECT_LE(chains[2].first, raised);  // used before the interrupt rises
  const auto& irq = v.signal("dev.virtio7.interrupt").changes;
  ASSERT_EQ(irq.size(), 3u);  // $dumpvars, up at completion, down on the acknowledge
  EXPECT_EQ(irq[1], (std::pair<std::uint64_t, std::uint64_t>{raised, 1}));
  EXPECT_EQ(irq[2].second, 0u);
}

}  // namespace
}  // namespace memvp
