// A virtio-mmio transport, version 2 (virtio 1.2 §4.2.2 "MMIO Device Register Layout"), as QEMU
// virt maps eight of them from 0x1000_1000. The transport owns the register file, the device
// status and feature negotiation (§3.1.1), the virtqueues (split, §2.7), the interrupt line
// (InterruptStatus/InterruptACK) and the bus-master port the device moves data through. A
// device type derives from it and serves chains (VirtioBlk); the class itself is an empty slot
// (DeviceID 0, §4.2.2: "a placeholder ... no device").
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include "common/stats/stats.h"
#include "common/types.h"
#include "devices/device_waves.h"
#include "devices/virtio/dma_port.h"
#include "devices/virtio/virtqueue.h"
#include "interconnect/reservation_monitor.h"

namespace memvp::virtio {

// Registers (§4.2.2); legacy-only offsets (GuestPageSize, QueuePFN) are absent in version 2.
namespace reg {
inline constexpr std::uint32_t kMagicValue = 0x000, kVersion = 0x004, kDeviceId = 0x008, kVendorId = 0x00c;
inline constexpr std::uint32_t kDeviceFeatures = 0x010, kDeviceFeaturesSel = 0x014;
inline constexpr std::uint32_t kDriverFeatures = 0x020, kDriverFeaturesSel = 0x024;
inline constexpr std::uint32_t kQueueSel = 0x030, kQueueNumMax = 0x034, kQueueNum = 0x038, kQueueReady = 0x044;
inline constexpr std::uint32_t kQueueNotify = 0x050, kInterruptStatus = 0x060, kInterruptAck = 0x064;
inline constexpr std::uint32_t kStatus = 0x070;
inline constexpr std::uint32_t kQueueDescLow = 0x080, kQueueDescHigh = 0x084;
inline constexpr std::uint32_t kQueueDriverLow = 0x090, kQueueDriverHigh = 0x094;
inline constexpr std::uint32_t kQueueDeviceLow = 0x0a0, kQueueDeviceHigh = 0x0a4;
inline constexpr std::uint32_t kConfigGeneration = 0x0fc, kConfig = 0x100;
}  // namespace reg

inline constexpr std::uint32_t kMagic = 0x7472'6976;  // "virt"
inline constexpr std::uint32_t kVersion = 2;
inline constexpr std::uint32_t kVendorId = 0x5056'4d4d;  // "MMVP": memvp's own vendor id

// Device status bits (§2.1).
namespace status {
inline constexpr std::uint32_t kAcknowledge = 1, kDriver = 2, kDriverOk = 4, kFeaturesOk = 8;
inline constexpr std::uint32_t kNeedsReset = 64, kFailed = 128;
}  // namespace status

// Reserved feature bits (§6).
inline constexpr std::uint64_t kFeatureIndirectDesc = 1ULL << 28;
inline constexpr std::uint64_t kFeatureVersion1 = 1ULL << 32;

// InterruptStatus bits (§4.2.2): a used buffer, a configuration change.
inline constexpr std::uint32_t kInterruptVring = 1, kInterruptConfig = 2;

struct VirtioMmioConfig {
  PhysAddr base{0x1000'1000};
  std::uint64_t size = 0x1000;            // QEMU virt VIRT_VIRTIO slot stride
  std::uint32_t queue_size_max = 256;     // QueueNumMax, QEMU virtio-blk's default queue-size
  std::uint32_t dma_burst_bytes = 64;     // one bus transaction at most, never crossing this boundary
};

class VirtioMmio : public sc_core::sc_module, public stats::Group, private DmaPort {
 public:
  tlm_utils::simple_target_socket<VirtioMmio> socket;              // the register window
  tlm_utils::simple_initiator_socket_optional<VirtioMmio> dma;    // guest memory; an empty slot leaves it unbound
  sc_core::sc_out<bool> irq;                                       // level: InterruptStatus != 0

  VirtioMmio(sc_core::sc_module_name name, const VirtioMmioConfig& cfg);
  ~VirtioMmio() override;

  [[nodiscard]] const VirtioMmioConfig& config() const { return cfg_; }
  // The harts' LR/SC reservations, which the device's DMA writes break (optional).
  void attach_reservation_monitor(ReservationMonitor& m) { reservations_ = &m; }
  [[nodiscard]] std::uint32_t device_status() const { return status_; }
  // Why the device last set DEVICE_NEEDS_RESET (None if it never did).
  [[nodiscard]] ChainError last_error() const { return last_error_; }
  void visit_stats(stats::Visitor& v) const override;
  // Records the transport's part of the `dev` wave group (docs/waves.md) under `scope` into
  // `rec`, which must outlive the run.
  void attach_waves(waves::WaveRecorder& rec, const std::string& scope) {
    waves_ = std::make_unique<VirtioWaves>(rec, scope);
  }

 protected:
  // What a device type supplies. The defaults are the empty slot's.
  [[nodiscard]] virtual std::uint32_t device_id() const { return 0; }
  [[nodiscard]] virtual std::uint64_t device_features() const { return 0; }
  [[nodiscard]] virtual unsigned queue_count() const { return 0; }
  // The device-specific configuration space (§4.2.2 offset 0x100), byte `offset` onwards.
  [[nodiscard]] virtual std::vector<std::uint8_t> config_space() const { return {}; }
  // Serves one well-formed chain of queue `q` in the device's process: moves its data with
  // read_chain()/write_chain(), spends its own time with spend(), and sets `written` to the bytes
  // written into its device-writable buffers. False when the chain cannot be answered at all
  // (the device then needs a reset).
  virtual bool serve(unsigned q, const VirtqChain& chain, std::uint32_t& written);

  // The negotiated features (valid from FEATURES_OK).
  [[nodiscard]] std::uint64_t driver_features() const { return driver_features_; }
  // The chain's bytes through DMA: `len` bytes from offset `offset` of its device-readable part,
  // or into its device-writable part. False when the range exceeds the part or memory faults.
  bool read_chain(const VirtqChain& chain, std::uint64_t offset, std::uint8_t* data, std::uint64_t len);
  bool write_chain(const VirtqChain& chain, std::uint64_t offset, const std::uint8_t* data, std::uint64_t len);
  // Waits `t` (after the DMA time so far): the device's own work, such as the medium's latency.
  void spend(const sc_core::sc_time& t);

 private:
  struct Queue {
    std::uint32_t num = 0;
    bool ready = false;
    std::uint64_t desc = 0, driver = 0, device = 0;
    std::unique_ptr<SplitVirtqueue> ring;  // built when the driver sets QueueReady
  };

  void end_of_elaboration() override;
  void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
  unsigned transport_dbg(tlm::tlm_generic_payload& gp);
  bool access(tlm::tlm_generic_payload& gp, const sc_core::sc_time& delay, bool side_effects);
  std::uint32_t read_register(std::uint32_t offset) const;
  void write_register(std::uint32_t offset, std::uint32_t value, const sc_core::sc_time& delay);
  void write_status(std::uint32_t value);
  void write_queue_ready(std::uint32_t value);
  void reset();
  // Sets 64-bit queue address halves.
  static void set_half(std::uint64_t& reg, bool high, std::uint32_t value);
  [[nodiscard]] Queue* selected();

  // The device's process: waits for notifications and serves every available chain.
  void run();
  void serve_queue(unsigned q);
  void fail(ChainError why);          // DEVICE_NEEDS_RESET and a configuration-change interrupt
  void raise(std::uint32_t bits);
  void update_irq();                  // the only writer of irq

  // DmaPort: guest memory through `dma`, split into bursts; accumulates dma_delay_.
  bool read(std::uint64_t addr, void* data, std::size_t len) override;
  bool write(std::uint64_t addr, const void* data, std::size_t len) override;
  bool transfer(tlm::tlm_command cmd, std::uint64_t addr, std::uint8_t* data, std::size_t len);
  bool copy_chain(const VirtqChain& chain, bool writable, std::uint64_t offset, std::uint8_t* data, std::uint64_t len);
  // Spends the DMA time accumulated so far.
  void settle();

  VirtioMmioConfig cfg_;
  std::uint32_t status_ = 0;
  std::uint32_t device_features_sel_ = 0, driver_features_sel_ = 0, queue_sel_ = 0;
  std::uint64_t driver_features_ = 0;
  std::uint32_t interrupt_status_ = 0;
  std::vector<Queue> queues_;
  bool kicked_ = false;                // a notification not yet served
  sc_core::sc_event notify_event_, irq_event_;
  tlm::tlm_generic_payload dma_gp_;
  sc_core::sc_time dma_delay_;
  ReservationMonitor* reservations_ = nullptr;
  sc_core::sc_time arrival_;           // when the batch being served was notified
  ChainError last_error_ = ChainError::None;

 protected:
  // Statistics common to every virtio device.
  std::uint64_t notifications_ = 0, chains_ = 0, bad_chains_ = 0, interrupts_ = 0;
  std::unique_ptr<VirtioWaves> waves_;  // the wave group, when recorded
  std::uint64_t dma_transactions_ = 0, dma_bytes_read_ = 0, dma_bytes_written_ = 0, dma_faults_ = 0;
  std::vector<std::uint64_t> queue_depth_;  // chains served by how many were available (log2 buckets)
  std::vector<std::uint64_t> latency_us_;   // chains by notification-to-completion time (log2 buckets)
};

}  // namespace memvp::virtio
