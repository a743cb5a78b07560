// The reservation sets of LR/SC (unprivileged spec §14.2) for every hart of a platform, as the
// coherence point of a real system tracks them: LR registers a reservation on the naturally
// aligned granule holding the address, an SC succeeds only while its hart still holds it, and
// a store or AMO by any other hart, or a device's write, to that granule breaks it. Harts report their stores here
// even when they write memory through DMI, so reservations never depend on the data path.
// The builder creates one per platform and hands it to every hart; the simulation runs harts
// one at a time (SystemC processes), so the order of reservations and stores is deterministic.
#pragma once

#include <cstdint>
#include <vector>

#include "common/types.h"

namespace memvp {

class ReservationMonitor {
 public:
  static constexpr std::uint64_t kGranuleBytes = 64;  // one cache line: the reservation set

  explicit ReservationMonitor(unsigned harts) : reserved_(harts, kNone) {}

  void reserve(unsigned hart, PhysAddr pa) {
    if (reserved_[hart] == kNone) ++active_;
    reserved_[hart] = granule(pa);
  }
  [[nodiscard]] bool holds(unsigned hart, PhysAddr pa) const { return reserved_[hart] == granule(pa); }
  void clear(unsigned hart) {
    if (reserved_[hart] != kNone) --active_;
    reserved_[hart] = kNone;
  }
  // A store or AMO of `len` bytes at pa by `hart`: every other hart loses a reservation on the
  // granules it touches (§14.2: the SC must fail after another hart's store to the set).
  void store(unsigned hart, PhysAddr pa, unsigned len) {
    if (active_ == 0) return;  // the common case: nobody holds a reservation
    const std::uint64_t first = granule(pa), last = granule(pa + (len - 1));
    for (unsigned h = 0; h < reserved_.size(); ++h) {
      if (h != hart && reserved_[h] != kNone && reserved_[h] >= first && reserved_[h] <= last) clear(h);
    }
  }
  // A write by a device (DMA) breaks every hart's reservation on the granules it touches (§14.2:
  // "an SC must fail if a write from some other device to the bytes accessed by the LR can be
  // observed to occur between the LR and SC").
  void device_store(PhysAddr pa, unsigned len) { store(kNoHart, pa, len); }
  [[nodiscard]] unsigned harts() const { return static_cast<unsigned>(reserved_.size()); }

 private:
  static constexpr std::uint64_t kNone = ~0ULL;
  static constexpr unsigned kNoHart = ~0U;
  static std::uint64_t granule(PhysAddr pa) { return pa.value() & ~(kGranuleBytes - 1); }

  std::vector<std::uint64_t> reserved_;  // granule address per hart, or kNone
  unsigned active_ = 0;                  // harts holding a reservation
};

}  // namespace memvp
