// The virtio-mmio register file and the device's process. Registers below 0x100 are 32-bit
// (§4.2.2: "the driver MUST only use 32 bit wide and aligned reads and writes" to them); the
// configuration space above takes 8-, 16- and 32-bit accesses. Write-only registers read 0.
#include "devices/virtio/virtio_mmio.h"

#include <algorithm>
#include <bit>

#include "common/sync_request.h"
#include "common/tlm/payload.h"
#include "devices/reg_access.h"

namespace memvp::virtio {

using namespace devices;

namespace {

constexpr std::size_t kHistogramBuckets = 16;

// Bucket i counts values in [2^(i-1), 2^i): 0 in bucket 0, 1 in 1, 2-3 in 2, ...; the last is open.
void count_log2(std::vector<std::uint64_t>& h, std::uint64_t value) {
  h[std::min<std::size_t>(std::bit_width(value), h.size() - 1)]++;
}

}  // namespace

VirtioMmio::VirtioMmio(sc_core::sc_module_name name, const VirtioMmioConfig& cfg)
    : sc_module(name),
      socket("socket"),
      dma("dma"),
      irq("irq"),
      cfg_(cfg),
      queue_depth_(kHistogramBuckets, 0),
      latency_us_(kHistogramBuckets, 0) {
  socket.register_b_transport(this, &VirtioMmio::b_transport);
  socket.register_transport_dbg(this, &VirtioMmio::transport_dbg);
  SC_HAS_PROCESS(VirtioMmio);
  SC_THREAD(run);
  SC_METHOD(update_irq);
  sensitive << irq_event_;
  dont_initialize();
}

VirtioMmio::~VirtioMmio() = default;

// The device type's queue count is known only once the derived object exists.
void VirtioMmio::end_of_elaboration() { queues_.resize(queue_count()); }

void VirtioMmio::visit_stats(stats::Visitor& v) const {
  v.counter("notifications", notifications_, "QueueNotify writes to a live queue");
  v.counter("chains", chains_, "descriptor chains served");
  v.counter("bad_chains", bad_chains_, "malformed chains or rings, each setting DEVICE_NEEDS_RESET");
  v.counter("interrupts", interrupts_, "used-buffer and configuration-change interrupts raised");
  v.counter("dma_transactions", dma_transactions_, "bus transactions of the device's DMA");
  v.counter("dma_bytes_read", dma_bytes_read_, "bytes the device read from memory (rings, headers, data)");
  v.counter("dma_bytes_written", dma_bytes_written_, "bytes the device wrote to memory (data, status, used ring)");
  v.counter("dma_faults", dma_faults_, "DMA transactions that memory refused");
  v.counters("queue_depth", queue_depth_,
             "chains served by the chains available when each was taken, log2 buckets: [0], [1], [2,3], [4,7], ...");
  v.counters("latency_us", latency_us_,
             "chains by microseconds from the notification to the used-ring entry, log2 buckets: [0,1), [1,2), [2,4), ...");
}

// ----- registers -----

void VirtioMmio::b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
  const bool ok = access(gp, delay, true);
  gp.set_response_status(ok ? tlm::TLM_OK_RESPONSE : tlm::TLM_ADDRESS_ERROR_RESPONSE);
  // An acknowledge or reset lowers the interrupt line in the next delta cycle: the initiator
  // synchronises so that it does not take the interrupt again (as with the PLIC).
  if (ok && gp.is_write()) request_sync(gp);
}

unsigned VirtioMmio::transport_dbg(tlm::tlm_generic_payload& gp) {
  if (!gp.is_read()) return 0;  // debug writes are refused; reads have no side effects here
  return access(gp, sc_core::SC_ZERO_TIME, false) ? gp.get_data_length() : 0;
}

bool VirtioMmio::access(tlm::tlm_generic_payload& gp, const sc_core::sc_time& delay, bool side_effects) {
  const std::uint64_t addr = gp.get_address();
  if (addr >= cfg_.size) return false;
  if (addr >= reg::kConfig) {
    if (!is_plain_access(gp, {1, 2, 4})) return false;
    if (gp.is_write()) return true;  // no writable configuration field is offered
    const std::vector<std::uint8_t> space = config_space();
    std::uint64_t v = 0;
    for (unsigned i = 0; i < gp.get_data_length(); ++i) {
      const std::uint64_t at = addr - reg::kConfig + i;
      if (at < space.size()) v |= std::uint64_t{space[at]} << (8 * i);
    }
    set_payload_value(gp, v);
    return true;
  }
  if (!is_plain_access(gp, {4})) return false;
  const auto offset = static_cast<std::uint32_t>(addr);
  if (gp.is_read()) set_payload_value(gp, read_register(offset));
  else if (side_effects) write_register(offset, static_cast<std::uint32_t>(payload_value(gp)), delay);
  return true;
}

std::uint32_t VirtioMmio::read_register(std::uint32_t offset) const {
  const std::uint32_t q = queue_sel_;
  const bool queue_exists = q < queue_count();
  switch (offset) {
    case reg::kMagicValue: return kMagic;
    case reg::kVersion: return kVersion;
    case reg::kDeviceId: return device_id();
    case reg::kVendorId: return kVendorId;
    case reg::kDeviceFeatures:
      return device_features_sel_ < 2 ? static_cast<std::uint32_t>(device_features() >> (32 * device_features_sel_)) : 0;
    case reg::kQueueNumMax: return queue_exists ? cfg_.queue_size_max : 0;
    case reg::kQueueReady: return queue_exists && queues_[q].ready ? 1 : 0;
    case reg::kInterruptStatus: return interrupt_status_;
    case reg::kStatus: return status_;
    case reg::kConfigGeneration: return 0;  // the configuration space never changes
    default: return 0;
  }
}

void VirtioMmio::set_half(std::uint64_t& reg, bool high, std::uint32_t value) {
  reg = high ? (reg & 0xffff'ffffULL) | (std::uint64_t{value} << 32) : (reg & ~0xffff'ffffULL) | value;
}

VirtioMmio::Queue* VirtioMmio::selected() {
  // §4.2.2: queue registers may change only while the queue is not ready.
  if (queue_sel_ >= queues_.size() || queues_[queue_sel_].ready) return nullptr;
  return &queues_[queue_sel_];
}

void VirtioMmio::write_register(std::uint32_t offset, std::uint32_t value, const sc_core::sc_time& delay) {
  switch (offset) {
    case reg::kDeviceFeaturesSel: device_features_sel_ = value; return;
    case reg::kDriverFeaturesSel: driver_features_sel_ = value; return;
    case reg::kDriverFeatures:
      // §3.1.1: features are accepted before FEATURES_OK; later writes are ignored.
      if (driver_features_sel_ < 2 && !(status_ & status::kFeaturesOk)) {
        set_half(driver_features_, driver_features_sel_ == 1, value);
      }
      return;
    case reg::kQueueSel: queue_sel_ = value; return;
    case reg::kQueueNum:
      if (Queue* q = selected()) q->num = value;
      return;
    case reg::kQueueReady: write_queue_ready(value); return;
    case reg::kQueueDescLow:
    case reg::kQueueDescHigh:
      if (Queue* q = selected()) set_half(q->desc, offset == reg::kQueueDescHigh, value);
      return;
    case reg::kQueueDriverLow:
    case reg::kQueueDriverHigh:
      if (Queue* q = selected()) set_half(q->driver, offset == reg::kQueueDriverHigh, value);
      return;
    case reg::kQueueDeviceLow:
    case reg::kQueueDeviceHigh:
      if (Queue* q = selected()) set_half(q->device, offset == reg::kQueueDeviceHigh, value);
      return;
    case reg::kQueueNotify:
      // The value is the queue's index (VIRTIO_F_NOTIFICATION_DATA is not offered). The device
      // sees the notification at the writer's local time.
      if (value < queues_.size() && queues_[value].ready && (status_ & status::kDriverOk)) {
        ++notifications_;
        if (waves_) waves_->notify(sc_core::sc_time_stamp() + delay, value);
        kicked_ = true;
        notify_event_.notify(delay);
      }
      return;
    case reg::kInterruptAck:
      interrupt_status_ &= ~value;
      irq_event_.notify(sc_core::SC_ZERO_TIME);
      return;
    case reg::kStatus: write_status(value); return;
    default: return;  // read-only or unknown: ignored
  }
}

void VirtioMmio::write_status(std::uint32_t value) {
  if (value == 0) {  // §4.2.2: writing 0 resets the device
    reset();
    return;
  }
  // §3.1.1 step 5-6: the device accepts FEATURES_OK only for a subset of its features that
  // includes VIRTIO_F_VERSION_1 (§6.1); otherwise the bit does not stick and the driver sees it.
  if ((value & status::kFeaturesOk) && !(status_ & status::kFeaturesOk)) {
    const bool subset = (driver_features_ & ~device_features()) == 0;
    if (!subset || !(driver_features_ & kFeatureVersion1)) value &= ~status::kFeaturesOk;
  }
  // NEEDS_RESET is the device's to set; the driver cannot clear bits except by a reset.
  status_ = (value & ~status::kNeedsReset) | (status_ & status::kNeedsReset);
}

void VirtioMmio::write_queue_ready(std::uint32_t value) {
  if (queue_sel_ >= queues_.size()) return;
  Queue& q = queues_[queue_sel_];
  if (value == 0) {
    q.ready = false;
    q.ring.reset();
    return;
  }
  // §2.7: a split queue's size is a power of two up to QueueNumMax; the rings' alignments are
  // 16 (descriptors), 2 (driver) and 4 (device). A queue that breaks them does not become ready.
  const bool size_ok = q.num != 0 && std::has_single_bit(q.num) && q.num <= cfg_.queue_size_max;
  const bool aligned = q.desc % 16 == 0 && q.driver % 2 == 0 && q.device % 4 == 0;
  if (q.ready || !size_ok || !aligned) return;
  SplitVirtqueue::Layout l{static_cast<std::uint16_t>(q.num), q.desc, q.driver, q.device};
  q.ring = std::make_unique<SplitVirtqueue>(l, (driver_features_ & kFeatureIndirectDesc) != 0);
  q.ready = true;
}

void VirtioMmio::reset() {
  status_ = 0;
  device_features_sel_ = driver_features_sel_ = queue_sel_ = 0;
  driver_features_ = 0;
  interrupt_status_ = 0;
  queues_.clear();
  queues_.resize(queue_count());
  kicked_ = false;
  irq_event_.notify(sc_core::SC_ZERO_TIME);
}

// ----- the device's process -----

void VirtioMmio::run() {
  for (;;) {
    while (!kicked_) sc_core::wait(notify_event_);
    kicked_ = false;
    arrival_ = sc_core::sc_time_stamp();
    for (unsigned q = 0; q < queues_.size(); ++q) {
      if (queues_[q].ready && (status_ & status::kDriverOk)) serve_queue(q);
    }
  }
}

void VirtioMmio::serve_queue(unsigned q) {
  for (;;) {
    // A reset or a failure in the middle of the batch ends it.
    if (q >= queues_.size() || !queues_[q].ring || (status_ & status::kNeedsReset)) return;
    SplitVirtqueue& ring = *queues_[q].ring;
    // The avail index is read once per chain: pending() for the depth, then take().
    const int available = ring.pending(*this);
    if (available == 0) return;
    VirtqChain chain;
    ChainError why = available < 0 ? ChainError::RingFault : ChainError::None;
    if (available < 0 || !ring.take(*this, chain, why)) {
      settle();
      fail(why);
      return;
    }
    count_log2(queue_depth_, static_cast<std::uint64_t>(available));
    if (waves_) waves_->chain_taken(sc_core::sc_time_stamp() + dma_delay_);
    std::uint32_t written = 0;
    if (!serve(q, chain, written)) {
      settle();
      if (waves_) waves_->chain_used(sc_core::sc_time_stamp());  // dropped: no longer in flight
      fail(ChainError::Unanswerable);
      return;
    }
    ++chains_;
    const bool pushed = ring.push_used(*this, chain.head, written);
    const bool quiet = pushed && ring.interrupt_suppressed(*this);
    settle();
    if (waves_) waves_->chain_used(sc_core::sc_time_stamp());
    if (!pushed) {
      fail(ChainError::RingFault);
      return;
    }
    count_log2(latency_us_, static_cast<std::uint64_t>((sc_core::sc_time_stamp() - arrival_).to_seconds() * 1e6));
    if (!quiet) raise(kInterruptVring);
  }
}

bool VirtioMmio::serve(unsigned /*q*/, const VirtqChain& /*chain*/, std::uint32_t& /*written*/) { return false; }

void VirtioMmio::fail(ChainError why) {
  ++bad_chains_;
  last_error_ = why;
  // §2.1.2: the device sets DEVICE_NEEDS_RESET and, when DRIVER_OK is set, notifies the driver
  // with a configuration-change interrupt.
  status_ |= status::kNeedsReset;
  if (status_ & status::kDriverOk) raise(kInterruptConfig);
}

void VirtioMmio::raise(std::uint32_t bits) {
  ++interrupts_;
  interrupt_status_ |= bits;
  irq_event_.notify(sc_core::SC_ZERO_TIME);
}

void VirtioMmio::update_irq() {
  irq.write(interrupt_status_ != 0);
  if (waves_) waves_->interrupt(sc_core::sc_time_stamp(), interrupt_status_ != 0);
}

// ----- DMA -----

bool VirtioMmio::read(std::uint64_t addr, void* data, std::size_t len) {
  return transfer(tlm::TLM_READ_COMMAND, addr, static_cast<std::uint8_t*>(data), len);
}

bool VirtioMmio::write(std::uint64_t addr, const void* data, std::size_t len) {
  // The payload does not write through the pointer of a write command.
  return transfer(tlm::TLM_WRITE_COMMAND, addr, const_cast<std::uint8_t*>(static_cast<const std::uint8_t*>(data)), len);
}

bool VirtioMmio::transfer(tlm::tlm_command cmd, std::uint64_t addr, std::uint8_t* data, std::size_t len) {
  if (dma.size() == 0) return false;  // an empty slot moves nothing
  const std::uint64_t burst = cfg_.dma_burst_bytes;
  while (len > 0) {
    const auto n = static_cast<unsigned>(std::min<std::uint64_t>(len, burst - addr % burst));
    set_payload(dma_gp_, cmd, addr, data, n);
    dma->b_transport(dma_gp_, dma_delay_);
    ++dma_transactions_;
    if (!dma_gp_.is_response_ok()) {
      ++dma_faults_;
      return false;
    }
    if (cmd == tlm::TLM_WRITE_COMMAND && reservations_) reservations_->device_store(PhysAddr(addr), n);
    (cmd == tlm::TLM_READ_COMMAND ? dma_bytes_read_ : dma_bytes_written_) += n;
    addr += n;
    data += n;
    len -= n;
  }
  return true;
}

void VirtioMmio::settle() {
  sc_core::wait(dma_delay_);
  dma_delay_ = sc_core::SC_ZERO_TIME;
}

void VirtioMmio::spend(const sc_core::sc_time& t) {
  dma_delay_ += t;
  settle();
}

bool VirtioMmio::read_chain(const VirtqChain& chain, std::uint64_t offset, std::uint8_t* data, std::uint64_t len) {
  return copy_chain(chain, false, offset, data, len);
}

bool VirtioMmio::write_chain(const VirtqChain& chain, std::uint64_t offset, const std::uint8_t* data,
                             std::uint64_t len) {
  return copy_chain(chain, true, offset, const_cast<std::uint8_t*>(data), len);
}

bool VirtioMmio::copy_chain(const VirtqChain& chain, bool writable, std::uint64_t offset, std::uint8_t* data,
                            std::uint64_t len) {
  for (const VirtqBuffer& b : chain.buffers) {
    if (len == 0) return true;
    if (b.device_writable != writable) continue;
    if (offset >= b.len) {
      offset -= b.len;
      continue;
    }
    const std::uint64_t n = std::min<std::uint64_t>(len, b.len - offset);
    const bool ok = writable ? write(b.addr + offset, data, n) : read(b.addr + offset, data, n);
    if (!ok) return false;
    data += n;
    len -= n;
    offset = 0;
  }
  return len == 0;
}

}  // namespace memvp::virtio
