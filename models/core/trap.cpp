// Traps and interrupts (priv spec §3.1.6-3.1.9, §3.3, §12.1.1): trap entry with delegation to
// S-mode, interrupt selection by priority and global enables, xRET, WFI, and the detection of a
// trap loop (a guest with no working handler), which ends the run as a guest crash.
#include <fmt/format.h>

#include "common/error.h"
#include "core/hart.h"
#include "core/execution_engine.h"

namespace memvp {
namespace {

constexpr unsigned kTrapLoopLimit = 8;
// Priority of simultaneous interrupts (priv spec §3.1.9): MEI, MSI, MTI, SEI, SSI, STI.
constexpr unsigned kInterruptPriority[] = {11, 3, 7, 9, 1, 5};

std::string cause_text(std::uint64_t cause) {
  const std::uint64_t code = cause & ~rv::kInterruptBit;
  if (cause & rv::kInterruptBit) return std::string(rv::interrupt_name(static_cast<rv::Interrupt>(code)));
  return std::string(rv::exception_name(static_cast<rv::Exception>(code)));
}

}  // namespace

void ExecutionEngine::take_trap(std::uint64_t cause, std::uint64_t tval) {
  const bool interrupt = cause & rv::kInterruptBit;
  const unsigned code = static_cast<unsigned>(cause & 63);
  if (interrupt) {
    ++interrupts_[code & 15];
  } else {
    ++exceptions_[code & 15];
    note_trap_for_loop_detection(cause, tval);
    if (stopped_) return;
  }
  // §3.1.8: traps from S/U whose bit is set in medeleg/mideleg go to S-mode.
  const std::uint64_t deleg = interrupt ? mideleg_ : medeleg_;
  const bool to_s = priv_ != rv::Priv::M && ((deleg >> code) & 1);
  const std::uint64_t vector_offset = 4ULL * code;
  if (to_s) {
    scause_ = cause;
    sepc_ = pc_;
    stval_ = tval;
    mstatus_ = (mstatus_ & ~(mstatus::SPP | mstatus::SPIE | mstatus::SIE)) |
               (priv_ == rv::Priv::S ? mstatus::SPP : 0) | ((mstatus_ & mstatus::SIE) ? mstatus::SPIE : 0);
    enter_priv(rv::Priv::S);
    invalidate_fetch_translation();
    // §12.1.2: vectored mode sends interrupts to BASE + 4 x cause.
    pc_ = (stvec_ & ~3ULL) + (((stvec_ & 3) == 1 && interrupt) ? vector_offset : 0);
  } else {
    mcause_ = cause;
    mepc_ = pc_;
    mtval_ = tval;
    mstatus_ = (mstatus_ & ~(mstatus::MPP | mstatus::MPIE | mstatus::MIE)) |
               (static_cast<std::uint64_t>(priv_) << mstatus::kMppShift) |
               ((mstatus_ & mstatus::MIE) ? mstatus::MPIE : 0);
    enter_priv(rv::Priv::M);
    invalidate_fetch_translation();
    pc_ = (mtvec_ & ~3ULL) + (((mtvec_ & 3) == 1 && interrupt) ? vector_offset : 0);
  }
  if (waves_) waves_->trap(cycle_, cause, priv_);
  // Trap entry redirects fetch: the pipeline refills as after a mispredict.
  stall(StallReason::Mispredict, cfg_.branch_predictor.mispredict_penalty);
  irq_dirty_ = true;
}

void ExecutionEngine::note_trap_for_loop_detection(std::uint64_t cause, std::uint64_t tval) {
  if (traps_without_retire_++ == 0) {
    first_trap_ = Trap{cause, tval};
    first_trap_pc_ = pc_;
  }
  if (traps_without_retire_ < kTrapLoopLimit) return;
  run_.end(EndReason::GuestCrash, exit_status::kGuestCrash,
           fmt::format("hart {}: {} at pc 0x{:x} (tval 0x{:x}, {}-mode) with no working trap handler "
                       "(mtvec 0x{:x}, stvec 0x{:x})",
                       cfg_.hart_id, cause_text(first_trap_.cause), first_trap_pc_, first_trap_.tval,
                       rv::priv_name(priv_), mtvec_, stvec_));
  stopped_ = true;
  budget_end_ = 0;
}

std::optional<unsigned> ExecutionEngine::interrupt_to_take() const {
  const std::uint64_t pending = mip() & mie_;
  if (!pending) return std::nullopt;
  // §3.1.6.1: M-level interrupts are enabled below M or with MIE; S-level ones below S, or in
  // S with SIE, and never in M.
  const bool m_on = priv_ != rv::Priv::M || (mstatus_ & mstatus::MIE);
  const bool s_on = priv_ == rv::Priv::U || (priv_ == rv::Priv::S && (mstatus_ & mstatus::SIE));
  std::uint64_t take = m_on ? (pending & ~mideleg_) : 0;
  if (!take && s_on) take = pending & mideleg_;
  for (unsigned code : kInterruptPriority) {
    if (take & (1ULL << code)) return code;
  }
  return std::nullopt;
}

void ExecutionEngine::check_interrupts() {
  irq_dirty_ = false;
  if (const auto code = interrupt_to_take()) take_trap(rv::kInterruptBit | *code, 0);
}

void ExecutionEngine::lines_changed(std::uint64_t hw_pending) {
  mip_hw_ = hw_pending;
  irq_dirty_ = true;
  lines_event_.notify(sc_core::SC_ZERO_TIME);
}

void ExecutionEngine::ecall() {
  switch (priv_) {
    case rv::Priv::U: raise(rv::Exception::EcallU, 0);
    case rv::Priv::S: raise(rv::Exception::EcallS, 0);
    case rv::Priv::M: raise(rv::Exception::EcallM, 0);
  }
}

// §3.3.2: MRET pops MPP/MPIE; leaving M-mode clears MPRV.
void ExecutionEngine::mret(const Decoded& d) {
  if (priv_ != rv::Priv::M) illegal(d);
  const auto mpp = static_cast<rv::Priv>((mstatus_ & mstatus::MPP) >> mstatus::kMppShift);
  mstatus_ = (mstatus_ & ~(mstatus::MIE | mstatus::MPP)) | ((mstatus_ & mstatus::MPIE) ? mstatus::MIE : 0) |
             mstatus::MPIE;
  if (mpp != rv::Priv::M) mstatus_ &= ~mstatus::MPRV;
  enter_priv(mpp);
  invalidate_fetch_translation();
  next_pc_ = mepc_;
  irq_dirty_ = true;
  stall(StallReason::Mispredict, cfg_.branch_predictor.mispredict_penalty);
}

// §3.3.2: SRET is illegal in U-mode and in S-mode when mstatus.TSR = 1.
void ExecutionEngine::sret(const Decoded& d) {
  if (priv_ == rv::Priv::U || (priv_ == rv::Priv::S && (mstatus_ & mstatus::TSR))) illegal(d);
  const rv::Priv spp = (mstatus_ & mstatus::SPP) ? rv::Priv::S : rv::Priv::U;
  mstatus_ = (mstatus_ & ~(mstatus::SIE | mstatus::SPP | mstatus::MPRV)) |
             ((mstatus_ & mstatus::SPIE) ? mstatus::SIE : 0) | mstatus::SPIE;
  enter_priv(spp);
  invalidate_fetch_translation();
  next_pc_ = sepc_;
  irq_dirty_ = true;
  stall(StallReason::Mispredict, cfg_.branch_predictor.mispredict_penalty);
}

// §3.3.3: WFI is illegal in U-mode, and in S-mode when mstatus.TW = 1. It resumes when any
// interrupt is pending and enabled in mie, whatever the global enables say.
void ExecutionEngine::wfi(const Decoded& d) {
  if (priv_ == rv::Priv::U || (priv_ == rv::Priv::S && (mstatus_ & mstatus::TW))) illegal(d);
  if (mip() & mie_) return;
  sync();
  in_wfi_ = true;
  const std::uint64_t slept_from = cycle_;
  while (!(mip() & mie_) && !run_.ended()) sc_core::wait(lines_event_);
  in_wfi_ = false;
  cycle_ = std::max(cycle_, to_cycles(sc_core::sc_time_stamp()));
  synced_cycle_ = cycle_;
  wfi_cycles_ += cycle_ - slept_from;
  if (run_.ended()) {
    stopped_ = true;
    budget_end_ = 0;
  }
}

// §12.2.1: SFENCE.VMA is illegal in U-mode, and in S-mode when mstatus.TVM = 1. rs1 = x0
// means every address, rs2 = x0 every address space; otherwise x[rs2] holds the ASID.
void ExecutionEngine::sfence_vma(const Decoded& d) {
  if (priv_ == rv::Priv::U || (priv_ == rv::Priv::S && (mstatus_ & mstatus::TVM))) illegal(d);
  const auto va = d.rs1 ? std::optional<VirtAddr>(VirtAddr(x(d.rs1))) : std::nullopt;
  const auto asid = d.rs2 ? std::optional<Asid>(Asid(static_cast<std::uint16_t>(x(d.rs2) & 0xFFFF))) : std::nullopt;
  owner_.mmu.sfence_vma(va, asid, local_offset());
  invalidate_fetch_translation();
}

}  // namespace memvp
