// The hart's memory path: instruction fetch through a decode cache (keyed by PC and checked
// against the fetched bits, so self-modifying code is always seen), and data accesses through
// DMI where the target granted it or TLM b_transport otherwise. Either way the access is charged
// the latency the target reports; a bus error becomes the access-fault of the access kind.
#include <algorithm>

#include <fmt/format.h>

#include "common/functional_dmi.h"
#include "common/tlm/payload.h"
#include "core/hart.h"
#include "core/execution_engine.h"

namespace memvp {

PhysAddr ExecutionEngine::translate_with_mmu(VirtAddr va, rv::Access kind, rv::Priv p) {
  const mmu::TranslationContext ctx{satp_, p, (mstatus_ & mstatus::SUM) != 0, (mstatus_ & mstatus::MXR) != 0, &pmp_};
  sc_core::sc_time delay = local_offset();
  const mmu::TranslateResult r = owner_.mmu.translate(va, kind, ctx, delay);
  stall(StallReason::Translation, r.latency.value());
  if (r.fault) raise(r.cause, va.value());
  return r.pa;
}

// One 16-bit parcel: through DMI, from the fetch buffer, or by fetching its whole line (one
// timed access per line, as an instruction-fetch unit does); a line the target refuses is
// fetched parcel by parcel so that the fault names the right address.
std::uint16_t ExecutionEngine::fetch_parcel(PhysAddr pa, VirtAddr va) {
  std::uint16_t parcel = 0;
  if (fetch_dmi_.covers(pa.value(), 2)) {
    std::memcpy(&parcel, fetch_dmi_.at(pa.value()), 2);
    stall(StallReason::Fetch, fetch_dmi_.read_cycles);
    return parcel;
  }
  const PhysAddr line(pa.value() & ~(fetch_line_bytes_ - 1));
  if (!fetch_line_.valid || fetch_line_.pa != line) {
    drop_fetch_line();
    const auto len = static_cast<unsigned>(fetch_line_bytes_);
    if (!hit_access(fetch_routes_, line, fetch_line_.bytes.data(), len, false, StallReason::Fetch)) {
      try {
        transport(tlm::TLM_READ_COMMAND, line, fetch_line_.bytes.data(), len, rv::Access::Fetch, va);
      } catch (const Trap&) {
        transport(tlm::TLM_READ_COMMAND, pa, &parcel, 2, rv::Access::Fetch, va);
        return parcel;
      }
    }
    fetch_line_.valid = true;
    fetch_line_.pa = line;
  }
  std::memcpy(&parcel, &fetch_line_.bytes[pa - line], 2);
  return parcel;
}

// The physical address of a fetch: the current fetch block's translation, or a new one. The
// block also notes whether the PMP lets the hart execute its whole page, as it does almost
// always; otherwise every parcel is checked (fetch_bits).
PhysAddr ExecutionEngine::fetch_address(VirtAddr pc) {
  const VirtAddr block(pc.value() & ~(fetch_line_bytes_ - 1));
  if (!fetch_xlate_.valid || fetch_xlate_.va != block) {
    // Translate the PC itself, so that a fault reports it in tval (priv spec §3.1.16).
    fetch_host_.ptr = nullptr;
    fetch_xlate_.pa = translate(pc, rv::Access::Fetch) - (pc - block);
    fetch_xlate_.va = block;
    fetch_xlate_.pmp_clear = !pmp_.applies_to(priv_) || pmp_.allows_page(fetch_xlate_.pa, rv::Access::Fetch, priv_);
    fetch_xlate_.valid = true;
  }
  return fetch_xlate_.pa + (pc - block);
}

// One fetch per instruction, translated with its fetch block, unless a 32-bit instruction
// straddles a page: then its upper parcel is translated (and PMP-checked) on its own, and a
// fault there reports pc + 2 in tval (priv spec §3.1.16) while epc still names the instruction.
inline std::uint32_t ExecutionEngine::fetch_unchecked_bits(VirtAddr pc, PhysAddr pa) {
  constexpr std::uint64_t kLastParcel = 0xFFE;  // offset of a page's last 16-bit parcel
  const bool straddles = (pc.value() & 0xFFF) == kLastParcel;
  if (!straddles && fetch_dmi_.covers(pa.value(), 4)) {
    std::uint32_t bits;
    std::memcpy(&bits, fetch_dmi_.at(pa.value()), 4);
    stall(StallReason::Fetch, fetch_dmi_.read_cycles);
    return bits;
  }
  // Both parcels in the fetch buffer's line and neither under DMI: what the two fetch_parcel
  // calls below would return, without a transaction, in one read (the upper half is ignored for
  // a compressed instruction).
  const bool dmi_overlaps = fetch_dmi_.overlaps(pa.value(), pa.value() + 3);
  if (!straddles && !dmi_overlaps && fetch_line_.valid && pa - fetch_line_.pa <= fetch_line_bytes_ - 4) {
    std::uint32_t bits;
    std::memcpy(&bits, &fetch_line_.bytes[pa - fetch_line_.pa], 4);
    return (bits & 3) == 3 ? bits : (bits & 0xFFFF);
  }
  const std::uint16_t lo = fetch_parcel(pa, pc);
  if ((lo & 3) != 3) return lo;  // §1.5: a compressed instruction is one parcel
  PhysAddr pa_hi = pa + 2;
  if (straddles) {
    pa_hi = translate(pc + 2, rv::Access::Fetch);
    check_fetch_pmp(pa_hi, pc + 2);
  }
  return lo | static_cast<std::uint32_t>(fetch_parcel(pa_hi, pc + 2)) << 16;
}

// The instruction at pc. Where the PMP does not clear the whole page, its parcels are checked
// (an instruction access fault, tval = the parcel's address, §3.7.1) before the instruction
// executes; a refused parcel has been read but nothing is done with it.
std::uint32_t ExecutionEngine::fetch_bits(VirtAddr pc) {
  const PhysAddr pa = fetch_address(pc);
  if (!fetch_xlate_.pmp_clear) [[unlikely]] return fetch_checked_bits(pc, pa);
  const std::uint32_t bits = fetch_unchecked_bits(pc, pa);
  note_fetch_host();
  return bits;
}

// fetch_unchecked_bits() of an instruction inside the block takes its DMI path when DMI covers
// the block, and its fetch-buffer path (no latency) when the buffer holds the block and DMI
// covers no byte of it.
void ExecutionEngine::note_fetch_host() {
  if (!fetch_xlate_.valid || !fetch_xlate_.pmp_clear) return;
  const std::uint64_t pa = fetch_xlate_.pa.value();
  if (fetch_dmi_.ptr != nullptr && fetch_dmi_.covers(pa, static_cast<unsigned>(fetch_line_bytes_)))
    fetch_host_ = {fetch_xlate_.va.value(), fetch_dmi_.at(pa), fetch_dmi_.read_cycles};
  else if (!fetch_dmi_.overlaps(pa, pa + fetch_line_bytes_ - 1) && fetch_line_.valid && fetch_line_.pa.value() == pa)
    fetch_host_ = {fetch_xlate_.va.value(), fetch_line_.bytes.data(), 0};
}

std::uint32_t ExecutionEngine::fetch_checked_bits(VirtAddr pc, PhysAddr pa) {
  check_fetch_pmp(pa, pc);
  const std::uint32_t bits = fetch_unchecked_bits(pc, pa);
  const bool straddles = (pc.value() & 0xFFF) == 0xFFE;  // its upper parcel was checked on its page
  if ((bits & 3) == 3 && !straddles) check_fetch_pmp(pa + 2, pc + 2);
  return bits;
}

const Decoded& ExecutionEngine::fetch_decode() {
  std::uint32_t bits;
  // Within the block, 4 bytes from pc stay in the block's page: no straddling upper parcel.
  const std::uint64_t offset = pc_ - fetch_host_.va;
  if (fetch_host_.ptr != nullptr && offset <= fetch_line_bytes_ - 4) [[likely]] {
    std::memcpy(&bits, fetch_host_.ptr + offset, 4);
    stall(StallReason::Fetch, fetch_host_.read_cycles);
  } else {
    bits = fetch_bits(VirtAddr(pc_));
  }
  DecodeCacheEntry& e = decode_cache_[(pc_ >> 1) & (kDecodeCacheEntries - 1)];
  const std::uint32_t relevant = (bits & 3) == 3 ? bits : (bits & 0xFFFF);
  if (e.pc != pc_ || e.bits != relevant) {
    e.pc = pc_;
    e.bits = relevant;
    e.d = decode(relevant);
  }
  return e.d;
}

const DmiRegion* ExecutionEngine::data_dmi(PhysAddr addr, unsigned len, bool write) const {
  for (const DmiRegion& r : data_dmi_) {
    if (r.covers(addr.value(), len) && (write ? r.writable : r.readable)) return &r;
  }
  return nullptr;
}

void ExecutionEngine::transport(tlm::tlm_command cmd, PhysAddr addr, void* data, unsigned len,
                                rv::Access kind, VirtAddr va) {
  if (mode_ != SimMode::Detailed && functional_transport(cmd, addr, data, len, kind == rv::Access::Fetch)) return;
  auto& socket = kind == rv::Access::Fetch ? owner_.fetch_socket : owner_.data_socket;
  set_payload(gp_, cmd, addr.value(), data, len);
  sync_request_->requested = false;
  // The annotated delay is how far this hart runs ahead of SystemC time (LT coding style).
  sc_core::sc_time delay = local_offset();
  const sc_core::sc_time start = delay;
  const sc_core::sc_time before = sc_core::sc_time_stamp();
  socket->b_transport(gp_, delay);
  const sc_core::sc_time now = sc_core::sc_time_stamp();
  if (gp_.get_response_status() != tlm::TLM_OK_RESPONSE) raise(rv::access_fault_for(kind), va.value());
  const StallReason why = kind == rv::Access::Fetch ? StallReason::Fetch
                          : cmd == tlm::TLM_READ_COMMAND ? StallReason::Load
                                                         : StallReason::Store;
  if (now != before)
    rebase_after_wait(now, delay, why);
  else
    stall(why, to_cycles(delay - start));
  // A device may have ended the run (test finisher, HTIF): stop before the next instruction.
  if (run_.ended()) {
    stopped_ = true;
    budget_end_ = 0;
    return;
  }
  const bool fetch = kind == rv::Access::Fetch;
  if (gp_.is_dmi_allowed())
    acquire_dmi(gp_, fetch);
  else if ((fetch ? fetch_routes_ : data_routes_).find(addr.value(), len) == nullptr)
    acquire_hit_route(addr.value(), len, fetch);
  if (sync_request_->requested) settle_device_write();
}

void ExecutionEngine::acquire_hit_route(std::uint64_t addr, unsigned len, bool fetch) {
  auto& socket = fetch ? owner_.fetch_socket : owner_.data_socket;
  tlm::tlm_generic_payload gp;
  HitPathRequest request;
  gp.set_extension(&request);
  gp.set_command(tlm::TLM_READ_COMMAND);
  gp.set_address(addr);
  tlm::tlm_dmi dmi;
  socket->get_direct_mem_ptr(gp, dmi);
  gp.clear_extension(&request);
  HitRoute r;
  r.start = dmi.get_start_address();
  r.end = dmi.get_end_address();
  const bool covered = r.covers(addr, len);
  if (!covered) {  // an answer naming no range around the access: remember just the access
    r.start = addr;
    r.end = addr + len - 1;
  }
  if (request.path != nullptr && covered) {
    r.path = request.path;
    r.offset = addr - request.target_address;
    r.read_latency = dmi.get_read_latency();
    r.write_latency = dmi.get_write_latency();
  }
  (fetch ? fetch_routes_ : data_routes_).add(r);
}

// TLM-2.0 LT (IEEE 1666-2011 §11.1.2): after a b_transport that waited, the initiator's local
// time is sc_time_stamp() + delay, not its old offset plus delay. The hart's clock moves to the
// completion (rounded up to a whole cycle) and counts its quantum from SystemC time again, as
// after WFI.
void ExecutionEngine::rebase_after_wait(const sc_core::sc_time& now, const sc_core::sc_time& delay, StallReason why) {
  const std::uint64_t done = to_cycles(now + delay);
  if (done > cycle_) stall(why, done - cycle_);
  synced_cycle_ = std::max(synced_cycle_, to_cycles(now));  // never past cycle_ (>= done >= now)
}

// The target asked for a sync (common/sync_request.h): the access changed state that drives an
// interrupt line (mtimecmp, msip). The device drives the line in the next delta cycle and it is
// visible one delta later. Synchronising here makes the effect on mip visible to the very next
// instruction, as on real hardware, instead of up to a quantum later.
void ExecutionEngine::settle_device_write() {
  sync();
  sc_core::wait(sc_core::SC_ZERO_TIME);
  sc_core::wait(sc_core::SC_ZERO_TIME);
  lines_changed(owner_.line_bits());
}

void ExecutionEngine::acquire_dmi(tlm::tlm_generic_payload& gp, bool fetch) {
  tlm::tlm_dmi dmi;
  auto& socket = fetch ? owner_.fetch_socket : owner_.data_socket;
  if (!socket->get_direct_mem_ptr(gp, dmi)) return;
  const DmiRegion r = DmiRegion::granted(dmi, clock_);
  if (fetch) {
    if (r.readable) fetch_dmi_ = r;
    fetch_host_.ptr = nullptr;
    return;
  }
  data_dmi_[data_dmi_next_] = r;
  data_dmi_next_ = (data_dmi_next_ + 1) % data_dmi_.size();
}

bool ExecutionEngine::functional_transport(tlm::tlm_command cmd, PhysAddr addr, void* data, unsigned len,
                                           bool fetch) {
  tlm::tlm_generic_payload gp;
  set_payload(gp, cmd, addr.value(), data, len);
  FunctionalDmi marker;
  gp.set_extension(&marker);
  tlm::tlm_dmi dmi;
  auto& socket = fetch ? owner_.fetch_socket : owner_.data_socket;
  const bool granted = socket->get_direct_mem_ptr(gp, dmi);
  gp.clear_extension(&marker);
  if (!granted) return false;
  DmiRegion r = DmiRegion::granted(dmi, clock_);
  r.read_cycles = r.write_cycles = 0;
  const bool write = cmd == tlm::TLM_WRITE_COMMAND;
  if (r.ptr == nullptr || !r.covers(addr.value(), len) || !(write ? r.writable : r.readable)) return false;
  if (write) std::memcpy(r.at(addr.value()), data, len);
  else std::memcpy(data, r.at(addr.value()), len);
  if (fetch) {
    fetch_dmi_ = r;
    fetch_host_.ptr = nullptr;
  } else {
    data_dmi_[data_dmi_next_] = r;
    data_dmi_next_ = (data_dmi_next_ + 1) % data_dmi_.size();
  }
  return true;
}

void ExecutionEngine::invalidate_dmi(std::uint64_t start, std::uint64_t end) {
  fetch_routes_.drop(start, end);
  data_routes_.drop(start, end);
  if (fetch_dmi_.overlaps(start, end)) {
    fetch_dmi_ = DmiRegion{};
    fetch_host_.ptr = nullptr;
  }
  for (DmiRegion& r : data_dmi_) {
    if (r.overlaps(start, end)) r = DmiRegion{};
  }
}

}  // namespace memvp
