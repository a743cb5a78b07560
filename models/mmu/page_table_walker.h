// The hardware page-table walker: one implementation of the translation process of §12.3.2 for
// every paged mode, driven by a VmInfo row (Sv39: 3 levels, Sv48: 4). It reads PTEs through a
// PteMemory (the Mmu's TLM socket), uses the page-walk cache for non-leaf PTEs, sets A/D bits
// atomically or faults, and records each step's PTE address and cost.
#pragma once

#include <cstdint>
#include <optional>

#include <systemc>

#include "common/clock.h"
#include "common/riscv.h"
#include "mmu/mmu_config.h"
#include "mmu/page_walk_cache.h"
#include "mmu/tlb.h"
#include "mmu/translation.h"
#include "mmu/vm_mode.h"

namespace memvp::mmu {

// What an atomic PTE update found (§12.3.2 step 9).
enum class PteUpdate : std::uint8_t { Stored, Changed, Error };

// The walker's path to memory: 8-byte little-endian PTE accesses that add their latency to
// `delay` (the caller's local time offset).
class PteMemory {
 public:
  virtual ~PteMemory() = default;
  // A timed read; false on an error response.
  virtual bool read_pte(PhysAddr addr, std::uint64_t& value, sc_core::sc_time& delay) = 0;
  // Atomically: if the PTE still equals `expected`, writes `desired` (Stored), else writes
  // nothing (Changed); no other access to the PTE can come between the compare and the write,
  // even when a target waits. Timed as one PTE write when Stored. Error: the access failed.
  virtual PteUpdate update_pte(PhysAddr addr, std::uint64_t expected, std::uint64_t desired,
                               sc_core::sc_time& delay) = 0;
};

struct WalkResult {
  std::optional<rv::Exception> fault;  // page or access fault of the original access type
  TlbEntry leaf;                       // valid when !fault; also filled for permission faults
  bool leaf_found = false;
  WalkRecord record;
};

class PageTableWalker {
 public:
  // pwc may be null (no page-walk cache).
  PageTableWalker(const MmuConfig& cfg, PteMemory& mem, PageWalkCache* pwc);

  // Walks satp's table for va. On return `delay` has advanced by exactly record.cycles clock
  // periods. The address must be canonical (the Mmu checks that first).
  WalkResult walk(VirtAddr va, rv::Access access, const TranslationContext& ctx, const Satp& satp,
                  Asid asid, const VmInfo& info, sc_core::sc_time& delay);

 private:
  // One memory step: issues the access at the walk's current time and returns its cycles.
  Cycles timed_read(PhysAddr addr, std::uint64_t& value, bool& ok, sc_core::sc_time& delay);
  Cycles timed_update(PhysAddr addr, std::uint64_t expected, std::uint64_t desired, PteUpdate& outcome,
                      sc_core::sc_time& delay);

  bool hardware_ad_;
  Cycles start_cycles_;
  Cycles step_cycles_;
  Clock clock_;
  PteMemory& mem_;
  PageWalkCache* pwc_;
};

}  // namespace memvp::mmu
