// The RTL TLBs as memvp's [mmu] impl = "rtl" and "lockstep" (mmu/tlb_impl.h): install_rtl_tlbs()
// installs the builder, whose lockstep arrays end the run at their first divergence.
#pragma once

// No Verilator header here: memvp's main includes this after SystemC's, and verilated.h
// changes meaning once SystemC is included.
namespace memvp::rtl {

struct TlbDivergence;

// Exit status of a run stopped by a lockstep divergence (README "Exit status").
inline constexpr int kLockstepDivergence = 4;

// Installs the builder for every Mmu built after (memvp's main calls it first thing).
void install_rtl_tlbs();

// What memvp does at a divergence: the line as "memvp: <line>" and the dump on stderr, then
// exit with kLockstepDivergence at once (the run cannot go on meaningfully).
[[noreturn]] void end_run_at_divergence(const TlbDivergence& d);

}  // namespace memvp::rtl
