// A range of target memory an initiator may access by pointer (TLM-2.0 DMI, IEEE 1666-2011
// §11.2), as granted by get_direct_mem_ptr, or a range the target refused (no pointer). An
// initiator that times direct accesses keeps their latency here in its own clock's cycles.
#pragma once

#include <cstdint>

#include <tlm>

#include "common/clock.h"

namespace memvp {

struct DmiRegion {
  std::uint64_t start = 1, end = 0;  // empty
  unsigned char* ptr = nullptr;      // null: refused (or not asked)
  bool readable = false, writable = false;
  std::uint64_t read_cycles = 0, write_cycles = 0;  // per direct access, in the holder's cycles

  // The answer `dmi` describes; `clock` turns its latencies into the holder's cycles (rounded up).
  static DmiRegion granted(const tlm::tlm_dmi& dmi, const Clock& clock) {
    DmiRegion r;
    r.start = dmi.get_start_address();
    r.end = dmi.get_end_address();
    r.ptr = dmi.get_dmi_ptr();
    r.readable = dmi.is_read_allowed();
    r.writable = dmi.is_write_allowed();
    r.read_cycles = clock.cycles_ceil(dmi.get_read_latency()).value();
    r.write_cycles = clock.cycles_ceil(dmi.get_write_latency()).value();
    return r;
  }
  [[nodiscard]] bool contains(std::uint64_t a) const { return a >= start && a <= end; }
  [[nodiscard]] bool covers(std::uint64_t a, unsigned n) const { return a >= start && a + n - 1 <= end; }
  [[nodiscard]] bool overlaps(std::uint64_t lo, std::uint64_t hi) const { return start <= hi && lo <= end; }
  // The host address of `a`, which must be covered.
  [[nodiscard]] unsigned char* at(std::uint64_t a) const { return ptr + (a - start); }
};

}  // namespace memvp
