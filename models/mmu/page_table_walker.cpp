// The translation process of §12.3.2, one branch per architectural rule, for Sv39 and Sv48
// alike. Steps are numbered as in the spec: 1 root, 2 read PTE, 3 validity, 4 leaf or next
// level, 5 permissions, 6 superpage alignment, 7 A/D, 8 physical address.
#include "mmu/page_table_walker.h"

#include "mmu/permissions.h"
#include "mmu/pte.h"

namespace memvp::mmu {

namespace {
constexpr unsigned kMaxAdRetries = 8;  // compare failures tolerated before giving up (step 9)
bool is_store(rv::Access a) { return a == rv::Access::Store || a == rv::Access::Amo; }
}  // namespace

PageTableWalker::PageTableWalker(const MmuConfig& cfg, PteMemory& mem, PageWalkCache* pwc)
    : hardware_ad_(cfg.hardware_ad_update),
      start_cycles_(cfg.walk_start_cycles),
      step_cycles_(cfg.walk_step_cycles),
      clock_(Clock::from_hz(cfg.clock_hz)),
      mem_(mem),
      pwc_(pwc) {}

Cycles PageTableWalker::timed_read(PhysAddr addr, std::uint64_t& value, bool& ok,
                                   sc_core::sc_time& delay) {
  const sc_core::sc_time issued = sc_core::sc_time_stamp() + delay;
  ok = mem_.read_pte(addr, value, delay);
  return clock_.cycles_ceil(sc_core::sc_time_stamp() + delay - issued) + step_cycles_;
}

Cycles PageTableWalker::timed_update(PhysAddr addr, std::uint64_t expected, std::uint64_t desired,
                                     PteUpdate& outcome, sc_core::sc_time& delay) {
  const sc_core::sc_time issued = sc_core::sc_time_stamp() + delay;
  outcome = mem_.update_pte(addr, expected, desired, delay);
  return clock_.cycles_ceil(sc_core::sc_time_stamp() + delay - issued) + step_cycles_;
}

WalkResult PageTableWalker::walk(VirtAddr va, rv::Access access, const TranslationContext& ctx,
                                 const Satp& satp, Asid asid, const VmInfo& info,
                                 sc_core::sc_time& delay) {
  WalkResult res;
  WalkRecord& rec = res.record;
  // Absolute times, so a target that synchronises (waits and hands back a smaller delay) is
  // charged the same as one that only annotates.
  const sc_core::sc_time start = sc_core::sc_time_stamp() + delay;
  Cycles total{0};
  // Moves the walk's local time to start + total cycles, so each access issues when it would.
  auto advance = [&](Cycles c) {
    total += c;
    delay = start + clock_.to_time(total) - sc_core::sc_time_stamp();
  };
  auto finish = [&](std::optional<rv::Exception> fault) {
    rec.cycles = total;
    res.fault = fault;
  };
  const rv::Exception page_fault = rv::page_fault_for(access);
  const rv::Exception access_fault = rv::access_fault_for(access);
  advance(start_cycles_);

  // The steps, in a lambda whose every return ends the walk with finish(): the one result
  // is built in the caller's object (NRVO) instead of being copied out at each exit.
  [&] {
    // Step 1: a = satp.ppn × PAGESIZE, i = LEVELS − 1.
    PhysAddr a = satp.root();
    unsigned i = info.levels - 1;
    bool global = false;  // G on any PTE of the path makes the mapping global (§12.3.1)

    // Step 2 may be satisfied from the address-translation cache for non-leaf PTEs.
    if (pwc_ != nullptr && pwc_->enabled()) {
      const auto hit = pwc_->probe(va, asid, info);
      advance(pwc_->latency());
      if (hit) {
        rec.add({StepKind::PwcHit, static_cast<std::uint8_t>(hit->level), hit->pte_addr, hit->pte,
                 pwc_->latency()});
        ++rec.pwc_hits;
        global = hit->global;
        a = PhysAddr(Pte(hit->pte).ppn() << 12);
        i = hit->level - 1;
      }
    }

    unsigned retries = 0;
    for (;;) {
      // Step 2: pte = the PTE at a + va.vpn[i] × PTESIZE.
      const PhysAddr pte_addr = a + vpn_index(va, i, info) * kPteSize;
      // Step 2: the PTE access violates a PMP check (§3.7.2, effective privilege S) → access
      // fault of the original type, before any memory access.
      if (ctx.pte_check != nullptr && !ctx.pte_check->pte_access_allowed(pte_addr, false)) return finish(access_fault);
      std::uint64_t raw = 0;
      bool ok = false;
      const Cycles read_cycles = timed_read(pte_addr, raw, ok, delay);
      advance(read_cycles);
      ++rec.pte_reads;
      rec.add({StepKind::PteRead, static_cast<std::uint8_t>(i), pte_addr, raw, read_cycles});
      // Step 2: the PTE access failed (error response) → access fault of the original type.
      if (!ok) return finish(access_fault);

      const Pte pte(raw);
      // Step 3: V = 0 → page fault.
      if (!pte.v()) return finish(page_fault);
      // Step 3: R = 0 and W = 1 is reserved → page fault.
      if (!pte.r() && pte.w()) return finish(page_fault);
      // Step 3 with §12.4: any of bits 63:54 (N, PBMT, reserved; Svnapot and Svpbmt are not
      // implemented) → page fault.
      if (pte.reserved_bits_set()) return finish(page_fault);

      if (!pte.leaf()) {
        // Step 3 with §12.3.1: D, A and U are reserved in non-leaf PTEs → page fault.
        if (raw & (pte_bits::D | pte_bits::A | pte_bits::U)) return finish(page_fault);
        global = global || pte.g();
        // Step 4: a pointer at the last level (i − 1 < 0) → page fault.
        if (i == 0) return finish(page_fault);
        if (pwc_ != nullptr && pwc_->enabled()) pwc_->fill(va, asid, info, {i, pte_addr, raw, global});
        // Step 4: a = pte.ppn × PAGESIZE, i = i − 1, back to step 2.
        a = PhysAddr(pte.ppn() << 12);
        --i;
        continue;
      }

      // A leaf at level i maps a page of size 4 KiB << 9i.
      global = global || pte.g();
      const PageSize size = page_size_at_level(i);
      const std::uint64_t low = (std::uint64_t{1} << (info.vpn_bits * i)) - 1;
      res.leaf = TlbEntry{(va.value() >> 12) & ~low, pte.ppn() & ~low, size, asid, global, pte.flags(), size};
      res.leaf_found = true;

      // Steps 6 and 8: U and R/W/X against the effective privilege, SUM and MXR → page fault.
      if (!leaf_permits(pte.flags(), access, ctx)) return finish(page_fault);
      // Step 5, after 6 and 8 here (all three raise the same page fault): i > 0 and
      // pte.ppn[i−1:0] ≠ 0 is a misaligned superpage → page fault.
      if (i > 0 && (pte.ppn() & low) != 0) return finish(page_fault);

      // Step 9: A = 0, or a store/AMO with D = 0.
      if (needs_ad_update(pte.flags(), access)) {
        // Step 9, first option (Svade): raise a page fault and let software set the bits.
        if (!hardware_ad_) return finish(page_fault);
        // Step 9: the PTE store would violate a PMP check → access fault of the original type.
        if (ctx.pte_check != nullptr && !ctx.pte_check->pte_access_allowed(pte_addr, true)) return finish(access_fault);
        // Step 9, second option: atomically compare the PTE with memory and set A (and D), as
        // an AMO: a timed read, then the compare and the store with nothing in between.
        std::uint64_t now = 0;
        const Cycles check_cycles = timed_read(pte_addr, now, ok, delay);
        advance(check_cycles);
        ++rec.pte_reads;
        if (!ok) return finish(access_fault);
        const std::uint64_t updated = raw | pte_bits::A | (is_store(access) ? pte_bits::D : 0);
        PteUpdate outcome = PteUpdate::Changed;
        Cycles write_cycles{0};
        if (now == raw) {
          write_cycles = timed_update(pte_addr, raw, updated, outcome, delay);
          advance(write_cycles);
        }
        if (outcome == PteUpdate::Changed) {
          // Step 9: the comparison failed → return to step 2 at the same level.
          if (++retries > kMaxAdRetries) return finish(page_fault);
          continue;
        }
        ++rec.pte_writes;
        rec.add({StepKind::AdUpdate, static_cast<std::uint8_t>(i), pte_addr, updated,
                 check_cycles + write_cycles});
        // Step 9: the PTE store violates a PMA/PMP check → access fault of the original type.
        if (outcome == PteUpdate::Error) return finish(access_fault);
        res.leaf.flags = Pte(updated).flags();
      }
      // Step 10: success; TlbEntry::translate forms pa from pte.ppn and va.
      return finish(std::nullopt);
    }
  }();
  return res;
}

}  // namespace memvp::mmu
