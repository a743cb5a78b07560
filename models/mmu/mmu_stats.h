// Counters one MMU keeps beside its TLBs' and page-walk cache's own; Mmu::visit_stats names
// them (mmu_stats.cpp, docs/stats.md "harts[i].mmu").
#pragma once

#include <array>
#include <cstdint>

#include "common/riscv.h"
#include "common/tlm/memory_events.h"
#include "mmu/latency_histogram.h"

namespace memvp::mmu {

// The causes a translation can fault with: access faults (PMA/PMP checks on the PTE reads or
// the final address, §3.7) and page faults (§12.3.2); the other causes never reach the MMU.
inline constexpr rv::Exception kTranslationFaults[] = {
    rv::Exception::InstrAccessFault, rv::Exception::LoadAccessFault, rv::Exception::StoreAccessFault,
    rv::Exception::InstrPageFault,   rv::Exception::LoadPageFault,   rv::Exception::StorePageFault,
};

struct MmuStats {
  std::uint64_t translations = 0;
  std::array<std::uint64_t, 5> by_outcome{};   // indexed by Outcome
  std::array<std::uint64_t, 16> faults{};      // by exception code
  std::uint64_t walks = 0;
  std::uint64_t walk_cycles = 0;
  std::uint64_t pte_reads = 0;                 // memory reads (PWC hits excluded)
  std::uint64_t pte_writes = 0;                // A/D updates written
  std::uint64_t translation_cycles = 0;        // sum of TranslateResult::latency
  std::array<std::uint64_t, kLatencyBuckets> latency_histogram{};  // translations by latency_bucket()
  std::array<std::uint64_t, 4> sfences{};      // indexed by FlushKind
  std::uint64_t satp_writes = 0;
  std::uint64_t satp_flushes = 0;              // flushes caused by satp writes (ASIDs disabled)
};

// The MMU's events as the hart's performance counters count them (docs/core.md, "Performance
// counters"): running totals, each equal to a sum of the statistics above and the levels'.
struct MmuEvents {
  std::uint64_t l1_itlb_misses = 0;
  std::uint64_t l1_dtlb_misses = 0;
  std::uint64_t l2_tlb_misses = 0;
  std::uint64_t walks = 0;
  std::uint64_t walk_cycles = 0;
  std::uint64_t pwc_hits = 0;     // walker probes that hit at some level
  std::uint64_t tlb_flushes = 0;  // sfence.vma of every kind, and flushes caused by satp writes
  MemoryEvents walker_memory;     // what the memory system reported for the walker's PTE accesses
};

}  // namespace memvp::mmu
