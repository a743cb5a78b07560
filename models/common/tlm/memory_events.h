// An ignorable TLM-2.0 extension through which the memory system tells an initiator what
// serving its transaction involved, for the hart's performance counters (docs/core.md,
// "Performance counters"): a cache counts its misses on the transaction that missed, a memory
// controller the reads and writes it served, the NUMA interconnect an access to another node's
// memory. A block that issues transactions of its own on behalf of one it serves (a cache's
// fills and write-backs) attaches an extension to them and adds what comes back to the one it
// serves. Blocks that find no extension carry on; nothing here changes timing.
#pragma once

#include <array>
#include <cstdint>

#include <tlm>

namespace memvp {

class MemoryEvents : public tlm::tlm_extension<MemoryEvents> {
 public:
  enum Kind : unsigned { L1iMiss, L1dMiss, L2Miss, DramRead, DramWrite, RemoteAccess, kKinds };
  std::array<std::uint64_t, kKinds> count{};

  void add(const MemoryEvents& below) {
    for (unsigned k = 0; k < kKinds; ++k) count[k] += below.count[k];
  }
  tlm::tlm_extension_base* clone() const override { return new MemoryEvents(*this); }
  void copy_from(const tlm::tlm_extension_base& other) override {
    count = static_cast<const MemoryEvents&>(other).count;
  }
};

// Called by a target: one event of `kind` for the initiator of gp, if it listens.
inline void count_memory_event(tlm::tlm_generic_payload& gp, MemoryEvents::Kind kind) {
  if (MemoryEvents* e = gp.get_extension<MemoryEvents>()) ++e->count[kind];
}

// Attaches `events` to a payload that does not own it, for this object's lifetime.
class ScopedMemoryEvents {
 public:
  ScopedMemoryEvents(tlm::tlm_generic_payload& gp, MemoryEvents& events) : gp_(gp), events_(events) {
    gp_.set_extension(&events_);
  }
  ~ScopedMemoryEvents() { gp_.clear_extension(&events_); }
  ScopedMemoryEvents(const ScopedMemoryEvents&) = delete;
  ScopedMemoryEvents& operator=(const ScopedMemoryEvents&) = delete;

 private:
  tlm::tlm_generic_payload& gp_;
  MemoryEvents& events_;
};

}  // namespace memvp
