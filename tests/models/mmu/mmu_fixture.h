// A fresh simulation per test (STYLE rule 11): each test elaborates an Mmu bound to a
// PteTestMemory, finishes elaboration with sc_start(SC_ZERO_TIME), then calls translate()
// directly; teardown deletes the modules and installs a new simulation context, so tests
// also pass when one process runs several of them.
#pragma once

#include <memory>

#include <gtest/gtest.h>
#include <systemc>

#include "mmu/mmu.h"
#include "page_table_builder.h"
#include "pte_test_memory.h"

namespace memvp::mmu::test {

using sc_core::SC_NS;
using sc_core::sc_time;

constexpr PhysAddr kMemBase{0x8000'0000};
constexpr std::size_t kMemSize = 1 << 20;
constexpr std::uint64_t kRwx = pte_bits::V | pte_bits::R | pte_bits::W | pte_bits::X;
constexpr std::uint64_t kAd = pte_bits::A | pte_bits::D;

// An MMU configuration whose TLBs and walker add nothing, so tests can count exact cycles.
inline MmuConfig plain_config() {
  MmuConfig cfg;
  cfg.walk_start_cycles = 0;
  cfg.walk_step_cycles = 0;
  cfg.pwc.enabled = false;
  for (auto* level : {&cfg.l1_itlb, &cfg.l1_dtlb, &cfg.l2_tlb})
    for (auto& a : level->arrays) a.latency_cycles = 0;
  return cfg;
}

// Installs a new simulation context after each test, once the derived fixture's modules
// (its members) are gone.
class FreshSimulation : public ::testing::Test {
 protected:
  ~FreshSimulation() override {
    sc_core::sc_curr_simcontext = new sc_core::sc_simcontext();
    sc_core::sc_default_global_context = sc_core::sc_curr_simcontext;
  }
};

class MmuTest : public FreshSimulation {
 protected:

  // Elaborates the MMU and the memory; the default latency is 10 ns per PTE access (10 cycles).
  void build(const MmuConfig& cfg = MmuConfig{}, const VmInfo& info = kSv39,
             sc_time latency = sc_time(10, SC_NS)) {
    mem_ = std::make_unique<PteTestMemory>("mem", kMemBase, kMemSize, latency);
    mmu_ = std::make_unique<Mmu>("mmu", cfg);
    mmu_->ptw_socket.bind(mem_->socket);
    // Ends elaboration (binds the sockets); nothing is scheduled, which SystemC warns about.
    sc_core::sc_report_handler::set_actions(sc_core::SC_ID_NO_SC_START_ACTIVITY_,
                                            sc_core::SC_DO_NOTHING);
    sc_core::sc_start(sc_core::SC_ZERO_TIME);
    pt_ = std::make_unique<PageTableBuilder>(*mem_, kMemBase, info);
    ctx_.satp = pt_->satp(Asid(1));
    ctx_.priv = rv::Priv::S;
  }

  TranslateResult translate(std::uint64_t va, rv::Access access) {
    sc_time delay = sc_core::SC_ZERO_TIME;
    TranslateResult r = mmu_->translate(VirtAddr(va), access, ctx_, delay);
    last_delay_ = delay;
    return r;
  }
  TranslateResult load(std::uint64_t va) { return translate(va, rv::Access::Load); }
  TranslateResult store(std::uint64_t va) { return translate(va, rv::Access::Store); }
  TranslateResult fetch(std::uint64_t va) { return translate(va, rv::Access::Fetch); }

  PageTableBuilder& pt() { return *pt_; }
  PteTestMemory& mem() { return *mem_; }
  Mmu& mmu() { return *mmu_; }

  std::unique_ptr<PteTestMemory> mem_;
  std::unique_ptr<Mmu> mmu_;
  std::unique_ptr<PageTableBuilder> pt_;
  TranslationContext ctx_;
  sc_time last_delay_;
};

}  // namespace memvp::mmu::test
