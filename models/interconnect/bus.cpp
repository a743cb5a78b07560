// Address decode for the system bus: a sorted list of non-overlapping ranges, each owned by one
// target port; forwarding rebases the address to the target's offset and adds the bus latency
// (unless the range passes on to a bus that charges it).
#include "interconnect/bus.h"

#include <algorithm>

#include "common/clock.h"

namespace memvp {

Bus::Bus(sc_core::sc_module_name name, const BusConfig& cfg)
    : sc_module(name), targ_socket("targ_socket"), init_socket("init_socket"), cfg_(cfg),
      latency_(Clock::from_hz(cfg.clock_hz).latency(cfg.latency_cycles)) {
  targ_socket.register_b_transport(this, &Bus::b_transport);
  targ_socket.register_transport_dbg(this, &Bus::transport_dbg);
  targ_socket.register_get_direct_mem_ptr(this, &Bus::get_direct_mem_ptr);
  init_socket.register_invalidate_direct_mem_ptr(this, &Bus::invalidate_direct_mem_ptr);
}

void Bus::map(unsigned port, PhysAddr base, std::uint64_t size, Addressing addressing, Latency latency) {
  const std::uint64_t start = base.value();
  const std::uint64_t end = start + size - 1;
  std::vector<Range> out;
  // Keep the parts of earlier ranges that the new one does not cover.
  for (const Range& r : ranges_) {
    if (r.end < start || r.start > end) {
      out.push_back(r);
      continue;
    }
    if (r.start < start) out.push_back({r.start, start - 1, r.port, r.base, r.latency});
    if (r.end > end) out.push_back({end + 1, r.end, r.port, r.base, r.latency});
  }
  out.push_back({start, end, port, addressing == Addressing::Offset ? start : 0, latency});
  std::sort(out.begin(), out.end(), [](const Range& a, const Range& b) { return a.start < b.start; });
  ranges_ = std::move(out);
  last_ = nullptr;
}

const Bus::Range* Bus::decode(std::uint64_t addr) const {
  // Most accesses fall in the range of the one before (a hart's RAM); try it first.
  if (last_ && addr >= last_->start && addr <= last_->end) return last_;
  auto it = std::upper_bound(ranges_.begin(), ranges_.end(), addr,
                             [](std::uint64_t a, const Range& r) { return a < r.start; });
  if (it == ranges_.begin()) return nullptr;
  --it;
  if (addr > it->end) return nullptr;
  last_ = &*it;
  return last_;
}

void Bus::b_transport(int, tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
  const std::uint64_t addr = gp.get_address();
  const Range* r = decode(addr);
  // An access must lie wholly inside one range; a straddling access is a decode error.
  if (!r || addr + gp.get_data_length() - 1 > r->end) {
    gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return;
  }
  gp.set_address(addr - r->base);
  if (r->latency == Latency::Charged) delay += latency_;
  init_socket[r->port]->b_transport(gp, delay);
  gp.set_address(addr);
}

unsigned Bus::transport_dbg(int, tlm::tlm_generic_payload& gp) {
  const std::uint64_t addr = gp.get_address();
  const Range* r = decode(addr);
  if (!r) return 0;
  const std::uint64_t room = r->end - addr + 1;
  if (gp.get_data_length() > room) gp.set_data_length(static_cast<unsigned>(room));
  gp.set_address(addr - r->base);
  const unsigned n = init_socket[r->port]->transport_dbg(gp);
  gp.set_address(addr);
  return n;
}

bool Bus::get_direct_mem_ptr(int, tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi) {
  const std::uint64_t addr = gp.get_address();
  const Range* r = decode(addr);
  if (!r) return false;
  gp.set_address(addr - r->base);
  const bool ok = init_socket[r->port]->get_direct_mem_ptr(gp, dmi);
  gp.set_address(addr);
  // Back to bus addresses, then clip to this range so DMI never bypasses another mapping.
  std::uint64_t start = dmi.get_start_address() + r->base;
  std::uint64_t end = dmi.get_end_address() + r->base;
  if (start < r->start) {
    dmi.set_dmi_ptr(dmi.get_dmi_ptr() + (r->start - start));
    start = r->start;
  }
  end = std::min(end, r->end);
  dmi.set_start_address(start);
  dmi.set_end_address(end);
  if (r->latency == Latency::Charged) {
    dmi.set_read_latency(dmi.get_read_latency() + latency_);
    dmi.set_write_latency(dmi.get_write_latency() + latency_);
  }
  return ok;
}

void Bus::invalidate_direct_mem_ptr(int port, sc_dt::uint64 start, sc_dt::uint64 end) {
  for (const Range& r : ranges_) {
    if (static_cast<int>(r.port) != port) continue;
    const std::uint64_t s = std::max<std::uint64_t>(r.start, start + r.base);
    const std::uint64_t e = std::min<std::uint64_t>(r.end, end + r.base);
    if (s <= e) {
      for (unsigned i = 0; i < targ_socket.size(); ++i) targ_socket[i]->invalidate_direct_mem_ptr(s, e);
    }
  }
}

}  // namespace memvp
