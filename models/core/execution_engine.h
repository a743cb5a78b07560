// The hart's execution engine: architectural state, the fetch-decode-execute loop, memory
// access through TLM (with DMI where granted), CSRs, traps and interrupts. Split by concern over
// execution_engine.cpp (loop, time), memory_access.cpp, csr.cpp and trap.cpp; the semantics of each
// instruction class live in isa/ and use only the public members below.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>

#include "common/clock.h"
#include "common/riscv.h"
#include "common/run_control.h"
#include "common/sim_mode.h"
#include "common/tlm/dmi_region.h"
#include "common/types.h"
#include "common/sync_request.h"
#include "common/tlm/memory_events.h"
#include "interconnect/reservation_monitor.h"
#include "core/csr_numbers.h"
#include "core/decode.h"
#include "core/fast_forward_listener.h"
#include "core/hart_config.h"
#include "core/hart_debugger.h"
#include "core/hart_stats.h"
#include "core/hart_waves.h"
#include "core/hit_routes.h"
#include "core/hpm_counters.h"
#include "core/pipeline_timing.h"
#include "core/pmp.h"
#include "core/triggers.h"

namespace memvp {

class Hart;

// A synchronous exception on its way to the trap handler (priv spec §3.1.15-16).
struct Trap {
  std::uint64_t cause;
  std::uint64_t tval;
};

// mstatus fields (priv spec §3.1.6, Figure 8).
namespace mstatus {
constexpr std::uint64_t SIE = 1ULL << 1, MIE = 1ULL << 3, SPIE = 1ULL << 5, MPIE = 1ULL << 7,
                        SPP = 1ULL << 8, MPP = 3ULL << 11, MPRV = 1ULL << 17, SUM = 1ULL << 18,
                        MXR = 1ULL << 19, TVM = 1ULL << 20, TW = 1ULL << 21, TSR = 1ULL << 22,
                        UXL = 3ULL << 32, SXL = 3ULL << 34, FS = 3ULL << 13, SD = 1ULL << 63;
constexpr std::uint64_t kFsDirty = 3ULL << 13;
constexpr unsigned kMppShift = 11;
}  // namespace mstatus

class ExecutionEngine {
 public:
  ExecutionEngine(Hart& owner, const HartConfig& cfg, RunControl& run);

  void reset(std::uint64_t pc, std::uint64_t a1);
  void run();
  void set_max_cycles(std::uint64_t limit) { max_cycles_ = limit; }
  void lines_changed(std::uint64_t hw_pending);  // mip bits driven by the interrupt lines
  void invalidate_dmi(std::uint64_t start, std::uint64_t end);
  // Reports the `hart` wave group to `waves` from now on (nullptr: no waves, the default).
  void attach_waves(HartWaves* waves) { waves_ = waves; }
  [[nodiscard]] std::uint64_t clock_period_ticks() const { return clock_.period_ticks(); }
  // Checks breakpoints and single steps with `debugger` from now on (nullptr: none, the default).
  void attach_debugger(HartDebugger* debugger) { debugger_ = debugger; }

  // Fast-forward (docs/fast-forward.md). set_mode takes effect at the next instruction boundary
  // (the current instruction, if any, finishes in the old mode); entering Detailed starts the
  // statistics from zero. Outside Detailed memory is reached by functional DMI with no latency,
  // the MMU translates untimed, and waves are not reported.
  void set_mode(SimMode m);
  [[nodiscard]] SimMode mode() const { return mode_; }
  void set_fast_forward_listener(FastForwardListener* l) { ff_listener_ = l; }
  // Tells the listener once this hart has retired `instret` instructions, checked after each
  // instruction outside Detailed only (~0: never).
  void set_instruction_trigger(std::uint64_t instret) { ff_trigger_ = instret; }
  [[nodiscard]] std::uint64_t instret() const { return instret_; }
  // A region-of-interest marker retired (isa/semantics.h).
  void roi_marker(RoiMarker m);

  // --- used by a debugger while the machine is stopped (hart_debug.cpp) ---
  void set_pc(std::uint64_t pc) { pc_ = pc; }
  // A CSR as csrr would read it, without the access rules; nullopt: no such CSR.
  std::optional<std::uint64_t> debug_csr(unsigned csr) { return csr_read(csr); }
  // Writes as csrw would, without the access rules; false: no such CSR.
  bool debug_set_csr(unsigned csr, std::uint64_t v);
  // Moves len bytes between `data` and virtual memory as the hart sees it now (its satp and
  // privilege), by debug transport; no TLB, cache, statistic or time changes. False on an
  // unmapped page or a target that refuses.
  bool debug_access(tlm::tlm_command cmd, VirtAddr va, std::uint8_t* data, unsigned len);
  void set_priv(rv::Priv p) { enter_priv(p); invalidate_fetch_translation(); }

  // --- used by instruction semantics (isa/) ---
  [[nodiscard]] std::uint64_t x(unsigned i) const { return x_[i]; }
  void set_x(unsigned i, std::uint64_t v) { x_[i] = v; }  // x0 is re-zeroed after each instruction
  [[nodiscard]] std::uint64_t pc() const { return pc_; }
  // F and D state (unprivileged spec §21.1-21.2): f0-f31 and fcsr. Any write makes
  // mstatus.FS Dirty (priv spec §3.1.6.6); with FS Off every F/D instruction is illegal.
  [[nodiscard]] std::uint64_t f(unsigned i) const { return f_[i]; }
  void set_f(unsigned i, std::uint64_t v) { f_[i] = v; fp_dirty(); }
  [[nodiscard]] unsigned frm() const { return frm_; }
  void accrue_fflags(unsigned flags) { if (flags) { fflags_ |= flags; fp_dirty(); } }
  void require_fp(const Decoded& d) { if ((mstatus_ & mstatus::FS) == 0) illegal(d); }
  [[nodiscard]] rv::Priv priv() const { return priv_; }
  [[noreturn]] void raise(rv::Exception e, std::uint64_t tval) {
    throw Trap{static_cast<std::uint64_t>(e), tval};
  }
  [[noreturn]] void illegal(const Decoded& d) { raise(rv::Exception::IllegalInstr, d.raw); }

  // Control flow: each tells the timing model what happened.
  void branch(const Decoded& d, bool taken);
  void jump(const Decoded& d, std::uint64_t target);

  // Data memory. Addresses are virtual: translated by the MMU when translation is on, then
  // checked by the PMP. A misaligned load or store is performed in parts or traps, as
  // HartConfig::misaligned says (unprivileged spec §2.6, priv spec §3.6.4).
  template <class T> T load(VirtAddr addr, rv::Access kind = rv::Access::Load);
  template <class T> void store(VirtAddr addr, T value, rv::Access kind = rv::Access::Store);
  // An AMO: one translation, then read, combine with `op`, write; returns the old value.
  template <class T, class Op> T read_modify_write(VirtAddr addr, Op op);
  // `va` is the address the access was made with, for the trap value of a fault.
  template <class T> T read_physical(PhysAddr pa, VirtAddr va, rv::Access kind);
  template <class T> void write_physical(PhysAddr pa, VirtAddr va, T value, rv::Access kind);
  // LR/SC (unprivileged spec §14.2), with reservations on physical addresses kept by the
  // platform's ReservationMonitor, which every store of every hart breaks.
  template <class T> T load_reserved(VirtAddr addr);
  template <class T> bool store_conditional(VirtAddr addr, T value);
  void attach_reservation_monitor(ReservationMonitor& m) { monitor_ = &m; }

  // Zicsr: returns the old value; raises illegal instruction on any access rule violation.
  std::uint64_t csr_access(const Decoded& d, unsigned csr, std::uint64_t operand, CsrOp op, bool writes);

  // Privileged instructions.
  void ecall();
  void mret(const Decoded& d);
  void sret(const Decoded& d);
  void wfi(const Decoded& d);
  void sfence_vma(const Decoded& d);
  void fence_i() { drop_fetch_line(); }

  PipelineTiming& timing() { return timing_; }
  [[nodiscard]] HartStats stats() const;
  [[nodiscard]] bool waiting_for_interrupt() const { return in_wfi_; }
  [[nodiscard]] const HartConfig& config() const { return cfg_; }

 private:
  static constexpr unsigned kDecodeCacheEntries = 1u << 14;

  struct DecodeCacheEntry {
    std::uint64_t pc = ~0ULL;
    std::uint32_t bits = 0;  // the encoding it was decoded from
    Decoded d;
  };

  // execution_engine.cpp: the loop and time.
  void execute_until(std::uint64_t end_cycle);
  // The loop and one instruction, compiled twice: with the `hart` wave reports and without
  // them, so that a run without waves pays nothing for them.
  // With a debugger attached, a third variant checks its breakpoints and steps (kDebug).
  template <bool kWaves, bool kDebug, bool kFastForward = false> void execute_until_with(std::uint64_t end_cycle);
  void dispatch(std::uint64_t end_cycle);
  void apply_mode();
  // An access outside Detailed: through a direct pointer asked with the FunctionalDmi marker
  // (no latency), kept for the next accesses; false when no target grants one (a device).
  bool functional_transport(tlm::tlm_command cmd, PhysAddr addr, void* data, unsigned len, bool fetch);
  [[nodiscard]] HartStats raw_stats() const;
  DmiRegion reacquire_dmi(const DmiRegion& held, bool fetch);
  // A debugger stop; false when the debugger ended the run meanwhile (the hart then stops).
  bool debug_stop(DebugStop why);
  template <bool kWaves> void step();
  // With waves, stalls are read off stall_cycles_ at the boundaries of an instruction's phases
  // (interrupt check, fetch, operands, execution, trap entry) rather than reported by stall(),
  // which stays a plain addition: wave_stalls() reports those since the last mark.
  void wave_mark() { wave_mark_ = {cycle_, stall_cycles_}; }
  void wave_stalls();
  void sync();
  void check_limits();
  [[nodiscard]] sc_core::sc_time local_time() const;
  [[nodiscard]] std::uint64_t to_cycles(const sc_core::sc_time& t) const;
  // Every change of privilege goes through here, so that the cycles spent in each mode add up
  // to cycle_ (HartStats::privilege_cycles); the switching instruction counts to the new mode.
  void enter_priv(rv::Priv p) {
    priv_cycles_[static_cast<unsigned>(priv_)] += cycle_ - priv_since_;
    priv_since_ = cycle_;
    priv_ = p;
  }
  void stall(StallReason why, std::uint64_t cycles) {
    cycle_ += cycles;
    stall_cycles_[static_cast<int>(why)] += cycles;
  }

  // Privilege for loads and stores: MPP when M-mode sets mstatus.MPRV (priv spec §3.1.6.4),
  // which the PMP checks use as well (§3.7.1).
  [[nodiscard]] rv::Priv data_priv() const {
    if (priv_ == rv::Priv::M && (mstatus_ & mstatus::MPRV)) {
      return static_cast<rv::Priv>((mstatus_ & mstatus::MPP) >> mstatus::kMppShift);
    }
    return priv_;
  }
  // Virtual to physical for one access; identity with satp.MODE = Bare or in M-mode (§12.1.11).
  PhysAddr translate(VirtAddr va, rv::Access kind) {
    return translate_as(va, kind, kind == rv::Access::Fetch ? priv_ : data_priv());
  }
  PhysAddr translate_as(VirtAddr va, rv::Access kind, rv::Priv p) {
    if ((satp_ >> 60) == 0 || p == rv::Priv::M) return PhysAddr(va.value());
    return translate_with_mmu(va, kind, p);
  }
  // A data access's physical address: translated, then checked by the PMP with the effective
  // privilege; a PMP violation is the access fault of `kind` with tval = va (§3.7.1).
  PhysAddr data_address(VirtAddr va, unsigned len, rv::Access kind) {
    const rv::Priv p = data_priv();
    const PhysAddr pa = translate_as(va, kind, p);
    if (pmp_.applies_to(p) && !pmp_.allows(pa, len, kind, p)) [[unlikely]]
      raise(rv::access_fault_for(kind), va.value());
    return pa;
  }
  // A fetch parcel's PMP check (instruction access fault, tval = va).
  void check_fetch_pmp(PhysAddr pa, VirtAddr va) {
    if (pmp_.applies_to(priv_) && !pmp_.allows(pa, 2, rv::Access::Fetch, priv_)) raise(rv::Exception::InstrAccessFault, va.value());
  }

  // misaligned_access.cpp: a misaligned load or store (HartConfig::misaligned).
  void misaligned_access(VirtAddr va, void* data, unsigned len, rv::Access kind, bool write);
  // Sdtrig (triggers.h): a breakpoint exception with tval = the address when a trigger fires.
  // Triggers with action 0 do not fire in M-mode while mstatus.MIE = 0, nor in S-mode while
  // SIE = 0 when breakpoints are delegated (debug spec 1.0, "Native Triggers", option 1).
  [[nodiscard]] bool triggers_may_fire() const;
  void check_data_triggers(VirtAddr va, unsigned len, rv::Access kind) {
    if (triggers_.fires_on_data(va.value(), len, kind, priv_) && triggers_may_fire())
      raise(rv::Exception::Breakpoint, va.value());
  }

  // memory_access.cpp
  PhysAddr translate_with_mmu(VirtAddr va, rv::Access kind, rv::Priv p);
  const Decoded& fetch_decode();
  std::uint32_t fetch_bits(VirtAddr pc);
  [[gnu::always_inline]] inline std::uint32_t fetch_unchecked_bits(VirtAddr pc, PhysAddr pa);
  [[gnu::noinline]] std::uint32_t fetch_checked_bits(VirtAddr pc, PhysAddr pa);
  PhysAddr fetch_address(VirtAddr pc);
  std::uint16_t fetch_parcel(PhysAddr pa, VirtAddr va);
  [[nodiscard]] sc_core::sc_time local_offset() const {
    return clock_.to_time(Cycles(cycle_ - synced_cycle_));
  }
  // The memory access of a load or store part: through DMI or b_transport, charged its latency.
  inline void read_bytes(PhysAddr pa, VirtAddr va, void* data, unsigned len, rv::Access kind);
  inline void write_bytes(PhysAddr pa, VirtAddr va, const void* data, unsigned len, rv::Access kind);
  // A fault raises the access fault of `kind` with tval = `va` (priv spec §3.1.16).
  void transport(tlm::tlm_command cmd, PhysAddr addr, void* data, unsigned len, rv::Access kind,
                 VirtAddr va);
  const DmiRegion* data_dmi(PhysAddr addr, unsigned len, bool write) const;
  void acquire_dmi(tlm::tlm_generic_payload& gp, bool fetch);
  // An access a route's HitPath does (a cache hit), charged what transport() would charge for
  // it: the interconnects' and the target's latency, in cycles rounded up. False: nothing was
  // done, use transport().
  bool hit_access(const HitRoutes& routes, PhysAddr pa, void* data, unsigned len, bool write, StallReason why) {
    const HitRoute* r = routes.find(pa.value(), len);
    if (r == nullptr || r->path == nullptr) return false;
    sc_core::sc_time d = write ? r->write_latency : r->read_latency;
    if (!r->path->try_access(pa.value() - r->offset, static_cast<unsigned char*>(data), len, write, d)) return false;
    stall(why, to_cycles(d));
    return true;
  }
  // Asks the target of `addr` on `fetch`'s socket for a HitPath (after a transport there that
  // granted no DMI) and remembers the answer for its range.
  void acquire_hit_route(std::uint64_t addr, unsigned len, bool fetch);
  void settle_device_write();
  // A target wait()ed inside b_transport (a DDR4 controller in sync_to_arrival mode): SystemC
  // time is `now` and the access completes at now + delay. Moves the hart's time there.
  void rebase_after_wait(const sc_core::sc_time& now, const sc_core::sc_time& delay, StallReason why);

  // trap.cpp
  void take_trap(std::uint64_t cause, std::uint64_t tval);
  void check_interrupts();
  [[nodiscard]] std::optional<unsigned> interrupt_to_take() const;
  void note_trap_for_loop_detection(std::uint64_t cause, std::uint64_t tval);

  // csr.cpp
  [[nodiscard]] std::uint64_t mip() const { return mip_sw_ | mip_hw_; }
  [[nodiscard]] std::uint64_t time_now() const;
  [[nodiscard]] bool counter_enabled(unsigned csr) const;
  std::optional<std::uint64_t> csr_read(unsigned csr);  // nullopt: no such CSR
  void csr_write(unsigned csr, std::uint64_t v);
  void set_mstatus(std::uint64_t v);
  void set_counters_inhibit(std::uint64_t v);
  // Every performance-counter event's total so far: the MMU's, and the memory system's for the
  // hart's own accesses and its walker's.
  [[nodiscard]] HpmTotals hpm_totals() const;
  // SD summarises FS (priv spec §3.1.6.6; XS is always 0 here).
  void update_sd() {
    mstatus_ = (mstatus_ & ~mstatus::SD) | ((mstatus_ & mstatus::FS) == mstatus::kFsDirty ? mstatus::SD : 0);
  }
  void fp_dirty() { mstatus_ |= mstatus::kFsDirty | mstatus::SD; }
  [[nodiscard]] std::uint64_t mcycle() const;
  [[nodiscard]] std::uint64_t minstret() const;

  Hart& owner_;
  HartConfig cfg_;
  RunControl& run_;
  PipelineTiming timing_;

  // Architectural state.
  std::array<std::uint64_t, 32> x_{};
  std::array<std::uint64_t, 32> f_{};
  unsigned fflags_ = 0, frm_ = 0;
  std::uint64_t pc_ = 0, next_pc_ = 0;
  rv::Priv priv_ = rv::Priv::M;
  std::uint64_t mstatus_ = 0, medeleg_ = 0, mideleg_ = 0, mie_ = 0, mip_sw_ = 0, mip_hw_ = 0;
  std::uint64_t mtvec_ = 0, stvec_ = 0, mepc_ = 0, sepc_ = 0, mcause_ = 0, scause_ = 0;
  std::uint64_t mtval_ = 0, stval_ = 0, mscratch_ = 0, sscratch_ = 0, satp_ = 0;
  std::uint64_t mcounteren_ = 0, scounteren_ = 0, mcountinhibit_ = 0, menvcfg_ = 0, senvcfg_ = 0;
  Pmp pmp_;
  Triggers triggers_;
  ReservationMonitor own_monitor_;  // used until the platform attaches the shared one
  ReservationMonitor* monitor_;

  // Counters: mcycle = cycle_ + mcycle_offset_, minstret = instret_ + minstret_offset_.
  std::uint64_t cycle_ = 0, instret_ = 0;
  std::uint64_t mcycle_offset_ = 0, minstret_offset_ = 0;
  std::uint64_t frozen_mcycle_ = 0, frozen_minstret_ = 0;  // values held while mcountinhibit stops them
  HpmCounters hpm_;
  std::uint64_t synced_cycle_ = 0;  // cycle_ at the last sync with SystemC time
  std::array<std::uint64_t, 4> priv_cycles_{};  // cycles spent in U, S, (none), M before priv_since_
  std::uint64_t priv_since_ = 0;                // cycle_ when priv_ was entered
  std::uint64_t budget_end_ = 0;    // execute_until's bound; 0 stops the hart at once
  std::uint64_t max_cycles_ = 0;
  Clock clock_;
  bool irq_dirty_ = true;           // something that affects interrupts changed
  bool in_wfi_ = false;
  bool stopped_ = false;
  sc_core::sc_event lines_event_;
  HartWaves* waves_ = nullptr;      // the hart's wave group, when recorded
  HartDebugger* debugger_ = nullptr;  // the GDB stub, when attached
  bool skip_breakpoint_ = false;      // resumed from a step: the next PC is not checked
  struct WaveMark {
    std::uint64_t cycle = 0;
    std::array<std::uint64_t, static_cast<int>(StallReason::Count)> stalls{};
  } wave_mark_;

  // Trap-loop detection: consecutive traps without a retired instruction.
  unsigned traps_without_retire_ = 0;
  Trap first_trap_{};
  std::uint64_t first_trap_pc_ = 0;

  // The fetch unit works on aligned blocks of one fetch line (cfg.fetch_line_bytes, the L1
  // I-cache line): it translates once per block (as a front end does, not once per
  // instruction) and keeps the block's physical address until the PC leaves the block or
  // something that decides fetch translation changes (satp, SFENCE.VMA, privilege).
  std::uint64_t fetch_line_bytes_;
  struct FetchTranslation {
    bool valid = false;
    VirtAddr va;  // block-aligned
    PhysAddr pa;
    bool pmp_clear = false;  // the PMP lets the hart execute the whole page: no per-fetch check
  } fetch_xlate_;
  void invalidate_fetch_translation() {
    fetch_xlate_.valid = false;
    fetch_host_.ptr = nullptr;
  }
  // The current fetch block in host memory, when the PMP clears its page and either fetch DMI
  // covers all of it or the fetch buffer holds it and DMI covers none of it: an instruction
  // wholly inside it is read from here and charged the DMI read latency (none from the fetch
  // buffer), which is what fetch_bits() would do, without its checks. Dropped with the fetch
  // translation, when the block changes, when the fetch DMI region changes and with the fetch
  // buffer.
  struct FetchHost {
    std::uint64_t va = 0;  // block-aligned
    const unsigned char* ptr = nullptr;
    std::uint64_t read_cycles = 0;
  } fetch_host_;
  void note_fetch_host();
  void drop_fetch_line() {
    fetch_line_.valid = false;
    fetch_host_.ptr = nullptr;
  }

  // Fetch buffer for targets without DMI: one aligned line, refilled on a miss, dropped by
  // FENCE.I (Zifencei §6: only FENCE.I orders stores before later fetches).
  struct FetchLine {
    bool valid = false;
    PhysAddr pa;  // line-aligned
    std::vector<std::uint8_t> bytes;  // fetch_line_bytes_ of them
  } fetch_line_;

  std::vector<DecodeCacheEntry> decode_cache_;
  HitRoutes fetch_routes_, data_routes_;
  DmiRegion fetch_dmi_;
  std::array<DmiRegion, 4> data_dmi_{};
  unsigned data_dmi_next_ = 0;
  tlm::tlm_generic_payload gp_;
  SyncRequest* sync_request_;  // owned by gp_ (freed with it)
  // What the memory system reported serving the hart's fetches, loads and stores since reset
  // (common/tlm/memory_events.h); owned by gp_.
  MemoryEvents* memory_events_;

  // Fast-forward.
  SimMode mode_ = SimMode::Detailed;
  SimMode pending_mode_ = SimMode::Detailed;
  bool mode_pending_ = false;
  FastForwardListener* ff_listener_ = nullptr;
  std::uint64_t ff_trigger_ = ~0ULL;
  std::uint64_t warmup_from_ = ~0ULL;  // instret_ when Warming was entered
  HartStats base_{};                   // raw_stats() when Detailed was entered from another mode
  // The MMU's event totals when its statistics were zeroed, so that the counters of Zihpm
  // never step back (hpm_totals adds them).
  HpmTotals hpm_carried_{};

  // Statistics.
  std::array<std::uint64_t, 16> exceptions_{}, interrupts_{};
  std::array<std::uint64_t, static_cast<int>(StallReason::Count)> stall_cycles_{};
  std::uint64_t loads_ = 0, stores_ = 0, amos_ = 0, wfi_cycles_ = 0;
};

inline void ExecutionEngine::read_bytes(PhysAddr pa, VirtAddr va, void* data, unsigned len, rv::Access kind) {
  if (const DmiRegion* r = data_dmi(pa, len, false)) {
    std::memcpy(data, r->at(pa.value()), len);
    stall(StallReason::Load, r->read_cycles);
  } else if (!hit_access(data_routes_, pa, data, len, false, StallReason::Load)) {
    transport(tlm::TLM_READ_COMMAND, pa, data, len, kind, va);
  }
  ++loads_;
}

inline void ExecutionEngine::write_bytes(PhysAddr pa, VirtAddr va, const void* data, unsigned len, rv::Access kind) {
  if (const DmiRegion* r = data_dmi(pa, len, true)) {
    std::memcpy(r->at(pa.value()), data, len);
    stall(StallReason::Store, r->write_cycles);
  } else if (!hit_access(data_routes_, pa, const_cast<void*>(data), len, true, StallReason::Store)) {
    transport(tlm::TLM_WRITE_COMMAND, pa, const_cast<void*>(data), len, kind, va);
  }
  monitor_->store(cfg_.hart_id, pa, len);
  ++stores_;
}

template <class T>
T ExecutionEngine::read_physical(PhysAddr pa, VirtAddr va, rv::Access kind) {
  T v;
  read_bytes(pa, va, &v, sizeof(T), kind);
  return v;
}

template <class T>
void ExecutionEngine::write_physical(PhysAddr pa, VirtAddr va, T value, rv::Access kind) {
  write_bytes(pa, va, &value, sizeof(T), kind);
}

template <class T>
T ExecutionEngine::load(VirtAddr addr, rv::Access kind) {
  if (triggers_.watch_data()) [[unlikely]] check_data_triggers(addr, sizeof(T), kind);
  if (addr.value() & (sizeof(T) - 1)) [[unlikely]] {
    T v;
    misaligned_access(addr, &v, sizeof(T), kind, false);
    return v;
  }
  return read_physical<T>(data_address(addr, sizeof(T), kind), addr, kind);
}

template <class T>
void ExecutionEngine::store(VirtAddr addr, T value, rv::Access kind) {
  if (triggers_.watch_data()) [[unlikely]] check_data_triggers(addr, sizeof(T), kind);
  if (addr.value() & (sizeof(T) - 1)) [[unlikely]] return misaligned_access(addr, &value, sizeof(T), kind, true);
  write_physical<T>(data_address(addr, sizeof(T), kind), addr, value, kind);
}

template <class T>
T ExecutionEngine::load_reserved(VirtAddr addr) {
  if (triggers_.watch_data()) [[unlikely]] check_data_triggers(addr, sizeof(T), rv::Access::Load);
  if (addr.value() & (sizeof(T) - 1)) raise(rv::Exception::LoadMisaligned, addr.value());
  const PhysAddr pa = data_address(addr, sizeof(T), rv::Access::Load);
  const T v = read_physical<T>(pa, addr, rv::Access::Load);
  monitor_->reserve(cfg_.hart_id, pa);
  return v;
}

// §14.2: the SC writes only while its hart still holds the reservation, and always ends it.
template <class T>
bool ExecutionEngine::store_conditional(VirtAddr addr, T value) {
  if (triggers_.watch_data()) [[unlikely]] check_data_triggers(addr, sizeof(T), rv::Access::Store);
  if (addr.value() & (sizeof(T) - 1)) raise(rv::Exception::StoreMisaligned, addr.value());
  const PhysAddr pa = data_address(addr, sizeof(T), rv::Access::Amo);
  const bool held = monitor_->holds(cfg_.hart_id, pa);
  monitor_->clear(cfg_.hart_id);
  if (held) write_physical<T>(pa, addr, value, rv::Access::Amo);
  return held;
}

template <class T, class Op>
T ExecutionEngine::read_modify_write(VirtAddr addr, Op op) {
  if (triggers_.watch_data()) [[unlikely]] check_data_triggers(addr, sizeof(T), rv::Access::Amo);
  // §14.4: AMOs need natural alignment; a misaligned one is a store/AMO address-misaligned trap.
  if (addr.value() & (sizeof(T) - 1)) raise(rv::Exception::StoreMisaligned, addr.value());
  const PhysAddr pa = data_address(addr, sizeof(T), rv::Access::Amo);
  T old;
  if (const DmiRegion* r = data_dmi(pa, sizeof(T), true); r && r->readable) {
    std::memcpy(&old, r->at(pa.value()), sizeof(T));
    const T updated = op(old);
    std::memcpy(r->at(pa.value()), &updated, sizeof(T));
    stall(StallReason::Load, r->read_cycles + r->write_cycles);
  } else {
    transport(tlm::TLM_READ_COMMAND, pa, &old, sizeof(T), rv::Access::Amo, addr);
    T updated = op(old);
    transport(tlm::TLM_WRITE_COMMAND, pa, &updated, sizeof(T), rv::Access::Amo, addr);
  }
  monitor_->store(cfg_.hart_id, pa, sizeof(T));
  return old;
}

}  // namespace memvp
