// DramSampler: bins bursts by the hart cycle of their column command. Commands may be reported
// out of time order (a request that waited in the queue issues later than one behind it on
// another channel), so the bins are kept until the run ends and written sorted.
#include "tools/memvp/dram_sampler.h"


namespace memvp {

DramSampler::DramSampler(Platform& platform, std::string path, const trace::TraceFileInfo& info,
                         const sc_core::sc_time& hart_period)
    : hart_period_ticks_(hart_period.value()) {
  MemorySystem& memory = platform.memory_system();
  bool observing = false;
  for (std::size_t n = 0; n < memory.node_count(); ++n) {
    const auto node = static_cast<std::uint16_t>(n);
    observing |= memory.memory(n).observe_bursts(
        [this, node](const sc_core::sc_time& at, unsigned channel, bool write, unsigned bytes) {
          burst(node, at, channel, write, bytes);
        });
  }
  if (observing) writer_ = std::make_unique<trace::TranslationTraceWriter>(path, trace::kDramFormat, info);
}

void DramSampler::burst(std::uint16_t node, const sc_core::sc_time& at, unsigned channel, bool write, unsigned bytes) {
  const std::uint64_t cycle = at.value() / hart_period_ticks_;
  auto& [read, written] = bytes_[Key{cycle / trace::kDramSampleCycles, node, static_cast<std::uint16_t>(channel)}];
  (write ? written : read) += bytes;
}

void DramSampler::close() {
  if (!writer_) return;
  for (const auto& [key, rw] : bytes_) {
    const auto& [interval, node, channel] = key;
    writer_->append(trace::DramSampleRecord{interval * trace::kDramSampleCycles, rw.first, rw.second,
                                            trace::kDramSampleCycles, node, channel});
  }
  writer_->close();
  bytes_.clear();
}

}  // namespace memvp
