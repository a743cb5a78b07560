// The memory-management unit of one hart: L1 ITLB, L1 DTLB, a unified L2 TLB, a page-walk
// cache and the hardware page-table walker, which reads and updates PTEs with real TLM-2.0
// transactions through ptw_socket. The hart calls translate() synchronously from its thread
// for every fetch, load, store and AMO, and reports sfence.vma and satp writes.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include "common/clock.h"
#include "common/tlm/dmi_region.h"
#include "common/sim_mode.h"
#include "mmu/functional_tlb.h"
#include "common/riscv.h"
#include "common/types.h"
#include "mmu/mmu_config.h"
#include "mmu/mmu_stats.h"
#include "mmu/page_table_walker.h"
#include "mmu/page_walk_cache.h"
#include "mmu/tlb.h"
#include "mmu/shadow_tlb_set.h"
#include "mmu/tlb_geometry.h"
#include "mmu/tlb_impl.h"
#include "mmu/translation.h"
#include "mmu/translation_observer.h"
#include "common/waves/wave_recorder.h"

namespace memvp::mmu {

class Mmu : public sc_core::sc_module, public stats::Group, private PteMemory {
 public:
  // PTE reads and A/D writes of the walker (8-byte, little-endian); bind to the cache level
  // or bus the walker's accesses should enter.
  tlm_utils::simple_initiator_socket<Mmu> ptw_socket;

  Mmu(sc_core::sc_module_name name, const MmuConfig& cfg);

  // Translates va for one access. `delay` is the caller's local time offset (temporal
  // decoupling): PTE accesses are issued at sc_time_stamp() + delay plus the lookup latency,
  // and on return sc_time_stamp() + delay is exactly result.latency cycles of cfg.clock_hz
  // later than on entry, whether the targets annotate their latency or wait it out.
  // M-mode effective privilege or satp.MODE = Bare give pa = va with no lookup and no
  // latency. May be called outside a SystemC process if the targets never wait().
  TranslateResult translate(VirtAddr va, rv::Access access, const TranslationContext& ctx,
                            sc_core::sc_time& delay);

  // sfence.vma rs1, rs2 (§12.2.1): nullopt stands for x0. The hart passes Asid(x[rs2] & 0xFFFF);
  // bits above ASIDLEN are ignored here.
  // `delay` (the caller's local offset) only dates the event for observers.
  void sfence_vma(std::optional<VirtAddr> va, std::optional<Asid> asid,
                  const sc_core::sc_time& delay = sc_core::SC_ZERO_TIME);
  // Every write to satp, after legalize_satp(). With ASIDs disabled it flushes all non-global
  // translations (the cost of context switches without ASIDs).
  void satp_written(std::uint64_t new_satp,
                    const sc_core::sc_time& delay = sc_core::SC_ZERO_TIME);
  // The value satp takes when software writes `written` (WARL, §12.1.11).
  [[nodiscard]] std::uint64_t legalize_satp(std::uint64_t old_value, std::uint64_t written) const;
  // The physical address of `va` under `satp` for a debugger (debug_translate.cpp): the page
  // tables are read by debug transport and nothing else changes (no TLB fill, no statistic, no
  // A/D bit, no time). nullopt where the hart would take a page fault whatever its privilege.
  std::optional<PhysAddr> debug_translate(VirtAddr va, std::uint64_t satp);
  // The MMU's part of a mode switch (common/sim_mode.h, docs/fast-forward.md). Functional:
  // translations by a walk through debug transport (A/D bits set as in Detailed), kept in a
  // FunctionalTlb; no modelled TLB or page-walk cache changes, no latency, no observer call.
  // Warming: the modelled TLBs and page-walk cache are looked up and filled as in Detailed, PTEs
  // still by debug transport, no latency, no observer call. Every switch forgets the
  // FunctionalTlb.
  void set_mode(SimMode m);
  [[nodiscard]] SimMode mode() const { return mode_; }
  // Zeroes the MMU's statistics, its TLB levels' and its page-walk cache's (the start of the
  // detailed part); no entry changes.
  void reset_stats();
  [[nodiscard]] unsigned asid_bits() const { return cfg_.asid_enabled ? kAsidMaxBits : 0; }

  [[nodiscard]] Tlb& tlb(TlbSlot slot);
  // Swaps in another TLB model (an RTL adapter, or a wrapper that shadows the C++ model).
  void replace_tlb(TlbSlot slot, std::unique_ptr<Tlb> tlb);
  // Observers are called in the order added; they must outlive the Mmu or never be called.
  void add_observer(TranslationObserver& observer) { observers_.push_back(&observer); }
  // Shadow TLBs of these geometries (mmu/shadow_tlb_set.h) watch this MMU from now on, an
  // observer like any other; their statistics appear as `shadow_tlbs` (docs/stats.md). Throws
  // InputError for a geometry this MMU's levels cannot have. At most once.
  void attach_shadow_tlbs(const std::vector<TlbGeometry>& geometries);
  [[nodiscard]] const ShadowTlbSet* shadow_tlbs() const { return shadows_.get(); }
  // Records the `mmu` wave group (docs/waves.md) under `scope` ("hart0.mmu") into `rec`, which
  // must outlive the run: an observer like any other, so timing is the same with or without.
  void attach_waves(waves::WaveRecorder& rec, const std::string& scope);
  [[nodiscard]] const PageWalkCache& pwc() const { return pwc_; }
  [[nodiscard]] const MmuStats& stats() const { return stats_; }
  // Its events for the hart's performance counters (mmu_stats.cpp).
  [[nodiscard]] MmuEvents events() const;
  // Its own counters, each TLB level and the page-walk cache (docs/stats.md, harts[i].mmu).
  void visit_stats(stats::Visitor& v) const override;
  [[nodiscard]] const MmuConfig& config() const { return cfg_; }
  [[nodiscard]] sc_core::sc_time clock_period() const { return clock_.period(); }
  [[nodiscard]] const Clock& clock() const { return clock_; }

 private:
  enum class HitUse { Translate, Fault, Walk };
  HitUse classify(const TlbEntry& e, rv::Access access, const TranslationContext& ctx) const;
  // L1 then L2: the entry to use, or nullopt when a walk is needed; adds their latencies.
  std::optional<TlbEntry> lookup_tlbs(Tlb& l1, VirtAddr va, rv::Access access,
                                      const TranslationContext& ctx, Asid asid, Cycles& cycles,
                                      Outcome& found);
  // Caches e in a level, cut to the largest size the level holds.
  static void fill_level(Tlb& tlb, const TlbEntry& e, VirtAddr va);
  void count_walk(const WalkRecord& w);
  // translate() outside SimMode::Detailed: no latency, no statistics that survive the switch,
  // no observer.
  TranslateResult translate_untimed(VirtAddr va, rv::Access access, const TranslationContext& ctx);
  const VmInfo* begin_translation(TranslateResult& r, VirtAddr va, rv::Access access,
                                  const TranslationContext& ctx) const;
  void flush_everywhere(const TlbFlush& f, FlushCause cause, const sc_core::sc_time& delay);
  void record(TranslateResult& r, Cycles cycles, const sc_core::sc_time& start,
              sc_core::sc_time& delay);

  bool read_pte(PhysAddr addr, std::uint64_t& value, sc_core::sc_time& delay) override;
  PteUpdate update_pte(PhysAddr addr, std::uint64_t expected, std::uint64_t desired,
                       sc_core::sc_time& delay) override;
  // One untimed PTE access by debug transport; false unless all 8 bytes moved.
  bool pte_debug(tlm::tlm_command cmd, PhysAddr addr, std::uint64_t& value);

  // Where this MMU's TLB arrays report a lockstep divergence (mmu/tlb_impl.h).
  [[nodiscard]] TlbSite tlb_site() const;
  // Dates the TLB operations that follow: the cycle, of clock_, of sc_time_stamp() + delay.
  void mark_cycle(const sc_core::sc_time& delay);

  // The walker's untimed path to memory outside SimMode::Detailed: a direct pointer asked with
  // the FunctionalDmi marker where memory grants one, else debug transport. Neither waits
  // (IEEE 1666-2011 §11.3.4), so the compare-and-store of an A/D update is atomic.
  class DebugPteMemory final : public PteMemory {
   public:
    explicit DebugPteMemory(Mmu& mmu) : mmu_(mmu) {}
    bool read_pte(PhysAddr addr, std::uint64_t& value, sc_core::sc_time&) override;
    PteUpdate update_pte(PhysAddr addr, std::uint64_t expected, std::uint64_t desired,
                         sc_core::sc_time&) override;
    void invalidate(std::uint64_t start, std::uint64_t end);

   private:
    // The host address of the PTE at addr, or nullptr (no target grants a pointer there).
    std::uint64_t* pte_ptr(PhysAddr addr);

    Mmu& mmu_;
    DmiRegion region_;  // the last range granted; a refused one is asked again next time
  };
  void invalidate_dmi(sc_dt::uint64 start, sc_dt::uint64 end) { debug_memory_.invalidate(start, end); }

  MmuConfig cfg_;
  SimMode mode_ = SimMode::Detailed;
  Clock clock_;
  std::uint64_t op_cycle_ = 0;  // the cycle the TLB operation in progress was issued at
  std::unique_ptr<Tlb> l1i_;
  std::unique_ptr<Tlb> l1d_;
  std::unique_ptr<Tlb> l2_;
  PageWalkCache pwc_;
  PageTableWalker walker_;
  DebugPteMemory debug_memory_{*this};
  PageTableWalker functional_walker_;  // no page-walk cache: Functional changes no modelled state
  PageTableWalker warming_walker_;     // the page-walk cache, untimed PTE accesses
  FunctionalTlb functional_tlb_;
  MmuStats stats_;
  std::vector<TranslationObserver*> observers_;
  MemoryEvents ptw_events_;  // attached to every timed PTE access (common/tlm/memory_events.h)
  // The payload of every PTE read, reused as the hart reuses its own: set_payload() sets every
  // attribute an initiator owns, and no target keeps or adds an extension.
  tlm::tlm_generic_payload pte_gp_;
  std::unique_ptr<TranslationObserver> waves_;
  std::unique_ptr<ShadowTlbSet> shadows_;
};

}  // namespace memvp::mmu
