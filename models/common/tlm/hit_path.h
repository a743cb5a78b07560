// A timed direct path for the accesses a target serves without waiting (a cache hit): what DMI
// is for untimed memory, for a target whose every access must still be timed and change its
// state. An initiator asks for it with a DMI request (get_direct_mem_ptr, IEEE 1666-2011 §11.2)
// carrying a HitPathRequest; a target that offers one fills it in and still refuses DMI, so the
// answer's range (clipped by each interconnect on the way, which adds its latency to the DMI
// latencies) is where the path applies and the latency is what the interconnects charge.
// try_access() either does exactly what b_transport would for the access (data, state,
// statistics, delay) and returns true, or changes nothing and returns false: the initiator then
// uses b_transport. Nothing is cached by the initiator but the route, so no event of the
// target (a miss, a snoop, an eviction) needs to invalidate it; a DMI invalidation from below
// drops it with the DMI regions.
#pragma once

#include <cstdint>

#include <systemc>
#include <tlm>

namespace memvp {

class HitPath {
 public:
  // A read or write of `len` bytes at `addr` (the target's address), as b_transport would do
  // it when it neither waits nor sends anything on; false: nothing was done.
  virtual bool try_access(std::uint64_t addr, unsigned char* data, unsigned len, bool write,
                          sc_core::sc_time& delay) = 0;

 protected:
  ~HitPath() = default;
};

// An ignorable extension on a DMI request: "offer a HitPath". `target_address` is the address
// the target saw, which the initiator needs when an interconnect rebased it.
class HitPathRequest : public tlm::tlm_extension<HitPathRequest> {
 public:
  HitPath* path = nullptr;
  std::uint64_t target_address = 0;

  tlm::tlm_extension_base* clone() const override { return new HitPathRequest(*this); }
  void copy_from(const tlm::tlm_extension_base& other) override {
    const auto& o = static_cast<const HitPathRequest&>(other);
    path = o.path;
    target_address = o.target_address;
  }
};

}  // namespace memvp
