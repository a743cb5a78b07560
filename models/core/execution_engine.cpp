// The execution loop and the hart's notion of time. Each instruction costs one issue cycle plus
// the stalls the timing model and the memory path report; cycle_ is mcycle. SystemC time is
// cycle_ x period; the hart runs ahead of SystemC by at most one quantum and then syncs
// (temporal decoupling, as tlm_utils::tlm_quantumkeeper does, kept in cycles for exactness).
#include "core/execution_engine.h"

#include <bit>

#include <fmt/format.h>

#include "common/error.h"
#include "common/functional_dmi.h"
#include "common/tlm/payload.h"
#include "core/hart.h"

namespace memvp {

ExecutionEngine::ExecutionEngine(Hart& owner, const HartConfig& cfg, RunControl& run)
    : owner_(owner), cfg_(cfg), run_(run), timing_(cfg), pmp_(cfg.pmp_granularity), own_monitor_(cfg.hart_id + 1), monitor_(&own_monitor_),
      decode_cache_(kDecodeCacheEntries), sync_request_(new SyncRequest), memory_events_(new MemoryEvents) {
  gp_.set_extension(sync_request_);
  gp_.set_extension(memory_events_);
  clock_ = Clock::from_hz(cfg.clock_hz);
  fetch_line_bytes_ = cfg.fetch_line_bytes;
  if (!std::has_single_bit(fetch_line_bytes_) || fetch_line_bytes_ < 4 || fetch_line_bytes_ > 4096)
    throw InputError(fmt::format("core: a fetch line of {} bytes is not a power of two from 4 to 4096",
                                 cfg.fetch_line_bytes));
  fetch_line_.bytes.resize(fetch_line_bytes_);
  if (clock_.below_resolution()) throw InputError(fmt::format("core.clock_hz = {} is finer than the SystemC time resolution", cfg.clock_hz));
  // RV64: UXL = SXL = 2 (64-bit) are read-only (priv spec §3.1.6.3).
  mstatus_ = (2ULL << 32) | (2ULL << 34);
}

void ExecutionEngine::reset(std::uint64_t pc, std::uint64_t a1) {
  pc_ = pc;
  enter_priv(rv::Priv::M);
  invalidate_fetch_translation();
  x_.fill(0);
  x_[10] = cfg_.hart_id;  // a0 = mhartid, a1 = DTB (QEMU virt boot convention)
  x_[11] = a1;
}

sc_core::sc_time ExecutionEngine::local_time() const {
  return clock_.to_time(Cycles(cycle_));
}

std::uint64_t ExecutionEngine::to_cycles(const sc_core::sc_time& t) const {
  return clock_.cycles_ceil(t).value();
}

void ExecutionEngine::sync() {
  const sc_core::sc_time target = local_time();
  if (target > sc_core::sc_time_stamp()) sc_core::wait(target - sc_core::sc_time_stamp());
  synced_cycle_ = cycle_;
}

void ExecutionEngine::run() {
  if (debugger_) {
    debugger_->poll(owner_);
    check_limits();
  }
  while (!stopped_) {
    std::uint64_t end = synced_cycle_ + cfg_.quantum_cycles;
    if (max_cycles_ && end > max_cycles_) end = max_cycles_;
    execute_until(end);
    check_limits();
    if (stopped_) return;
    if (debugger_) {
      debugger_->poll(owner_);
      check_limits();
      if (stopped_) return;
    }
    sync();
    if (run_.ended()) return;
  }
}

void ExecutionEngine::check_limits() {
  if (run_.ended()) stopped_ = true;
  if (!stopped_ && max_cycles_ && cycle_ >= max_cycles_) {
    run_.end(EndReason::MaxCycles, exit_status::kMaxCycles,
             fmt::format("hart {}: stopped at the cycle limit ({} cycles, pc 0x{:x})", cfg_.hart_id, cycle_, pc_));
    stopped_ = true;
  }
}

// A mode switch requested during the quantum ends the inner loop after the current instruction;
// the quantum then goes on in the new mode.
void ExecutionEngine::execute_until(std::uint64_t end_cycle) {
  for (;;) {
    if (mode_pending_) apply_mode();
    dispatch(end_cycle);
    if (!mode_pending_ || stopped_) return;
  }
}

void ExecutionEngine::dispatch(std::uint64_t end_cycle) {
  if (mode_ != SimMode::Detailed) {
    if (debugger_) execute_until_with<false, true, true>(end_cycle);
    else execute_until_with<false, false, true>(end_cycle);
  } else if (debugger_) {
    if (waves_) execute_until_with<true, true>(end_cycle);
    else execute_until_with<false, true>(end_cycle);
  } else if (waves_) {
    execute_until_with<true, false>(end_cycle);
  } else {
    execute_until_with<false, false>(end_cycle);
  }
}

bool ExecutionEngine::debug_stop(DebugStop why) {
  if (!run_.ended()) debugger_->stop(owner_, why);
  // After a step the PC may hold a breakpoint: the next instruction runs without the check,
  // as after a breakpoint stop, so that every resume makes progress.
  skip_breakpoint_ = why == DebugStop::Step;
  if (!run_.ended()) return true;
  stopped_ = true;
  budget_end_ = 0;
  return false;
}

// A breakpoint stops the hart before the instruction at its address; on resuming, that
// instruction executes without the check, so continuing from a breakpoint moves on. A step
// stops after one instruction or after the trap entry it caused. Neither touches cycle_.
template <bool kWaves, bool kDebug, bool kFastForward>
void ExecutionEngine::execute_until_with(std::uint64_t end_cycle) {
  budget_end_ = end_cycle;
  while (cycle_ < budget_end_) {
    try {
      while (cycle_ < budget_end_) {
        if constexpr (kDebug) {
          if (skip_breakpoint_) skip_breakpoint_ = false;
          else if (debugger_->breakpoint_at(pc_) && !debug_stop(DebugStop::Breakpoint)) return;
        }
        step<kWaves>();
        if constexpr (kFastForward) {
          if (instret_ >= ff_trigger_) [[unlikely]] {
            ff_trigger_ = ~0ULL;
            if (ff_listener_ != nullptr) ff_listener_->instructions_reached(cfg_.hart_id, instret_);
          }
        }
        if constexpr (kDebug) {
          if (debugger_->stepping(cfg_.hart_id) && !debug_stop(DebugStop::Step)) return;
        }
      }
    } catch (const Trap& t) {
      if constexpr (kWaves) wave_stalls();
      take_trap(t.cause, t.tval);
      if constexpr (kWaves) wave_stalls();
      if constexpr (kDebug) {
        if (debugger_->stepping(cfg_.hart_id) && !debug_stop(DebugStop::Step)) return;
      }
    }
  }
}

// Within one phase the stalls come in this order: a translation before the access it
// translates, the access before the pipeline's own penalties.
void ExecutionEngine::wave_stalls() {
  static constexpr StallReason kOrder[] = {StallReason::Translation, StallReason::Fetch, StallReason::Load,
                                           StallReason::Store, StallReason::LoadUse, StallReason::MulDiv,
                                           StallReason::Mispredict};
  std::uint64_t at = wave_mark_.cycle;
  for (StallReason r : kOrder) {
    const auto i = static_cast<std::size_t>(r);
    if (const std::uint64_t d = stall_cycles_[i] - wave_mark_.stalls[i]) {
      waves_->stall(at, r, d);
      at += d;
    }
  }
  wave_mark();
}

template <bool kWaves>
void ExecutionEngine::step() {
  if constexpr (kWaves) wave_mark();
  if (irq_dirty_) check_interrupts();
  if constexpr (kWaves) {
    wave_stalls();
    waves_->issue(cycle_, pc_, priv_);
  }
  // Sdtrig: an execute address trigger fires before the instruction is fetched (debug spec
  // 1.0, "Priority": above the fetch's page and access faults).
  if (triggers_.watch_execute()) [[unlikely]] {
    if (triggers_.fires_on_execute(pc_, priv_) && triggers_may_fire()) raise(rv::Exception::Breakpoint, pc_);
  }
  const Decoded& d = fetch_decode();
  if constexpr (kWaves) wave_stalls();
  if (d.reads) {
    StallReason why = StallReason::LoadUse;
    if (const std::uint64_t s = timing_.operand_stall(d, cycle_, &why)) stall(why, s);
  }
  if constexpr (kWaves) wave_stalls();
  next_pc_ = pc_ + d.len;
  d.exec(*this, d);
  x_[0] = 0;
  switch (d.cls) {
    case InsnClass::Amo:
      ++amos_;
      [[fallthrough]];
    case InsnClass::Load:
      timing_.result_ready(d, cycle_ + 1 + cfg_.load_use_penalty, StallReason::LoadUse);
      break;
    case InsnClass::Mul: timing_.result_ready(d, cycle_ + cfg_.mul_latency, StallReason::MulDiv); break;
    case InsnClass::Div: stall(StallReason::MulDiv, cfg_.div_latency - 1); break;
    // The FPU's pipelined operations and its blocking divide/square-root unit (docs/core.md).
    case InsnClass::Fp: timing_.result_ready(d, cycle_ + cfg_.fp_latency, StallReason::MulDiv); break;
    case InsnClass::FpDiv: stall(StallReason::MulDiv, cfg_.fp_div_latency - 1); break;
    default: break;
  }
  if constexpr (kWaves) wave_stalls();
  pc_ = next_pc_;
  ++instret_;
  ++cycle_;
  traps_without_retire_ = 0;
  if constexpr (kWaves) waves_->retire(cycle_, instret_);
}

bool ExecutionEngine::triggers_may_fire() const {
  constexpr std::uint64_t kBreakpointBit = 1ULL << static_cast<unsigned>(rv::Exception::Breakpoint);
  if (priv_ == rv::Priv::M) return (mstatus_ & mstatus::MIE) != 0;
  if (priv_ == rv::Priv::S && (medeleg_ & kBreakpointBit)) return (mstatus_ & mstatus::SIE) != 0;
  return true;
}

void ExecutionEngine::branch(const Decoded& d, bool taken) {
  if (taken) next_pc_ = pc_ + static_cast<std::uint64_t>(d.imm);
  if (const std::uint64_t p = timing_.conditional_branch(pc_, taken)) stall(StallReason::Mispredict, p);
}

void ExecutionEngine::jump(const Decoded& d, std::uint64_t target) {
  const std::uint64_t link = pc_ + d.len;
  const bool indirect = d.cls == InsnClass::Jalr;
  if (const std::uint64_t p = timing_.jump(pc_, target, link, d.rd, d.rs1, indirect)) {
    stall(StallReason::Mispredict, p);
  }
  set_x(d.rd, link);
  next_pc_ = target;
}

void ExecutionEngine::set_mode(SimMode m) {
  pending_mode_ = m;
  mode_pending_ = true;
  budget_end_ = 0;  // leave the inner loop after the current instruction
}

// At an instruction boundary. Direct pointers are asked again in the new mode (functional ones
// carry no latency and bypass the caches); the fetch path and the MMU start over likewise.
void ExecutionEngine::apply_mode() {
  mode_pending_ = false;
  if (pending_mode_ == mode_) return;
  if (pending_mode_ == SimMode::Warming) warmup_from_ = instret_;
  if (pending_mode_ == SimMode::Detailed) {
    base_ = raw_stats();
    base_.fast_forward_instret = instret_;
    base_.warmup_instret = warmup_from_ <= instret_ ? instret_ - warmup_from_ : 0;
    base_.fast_forward_cycles = cycle_;
    hpm_carried_ = hpm_totals();
    for (unsigned k = 0; k < MemoryEvents::kKinds; ++k)  // the memory events are not zeroed
      hpm_carried_[static_cast<unsigned>(HpmEvent::L1iMiss) + k] = 0;
    owner_.mmu.reset_stats();
  }
  mode_ = pending_mode_;
  fetch_dmi_ = reacquire_dmi(fetch_dmi_, true);
  for (DmiRegion& r : data_dmi_) r = reacquire_dmi(r, false);
  drop_fetch_line();
  invalidate_fetch_translation();
  owner_.mmu.set_mode(mode_);
}

// The region `held` asked again in the current mode: with the FunctionalDmi marker outside
// Detailed, without it (so with the latency, and refused by a cache) in Detailed. A run that
// enters Detailed thus holds the pointers a run detailed from the start would hold.
DmiRegion ExecutionEngine::reacquire_dmi(const DmiRegion& held, bool fetch) {
  if (held.ptr == nullptr) return DmiRegion{};
  tlm::tlm_generic_payload gp;
  std::uint64_t unused = 0;
  set_payload(gp, tlm::TLM_READ_COMMAND, held.start, &unused, 1);
  FunctionalDmi marker;
  if (mode_ != SimMode::Detailed) gp.set_extension(&marker);
  tlm::tlm_dmi dmi;
  auto& socket = fetch ? owner_.fetch_socket : owner_.data_socket;
  const bool granted = socket->get_direct_mem_ptr(gp, dmi);
  if (mode_ != SimMode::Detailed) gp.clear_extension(&marker);
  if (!granted) return DmiRegion{};
  DmiRegion r = DmiRegion::granted(dmi, clock_);
  if (mode_ != SimMode::Detailed) r.read_cycles = r.write_cycles = 0;
  return r.readable ? r : DmiRegion{};
}

void ExecutionEngine::roi_marker(RoiMarker m) {
  // The marker is an ALU instruction: nothing is charged after it executes but its issue cycle.
  if (ff_listener_ != nullptr) ff_listener_->roi_marker(cfg_.hart_id, m, instret_ + 1, cycle_ + 1);
  if (run_.ended()) {
    stopped_ = true;
    budget_end_ = 0;
  }
}

// The counters since the detailed part began (all of them without fast-forward); what ran
// before is reported as the fast-forward figures.
HartStats ExecutionEngine::stats() const {
  HartStats s = counted_since(raw_stats(), base_);
  if (mode_ != SimMode::Detailed) {  // the run ended before the switch: nothing was detailed
    s = counted_since(raw_stats(), raw_stats());
    s.fast_forward_instret = instret_;
    s.warmup_instret = warmup_from_ <= instret_ ? instret_ - warmup_from_ : 0;
    s.fast_forward_cycles = cycle_;
    return s;
  }
  s.fast_forward_instret = base_.fast_forward_instret;
  s.warmup_instret = base_.warmup_instret;
  s.fast_forward_cycles = base_.fast_forward_cycles;
  return s;
}

HartStats ExecutionEngine::raw_stats() const {
  HartStats s;
  s.instret = instret_;
  s.cycles = cycle_;
  s.exceptions = exceptions_;
  s.interrupts = interrupts_;
  s.stall_cycles = stall_cycles_;
  s.branches = timing_.branches();
  s.mispredicts = timing_.mispredicts();
  s.loads = loads_;
  s.stores = stores_;
  s.amos = amos_;
  s.wfi_cycles = wfi_cycles_;
  s.privilege_cycles = priv_cycles_;
  s.privilege_cycles[static_cast<unsigned>(priv_)] += cycle_ - priv_since_;
  return s;
}

}  // namespace memvp
