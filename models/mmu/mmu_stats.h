// Counters one MMU keeps beside its TLBs' and page-walk cache's own; serialised by the
// platform's statistics writer under "harts[i].mmu".
#pragma once

#include <array>
#include <cstdint>

namespace memvp::mmu {

struct MmuStats {
  std::uint64_t translations = 0;
  std::array<std::uint64_t, 5> by_outcome{};   // indexed by Outcome
  std::array<std::uint64_t, 16> faults{};      // by exception code
  std::uint64_t walks = 0;
  std::uint64_t walk_cycles = 0;
  std::uint64_t pte_reads = 0;                 // memory reads (PWC hits excluded)
  std::uint64_t pte_writes = 0;                // A/D updates written
  std::uint64_t translation_cycles = 0;        // sum of TranslateResult::latency
  std::array<std::uint64_t, 4> sfences{};      // indexed by FlushKind
  std::uint64_t satp_writes = 0;
  std::uint64_t satp_flushes = 0;              // flushes caused by satp writes (ASIDs disabled)
};

}  // namespace memvp::mmu
