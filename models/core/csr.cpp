// The CSR file (priv spec §2, §3.1, §12.1; Zicsr §7): access rules by CSR number, the M- and
// S-mode registers with their WARL masks, fcsr with mstatus.FS, the S-mode views of
// mstatus/mie/mip, and the counters (mcycle, minstret, the hpm counters of hpm_counters.h) with
// mcounteren/scounteren gating and mcountinhibit. The PMP CSRs belong to Pmp (pmp.h), the
// trigger CSRs to Triggers (triggers.h).
#include "core/csr_numbers.h"
#include "core/hart.h"
#include "core/execution_engine.h"

namespace memvp {
namespace {

// misa: MXL = 2 (64-bit), extensions A, C, D, F, I, M, S, U (§3.1.1).
constexpr std::uint64_t kMisa = (2ULL << 62) | (1 << 0) | (1 << 2) | (1 << 3) | (1 << 5) | (1 << 8) | (1 << 12) |
                                (1 << 18) | (1 << 20);
constexpr std::uint64_t kMstatusWritable = mstatus::SIE | mstatus::MIE | mstatus::SPIE | mstatus::MPIE |
                                           mstatus::SPP | mstatus::MPP | mstatus::MPRV | mstatus::SUM |
                                           mstatus::MXR | mstatus::TVM | mstatus::TW | mstatus::TSR | mstatus::FS;
constexpr std::uint64_t kSstatusView = mstatus::SIE | mstatus::SPIE | mstatus::SPP | mstatus::SUM |
                                       mstatus::MXR | mstatus::UXL | mstatus::FS | mstatus::SD;
constexpr std::uint64_t kSstatusWritable = mstatus::SIE | mstatus::SPIE | mstatus::SPP | mstatus::SUM | mstatus::MXR |
                                           mstatus::FS;
constexpr std::uint64_t kSInterrupts = 0x222;   // SSI, STI, SEI
constexpr std::uint64_t kAllInterrupts = 0xAAA;  // + MSI, MTI, MEI
constexpr std::uint64_t kMipSeip = 1ULL << 9;
// medeleg: every synchronous cause but ECALL from M (11) and the reserved 10 and 14.
constexpr std::uint64_t kMedelegWritable = 0xB3FF;

bool in(unsigned csr, unsigned lo, unsigned hi) { return csr >= lo && csr <= hi; }

}  // namespace

// The time CSR shadows mtime (§3.1.11): floor(t x timebase_hz) at the hart's local time, exactly
// as the CLINT computes it, so software sees one clock whichever it reads.
std::uint64_t ExecutionEngine::time_now() const {
  static const std::uint64_t ticks_per_second = sc_core::sc_time(1.0, sc_core::SC_SEC).value();
  return static_cast<std::uint64_t>(static_cast<unsigned __int128>(local_time().value()) * cfg_.timebase_hz /
                                    ticks_per_second);
}

std::uint64_t ExecutionEngine::mcycle() const {
  return (mcountinhibit_ & 1) ? frozen_mcycle_ : cycle_ + mcycle_offset_;
}
std::uint64_t ExecutionEngine::minstret() const {
  return (mcountinhibit_ & 4) ? frozen_minstret_ : instret_ + minstret_offset_;
}

// §3.1.11 and §12.1.5: counters below M-mode need their mcounteren (and, in U, scounteren) bit.
bool ExecutionEngine::counter_enabled(unsigned csr) const {
  const std::uint64_t bit = 1ULL << (csr - csrn::cycle);
  if (priv_ == rv::Priv::M) return true;
  if (!(mcounteren_ & bit)) return false;
  return priv_ == rv::Priv::S || (scounteren_ & bit);
}

std::uint64_t ExecutionEngine::csr_access(const Decoded& d, unsigned csr, std::uint64_t operand, CsrOp op, bool writes) {
  // §2.1: bits 9:8 give the lowest privilege that may access; bits 11:10 = 3 mean read-only.
  if (static_cast<unsigned>(priv_) < ((csr >> 8) & 3)) illegal(d);
  if (writes && (csr >> 10) == 3) illegal(d);
  if (in(csr, csrn::cycle, csrn::cycle + 31) && !counter_enabled(csr)) illegal(d);
  // §3.1.6.6: with TVM, S-mode accesses to satp are illegal.
  if (csr == csrn::satp && priv_ == rv::Priv::S && (mstatus_ & mstatus::TVM)) illegal(d);
  // §3.1.6.6: with FS = Off, fcsr and its fields are inaccessible.
  if (in(csr, csrn::fflags, csrn::fcsr)) require_fp(d);
  const std::optional<std::uint64_t> read = csr_read(csr);
  if (!read) illegal(d);
  const std::uint64_t old = *read;
  if (writes) {
    // §3.1.9: a CSRRS/CSRRC of mip modifies the software-writable SEIP bit only; the interrupt
    // controller's line, which the read ORs in, is not written back into it.
    const std::uint64_t base = csr == csrn::mip ? (old & ~kMipSeip) | (mip_sw_ & kMipSeip) : old;
    const std::uint64_t v = op == CsrOp::Write ? operand : op == CsrOp::Set ? (base | operand) : (base & ~operand);
    csr_write(csr, v);
    irq_dirty_ = true;
  }
  return old;
}

std::optional<std::uint64_t> ExecutionEngine::csr_read(unsigned csr) {
  // The hardware performance monitor (§3.1.10): hpmcounterN reads mhpmcounterN.
  if (in(csr, csrn::hpmcounter3, csrn::hpmcounter31) || in(csr, csrn::mhpmcounter3, csrn::mhpmcounter31)) {
    const unsigned n = csr & 0x1F;
    return hpm_.counter(n, hpm_totals(), (mcountinhibit_ >> n) & 1);
  }
  if (in(csr, csrn::mhpmevent3, csrn::mhpmevent31)) return hpm_.event(csr - csrn::mhpmevent3 + HpmCounters::kFirst);
  if (in(csr, csrn::pmpcfg0, csrn::pmpaddr63)) return pmp_.read_csr(csr);
  if (in(csr, csrn::tselect, csrn::tinfo)) return triggers_.read_csr(csr);
  switch (csr) {
    case csrn::fflags: return fflags_;
    case csrn::frm: return frm_;
    case csrn::fcsr: return frm_ << 5 | fflags_;
    case csrn::sstatus: return mstatus_ & kSstatusView;
    case csrn::sie: return mie_ & mideleg_;
    case csrn::stvec: return stvec_;
    case csrn::scounteren: return scounteren_;
    case csrn::senvcfg: return senvcfg_;
    case csrn::sscratch: return sscratch_;
    case csrn::sepc: return sepc_;
    case csrn::scause: return scause_;
    case csrn::stval: return stval_;
    case csrn::sip: return mip() & mideleg_;
    case csrn::satp: return satp_;
    case csrn::mstatus: return mstatus_;
    case csrn::misa: return kMisa;
    case csrn::medeleg: return medeleg_;
    case csrn::mideleg: return mideleg_;
    case csrn::mie: return mie_;
    case csrn::mtvec: return mtvec_;
    case csrn::mcounteren: return mcounteren_;
    case csrn::menvcfg: return menvcfg_;
    case csrn::mcountinhibit: return mcountinhibit_;
    case csrn::mscratch: return mscratch_;
    case csrn::mepc: return mepc_;
    case csrn::mcause: return mcause_;
    case csrn::mtval: return mtval_;
    case csrn::mip: return mip();
    case csrn::mcycle:
    case csrn::cycle: return mcycle();
    case csrn::minstret:
    case csrn::instret: return minstret();
    case csrn::time: return time_now();
    case csrn::mvendorid:
    case csrn::marchid:
    case csrn::mimpid:
    case csrn::mconfigptr: return 0;
    case csrn::mhartid: return cfg_.hart_id;
    default: return std::nullopt;
  }
}

void ExecutionEngine::set_mstatus(std::uint64_t v) {
  // MPP is WARL over {U, S, M}: the reserved value 2 leaves it unchanged.
  if (((v & mstatus::MPP) >> mstatus::kMppShift) == 2) v = (v & ~mstatus::MPP) | (mstatus_ & mstatus::MPP);
  mstatus_ = (mstatus_ & ~kMstatusWritable) | (v & kMstatusWritable);
  update_sd();
}

// §3.1.12: inhibited counters hold their value; resuming continues from it.
void ExecutionEngine::set_counters_inhibit(std::uint64_t v) {
  const std::uint64_t cy = mcycle(), ir = minstret();
  hpm_.inhibit_changed(mcountinhibit_, v & 0xFFFFFFFD, hpm_totals());
  mcountinhibit_ = v & 0xFFFFFFFD;
  frozen_mcycle_ = cy;
  frozen_minstret_ = ir;
  mcycle_offset_ = cy - cycle_;
  minstret_offset_ = ir - instret_;
}

static_assert(static_cast<unsigned>(HpmEvent::RemoteAccess) - static_cast<unsigned>(HpmEvent::L1iMiss) ==
              MemoryEvents::RemoteAccess);

HpmTotals ExecutionEngine::hpm_totals() const {
  HpmTotals t{};
  // Selectors 8-13 follow MemoryEvents::Kind in order.
  const mmu::MmuEvents e = owner_.mmu.events();
  for (unsigned k = 0; k < MemoryEvents::kKinds; ++k)
    t[static_cast<unsigned>(HpmEvent::L1iMiss) + k] = memory_events_->count[k] + e.walker_memory.count[k];
  t[static_cast<unsigned>(HpmEvent::L1ItlbMiss)] = e.l1_itlb_misses;
  t[static_cast<unsigned>(HpmEvent::L1DtlbMiss)] = e.l1_dtlb_misses;
  t[static_cast<unsigned>(HpmEvent::L2TlbMiss)] = e.l2_tlb_misses;
  t[static_cast<unsigned>(HpmEvent::PageWalk)] = e.walks;
  t[static_cast<unsigned>(HpmEvent::WalkCycles)] = e.walk_cycles;
  t[static_cast<unsigned>(HpmEvent::PwcHit)] = e.pwc_hits;
  t[static_cast<unsigned>(HpmEvent::TlbFlush)] = e.tlb_flushes;
  for (unsigned k = 0; k < kHpmEvents; ++k) t[k] += hpm_carried_[k];
  return t;
}

void ExecutionEngine::csr_write(unsigned csr, std::uint64_t v) {
  if (in(csr, csrn::mhpmcounter3, csrn::mhpmcounter31)) {
    hpm_.write_counter(csr & 0x1F, v, hpm_totals());
    return;
  }
  if (in(csr, csrn::mhpmevent3, csrn::mhpmevent31)) {
    const unsigned n = csr - csrn::mhpmevent3 + HpmCounters::kFirst;
    hpm_.write_event(n, v, hpm_totals(), (mcountinhibit_ >> n) & 1);
    return;
  }
  if (in(csr, csrn::pmpcfg0, csrn::pmpaddr63)) {
    // The fetch block's PMP verdict may change; data accesses are checked on every access.
    pmp_.write_csr(csr, v);
    invalidate_fetch_translation();
    return;
  }
  if (in(csr, csrn::tselect, csrn::tinfo)) {
    triggers_.write_csr(csr, v);
    return;
  }
  switch (csr) {
    // fcsr writes make FS Dirty (§3.1.6.6); frm holds any 3-bit value, checked at use (§21.2).
    case csrn::fflags: fflags_ = v & 0x1F; fp_dirty(); break;
    case csrn::frm: frm_ = v & 7; fp_dirty(); break;
    case csrn::fcsr: fflags_ = v & 0x1F; frm_ = (v >> 5) & 7; fp_dirty(); break;
    case csrn::sstatus:
      mstatus_ = (mstatus_ & ~kSstatusWritable) | (v & kSstatusWritable);
      update_sd();
      break;
    case csrn::sie: mie_ = (mie_ & ~(mideleg_ & kSInterrupts)) | (v & mideleg_ & kSInterrupts); break;
    case csrn::stvec: if ((v & 3) < 2) stvec_ = v; break;  // MODE >= 2 is reserved (§12.1.2)
    case csrn::scounteren: scounteren_ = v & 0xFFFFFFFF; break;
    case csrn::senvcfg: senvcfg_ = v & 1; break;
    case csrn::sscratch: sscratch_ = v; break;
    case csrn::sepc: sepc_ = v & ~1ULL; break;
    case csrn::scause: scause_ = v; break;
    case csrn::stval: stval_ = v; break;
    case csrn::sip: mip_sw_ = (mip_sw_ & ~(mideleg_ & 2)) | (v & mideleg_ & 2); break;  // only SSIP (§12.1.3)
    case csrn::satp:
      // §12.1.11: WARL; a write with an unsupported MODE has no effect at all.
      satp_ = owner_.mmu.legalize_satp(satp_, v);
      owner_.mmu.satp_written(satp_, local_offset());
      invalidate_fetch_translation();
      break;
    case csrn::mstatus: set_mstatus(v); break;
    case csrn::medeleg: medeleg_ = v & kMedelegWritable; break;
    case csrn::mideleg: mideleg_ = v & kSInterrupts; break;
    case csrn::mie: mie_ = v & kAllInterrupts; break;
    case csrn::mtvec: if ((v & 3) < 2) mtvec_ = v; break;
    case csrn::mcounteren: mcounteren_ = v & 0xFFFFFFFF; break;
    case csrn::menvcfg: menvcfg_ = v & 1; break;
    case csrn::mcountinhibit: set_counters_inhibit(v); break;
    case csrn::mscratch: mscratch_ = v; break;
    case csrn::mepc: mepc_ = v & ~1ULL; break;
    case csrn::mcause: mcause_ = v; break;
    case csrn::mtval: mtval_ = v; break;
    case csrn::mip: mip_sw_ = v & kSInterrupts; break;
    // The value written is what the counter holds once this instruction completes (§3.1.10).
    case csrn::mcycle: mcycle_offset_ = v - (cycle_ + 1); frozen_mcycle_ = v; break;
    case csrn::minstret: minstret_offset_ = v - (instret_ + 1); frozen_minstret_ = v; break;
    default: break;  // read-only zero counters, misa: writes are ignored (WARL)
  }
}

}  // namespace memvp
