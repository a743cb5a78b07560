// What the hart hands the MMU for one translation and everything the MMU reports back. A
// TranslateResult carries every field of a translation-trace record (docs/trace.md) except the
// cycle and hart id, which the caller adds: VA, PA, access, privilege, ASID, page size,
// outcome, fault cause, latency, and for walks each step's PTE address, source and cost.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "common/riscv.h"
#include "common/types.h"
#include "mmu/page_size.h"
#include "mmu/pte_access_check.h"
#include "mmu/vm_mode.h"

namespace memvp::mmu {

// The state of the hart a translation depends on. `priv` is the effective privilege: for
// fetches the current one; for loads and stores in M-mode with mstatus.MPRV=1 it is
// mstatus.MPP (priv spec §3.1.6.4). `sum` and `mxr` are the mstatus bits (§12.1.1.2).
// `pte_check`, when set, is asked before every PTE read and A/D write of a walk (the hart's PMP).
struct TranslationContext {
  std::uint64_t satp = 0;
  rv::Priv priv = rv::Priv::M;
  bool sum = false;
  bool mxr = false;
  PteAccessCheck* pte_check = nullptr;
};

enum class Outcome : std::uint8_t {
  Bare,   // no translation: M-mode effective privilege or satp.MODE = Bare
  L1Hit,
  L2Hit,
  Walk,   // L1 and L2 missed; the walker found the leaf (see walk.pwc_hits)
  Fault,  // see TranslateResult::cause and found_in
};
inline constexpr Outcome kOutcomes[] = {Outcome::Bare, Outcome::L1Hit, Outcome::L2Hit, Outcome::Walk, Outcome::Fault};
std::string_view outcome_name(Outcome o);

enum class StepKind : std::uint8_t {
  PteRead,    // a PTE read through ptw_socket
  PwcHit,     // the non-leaf PTE came from the page-walk cache: no memory access
  AdUpdate,   // atomic A/D update: re-read and compare, then write (§12.3.2 step 9)
};
std::string_view step_kind_name(StepKind k);

struct WalkStep {
  StepKind kind = StepKind::PteRead;
  std::uint8_t level = 0;   // page-table level i of §12.3.2
  PhysAddr pte_addr{0};
  std::uint64_t pte = 0;    // the value read (for AdUpdate: the value written)
  Cycles cycles{0};         // memory latency plus the walker's per-step overhead
};

constexpr unsigned kMaxWalkSteps = 8;  // Sv48: PWC hit + 4 reads + A/D update, with room to spare

struct WalkRecord {
  std::uint8_t count = 0;
  std::array<WalkStep, kMaxWalkSteps> steps{};
  std::uint8_t pwc_hits = 0;
  std::uint8_t pte_reads = 0;
  std::uint8_t pte_writes = 0;
  Cycles cycles{0};  // whole walk, including walk_start_cycles and the PWC probe

  void add(const WalkStep& s) {
    if (count < kMaxWalkSteps) steps[count++] = s;
  }
};

struct TranslateResult {
  VirtAddr va{0};
  PhysAddr pa{0};
  rv::Access access = rv::Access::Load;
  rv::Priv priv = rv::Priv::M;
  std::uint8_t mode_bits = 0;        // satp.MODE used
  Asid asid{0};                      // the ASID the lookup used (0 when ASIDs are disabled)
  bool fault = false;
  rv::Exception cause = rv::Exception::LoadPageFault;  // valid when fault
  Outcome outcome = Outcome::Bare;
  Outcome found_in = Outcome::Bare;  // where the translation (or faulting PTE) came from;
                                     // Fault for a non-canonical address
  PageSize page_size = PageSize::k4K;
  std::uint8_t pte_flags = 0;        // leaf V R W X U G A D, 0 for Bare and canonical faults
  bool global = false;               // the translation is global: G on the leaf or a PTE above it
  Cycles latency{0};                 // total: TLB lookups plus walk
  WalkRecord walk;
};

}  // namespace memvp::mmu
