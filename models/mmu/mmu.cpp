// The MMU's translation path: Bare/M-mode bypass, canonical check, L1 then L2 TLB lookup,
// page walk on a miss, TLB refill, and the accounting of latency into the caller's time.
#include "mmu/mmu.h"

#include <array>
#include <cstring>

#include "common/functional_dmi.h"

#include "common/tlm/dataless_write.h"
#include "common/tlm/payload.h"
#include "mmu/mmu_waves.h"
#include "mmu/permissions.h"
#include "mmu/pte.h"
#include "mmu/shadow_tlb_set.h"
#include "mmu/tlb_level.h"

namespace memvp::mmu {

Mmu::Mmu(sc_core::sc_module_name name, const MmuConfig& cfg)
    : sc_module(name),
      ptw_socket("ptw_socket"),
      cfg_((validate_mmu_config(cfg, ConfigScope(kMmuTable)), cfg)),
      clock_(Clock::from_hz(cfg.clock_hz)),
      l1i_(std::make_unique<TlbLevel>(std::string(basename()) + ".l1_itlb", cfg.l1_itlb, tlb_site())),
      l1d_(std::make_unique<TlbLevel>(std::string(basename()) + ".l1_dtlb", cfg.l1_dtlb, tlb_site())),
      l2_(std::make_unique<TlbLevel>(std::string(basename()) + ".l2_tlb", cfg.l2_tlb, tlb_site())),
      pwc_(cfg.pwc),
      walker_(cfg_, *this, &pwc_),
      functional_walker_(cfg_, debug_memory_, nullptr),
      warming_walker_(cfg_, debug_memory_, &pwc_) {
  ptw_socket.register_invalidate_direct_mem_ptr(this, &Mmu::invalidate_dmi);
}

TlbSite Mmu::tlb_site() const {
  const sc_core::sc_object* hart = get_parent_object();
  return {hart != nullptr ? hart->name() : name(), &op_cycle_, clock_.period_ticks()};
}

void Mmu::mark_cycle(const sc_core::sc_time& delay) {
  op_cycle_ = clock_.cycles_floor(sc_core::sc_time_stamp() + delay).value();
}

void Mmu::attach_shadow_tlbs(const std::vector<TlbGeometry>& geometries) {
  shadows_ = std::make_unique<ShadowTlbSet>(cfg_, geometries, std::string(basename()) + ".shadow_tlb");
  add_observer(*shadows_);
}

void Mmu::attach_waves(waves::WaveRecorder& rec, const std::string& scope) {
  waves_ = std::make_unique<MmuWaves>(rec, scope, clock_.period_ticks());
  add_observer(*waves_);
}

Tlb& Mmu::tlb(TlbSlot slot) {
  switch (slot) {
    case TlbSlot::L1I: return *l1i_;
    case TlbSlot::L1D: return *l1d_;
    case TlbSlot::L2: return *l2_;
  }
  return *l2_;
}

void Mmu::replace_tlb(TlbSlot slot, std::unique_ptr<Tlb> tlb) {
  switch (slot) {
    case TlbSlot::L1I: l1i_ = std::move(tlb); break;
    case TlbSlot::L1D: l1d_ = std::move(tlb); break;
    case TlbSlot::L2: l2_ = std::move(tlb); break;
  }
}

Mmu::HitUse Mmu::classify(const TlbEntry& e, rv::Access access, const TranslationContext& ctx) const {
  // §12.3.2 steps 6 and 8 apply to the cached leaf as to a walked one.
  if (!leaf_permits(e.flags, access, ctx)) return HitUse::Fault;
  // A store to a page cached with D = 0 (step 9): with Svade the cached PTE already tells the
  // page fault; with hardware updates the walker must set D in memory.
  if (needs_ad_update(e.flags, access))
    return cfg_.hardware_ad_update ? HitUse::Walk : HitUse::Fault;
  return HitUse::Translate;
}

void Mmu::fill_level(Tlb& tlb, const TlbEntry& e, VirtAddr va) { fill_largest_held(tlb, e, va); }

std::optional<TlbEntry> Mmu::lookup_tlbs(Tlb& l1, VirtAddr va, rv::Access access,
                                         const TranslationContext& ctx, Asid asid, Cycles& cycles,
                                         Outcome& found) {
  cycles = l1.latency();
  found = Outcome::L1Hit;
  std::optional<TlbEntry> entry = l1.lookup(va, asid);
  if (entry && classify(*entry, access, ctx) != HitUse::Walk) return entry;
  cycles += l2_->latency();
  found = Outcome::L2Hit;
  entry = l2_->lookup(va, asid);
  if (entry && classify(*entry, access, ctx) != HitUse::Walk) {
    fill_level(l1, *entry, va);
    return entry;
  }
  return std::nullopt;
}

void Mmu::count_walk(const WalkRecord& w) {
  ++stats_.walks;
  stats_.walk_cycles += w.cycles.value();
  stats_.pte_reads += w.pte_reads;
  stats_.pte_writes += w.pte_writes;
}

void Mmu::record(TranslateResult& r, Cycles cycles, const sc_core::sc_time& start,
                 sc_core::sc_time& delay) {
  r.latency = cycles;
  delay = start + clock_.to_time(cycles) - sc_core::sc_time_stamp();
  ++stats_.translations;
  ++stats_.by_outcome[static_cast<unsigned>(r.outcome)];
  stats_.translation_cycles += cycles.value();
  ++stats_.latency_histogram[latency_bucket(cycles.value())];
  if (r.fault) ++stats_.faults[static_cast<unsigned>(r.cause) & 15];
  for (TranslationObserver* o : observers_) o->on_translation(r, start);
}

// The start both translate() and translate_untimed() share: the request's fields and satp's
// mode in `r`. §12.1.11: satp is active only at effective privilege S or U; Bare translates
// nothing, so then `r` is already the whole (Bare) result and the return is nullptr. Otherwise
// `r.asid` is the address space the lookups use and the return describes the VM mode.
const VmInfo* Mmu::begin_translation(TranslateResult& r, VirtAddr va, rv::Access access,
                                     const TranslationContext& ctx) const {
  r.va = va;
  r.access = access;
  r.priv = ctx.priv;
  const Satp satp = Satp::decode(ctx.satp);
  r.mode_bits = satp.mode_bits;
  const VmInfo* info = vm_info_for(satp.mode_bits);
  if (ctx.priv == rv::Priv::M || info == nullptr) {
    r.pa = PhysAddr(va.value());
    r.outcome = r.found_in = Outcome::Bare;
    return nullptr;
  }
  r.asid = cfg_.asid_enabled ? satp.asid : Asid(0);
  return info;
}

// Every return returns `r` itself, so the result is built in the caller's object (NRVO)
// rather than copied out: a TranslateResult with its walk record is a few hundred bytes.
TranslateResult Mmu::translate(VirtAddr va, rv::Access access, const TranslationContext& ctx,
                               sc_core::sc_time& delay) {
  if (mode_ != SimMode::Detailed) [[unlikely]] return translate_untimed(va, access, ctx);
  const sc_core::sc_time start = sc_core::sc_time_stamp() + delay;  // absolute issue time
  mark_cycle(delay);
  TranslateResult r;
  const VmInfo* info = begin_translation(r, va, access, ctx);
  if (info == nullptr) {
    record(r, Cycles(0), start, delay);
    return r;
  }
  const Asid asid = r.asid;
  auto fault = [&](rv::Exception cause, Cycles cycles) {
    r.fault = true;
    r.cause = cause;
    r.outcome = Outcome::Fault;
    record(r, cycles, start, delay);
  };

  // §12.4 / §12.5: bits 63:VA_BITS must equal bit VA_BITS-1, or a page fault is raised.
  if (!is_canonical(va, *info)) {
    r.found_in = Outcome::Fault;
    fault(rv::page_fault_for(access), Cycles(0));
    return r;
  }

  Tlb& l1 = access == rv::Access::Fetch ? *l1i_ : *l1d_;
  Cycles cycles{0};
  Outcome found = Outcome::L1Hit;
  std::optional<TlbEntry> entry = lookup_tlbs(l1, va, access, ctx, asid, cycles, found);
  if (!entry) {
    delay = start + clock_.to_time(cycles) - sc_core::sc_time_stamp();
    WalkResult w = walker_.walk(va, access, ctx, Satp::decode(ctx.satp), asid, *info, delay);
    found = r.found_in = Outcome::Walk;
    cycles += w.record.cycles;
    r.walk = w.record;
    count_walk(w.record);
    if (w.leaf_found) {
      r.page_size = w.leaf.leaf_size;
      r.pte_flags = w.leaf.flags;
    }
    if (w.fault) {
      fault(*w.fault, cycles);
      return r;
    }
    entry = w.leaf;
    fill_level(*l2_, *entry, va);
    fill_level(l1, *entry, va);
  }

  r.found_in = found;
  r.page_size = entry->leaf_size;
  r.pte_flags = entry->flags;
  r.global = entry->global;
  if (found != Outcome::Walk && classify(*entry, access, ctx) == HitUse::Fault) {
    fault(rv::page_fault_for(access), cycles);  // §12.3.2 steps 6, 8 and 9 on a cached leaf
    return r;
  }
  r.pa = entry->translate(va);
  r.outcome = found;
  record(r, cycles, start, delay);
  return r;
}

// The same steps as translate() (§12.3.2), in the order a TLB hit, a walk and a fault are
// decided there, so that Functional and Warming translate exactly as Detailed does.
TranslateResult Mmu::translate_untimed(VirtAddr va, rv::Access access, const TranslationContext& ctx) {
  TranslateResult r;
  const VmInfo* info = begin_translation(r, va, access, ctx);
  if (info == nullptr) return r;
  const Asid asid = r.asid;
  auto fault = [&](rv::Exception cause) {
    r.fault = true;
    r.cause = cause;
    r.outcome = r.found_in = Outcome::Fault;
    return r;
  };
  if (!is_canonical(va, *info)) return fault(rv::page_fault_for(access));

  const bool functional = mode_ == SimMode::Functional;
  Tlb& l1 = access == rv::Access::Fetch ? *l1i_ : *l1d_;
  std::optional<TlbEntry> entry;
  if (functional) {
    entry = functional_tlb_.lookup(va, asid);
    if (entry && classify(*entry, access, ctx) == HitUse::Walk) entry.reset();
  } else {
    Cycles cycles{0};
    Outcome found = Outcome::L1Hit;
    entry = lookup_tlbs(l1, va, access, ctx, asid, cycles, found);
  }
  if (entry) {
    if (classify(*entry, access, ctx) == HitUse::Fault) return fault(rv::page_fault_for(access));
  } else {
    sc_core::sc_time unused = sc_core::SC_ZERO_TIME;
    PageTableWalker& walker = functional ? functional_walker_ : warming_walker_;
    const WalkResult w = walker.walk(va, access, ctx, Satp::decode(ctx.satp), asid, *info, unused);
    if (w.fault) return fault(*w.fault);
    entry = w.leaf;
    if (functional) {
      functional_tlb_.fill(*entry, va);
    } else {
      fill_level(*l2_, *entry, va);
      fill_level(l1, *entry, va);
    }
  }
  r.pa = entry->translate(va);
  r.outcome = r.found_in = Outcome::L1Hit;
  return r;
}

void Mmu::set_mode(SimMode m) {
  mode_ = m;
  functional_tlb_.flush();
}

void Mmu::reset_stats() {
  stats_ = {};
  l1i_->reset_stats();
  l1d_->reset_stats();
  l2_->reset_stats();
  pwc_.reset_stats();
}

void Mmu::flush_everywhere(const TlbFlush& f, FlushCause cause, const sc_core::sc_time& delay) {
  mark_cycle(delay);
  l1i_->flush(f);
  l1d_->flush(f);
  l2_->flush(f);
  pwc_.flush(f);
  functional_tlb_.flush();
  if (mode_ != SimMode::Detailed) return;  // observers see the detailed part only
  for (TranslationObserver* o : observers_) o->on_flush(f, cause, sc_core::sc_time_stamp() + delay);
}

void Mmu::sfence_vma(std::optional<VirtAddr> va, std::optional<Asid> asid,
                     const sc_core::sc_time& delay) {
  // §12.1.11 / §12.2.1: with ASIDLEN = 0 every ASID bit of rs2 is ignored, so rs2 names ASID 0.
  const Asid a = asid && cfg_.asid_enabled ? *asid : Asid(0);
  TlbFlush f;
  if (!va) f = asid ? TlbFlush::by_asid(a) : TlbFlush::all();
  else f = asid ? TlbFlush::by_va_asid(*va, a) : TlbFlush::by_va(*va);
  ++stats_.sfences[static_cast<unsigned>(f.kind)];
  flush_everywhere(f, FlushCause::SfenceVma, delay);
}

void Mmu::satp_written(std::uint64_t, const sc_core::sc_time& delay) {
  ++stats_.satp_writes;
  if (cfg_.asid_enabled) return;  // §12.1.11: a satp write itself invalidates nothing
  ++stats_.satp_flushes;
  flush_everywhere(TlbFlush::by_asid(Asid(0)), FlushCause::SatpWrite, delay);
}

std::uint64_t Mmu::legalize_satp(std::uint64_t old_value, std::uint64_t written) const {
  return mmu::legalize_satp(old_value, written, asid_bits());
}

// PTEs are little-endian in memory (§12.1.1.3 implicit accesses use S-mode endianness) and the
// host is little-endian, so a payload's buffer is the uint64_t itself.
bool Mmu::read_pte(PhysAddr addr, std::uint64_t& value, sc_core::sc_time& delay) {
  const ScopedMemoryEvents events(pte_gp_, ptw_events_);
  set_payload(pte_gp_, tlm::TLM_READ_COMMAND, addr.value(), &value, kPteSize);
  ptw_socket->b_transport(pte_gp_, delay);
  return pte_gp_.is_response_ok();
}

bool Mmu::pte_debug(tlm::tlm_command cmd, PhysAddr addr, std::uint64_t& value) {
  tlm::tlm_generic_payload gp;
  set_payload(gp, cmd, addr.value(), &value, kPteSize);
  return ptw_socket->transport_dbg(gp) == kPteSize;
}

// The compare and the store are done by debug transport, which never waits (IEEE 1666-2011
// §11.3.4), so no other process runs between them; the timed write that follows moves no data
// (all byte enables off) and only charges the store, so it cannot undo a later store by another
// hart either when its target waits before acting.
PteUpdate Mmu::update_pte(PhysAddr addr, std::uint64_t expected, std::uint64_t desired,
                          sc_core::sc_time& delay) {
  std::uint64_t now = 0;
  if (!pte_debug(tlm::TLM_READ_COMMAND, addr, now)) return PteUpdate::Error;
  if (now != expected) return PteUpdate::Changed;
  if (!pte_debug(tlm::TLM_WRITE_COMMAND, addr, desired)) return PteUpdate::Error;
  tlm::tlm_generic_payload gp;
  const ScopedMemoryEvents events(gp, ptw_events_);
  std::array<unsigned char, kPteSize> disabled;
  disabled.fill(TLM_BYTE_DISABLED);
  timed_dataless_write(ptw_socket, gp, addr.value(), reinterpret_cast<unsigned char*>(&now),
                       kPteSize, disabled.data(), delay);
  return gp.is_response_ok() ? PteUpdate::Stored : PteUpdate::Error;
}

std::uint64_t* Mmu::DebugPteMemory::pte_ptr(PhysAddr addr) {
  if (!region_.covers(addr.value(), kPteSize)) {
    tlm::tlm_generic_payload gp;
    std::uint64_t unused = 0;
    set_payload(gp, tlm::TLM_READ_COMMAND, addr.value(), &unused, kPteSize);
    FunctionalDmi marker;
    gp.set_extension(&marker);
    tlm::tlm_dmi dmi;
    const bool granted = mmu_.ptw_socket->get_direct_mem_ptr(gp, dmi);
    gp.clear_extension(&marker);
    region_ = granted ? DmiRegion::granted(dmi, mmu_.clock_) : DmiRegion{};
    if (!region_.covers(addr.value(), kPteSize) || !region_.readable || !region_.writable) {
      region_ = DmiRegion{};
      return nullptr;
    }
  }
  return reinterpret_cast<std::uint64_t*>(region_.at(addr.value()));
}

void Mmu::DebugPteMemory::invalidate(std::uint64_t start, std::uint64_t end) {
  if (region_.overlaps(start, end)) region_ = DmiRegion{};
}

bool Mmu::DebugPteMemory::read_pte(PhysAddr addr, std::uint64_t& value, sc_core::sc_time&) {
  if (const std::uint64_t* p = pte_ptr(addr)) {
    std::memcpy(&value, p, kPteSize);
    return true;
  }
  return mmu_.pte_debug(tlm::TLM_READ_COMMAND, addr, value);
}

PteUpdate Mmu::DebugPteMemory::update_pte(PhysAddr addr, std::uint64_t expected, std::uint64_t desired,
                                          sc_core::sc_time&) {
  if (std::uint64_t* p = pte_ptr(addr)) {
    std::uint64_t now = 0;
    std::memcpy(&now, p, kPteSize);
    if (now != expected) return PteUpdate::Changed;
    std::memcpy(p, &desired, kPteSize);
    return PteUpdate::Stored;
  }
  std::uint64_t now = 0;
  if (!mmu_.pte_debug(tlm::TLM_READ_COMMAND, addr, now)) return PteUpdate::Error;
  if (now != expected) return PteUpdate::Changed;
  return mmu_.pte_debug(tlm::TLM_WRITE_COMMAND, addr, desired) ? PteUpdate::Stored : PteUpdate::Error;
}

}  // namespace memvp::mmu
