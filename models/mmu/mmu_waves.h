// The MMU's wave group `mmu` (docs/waves.md): every translation's lookup, where it was found,
// and for a TLB miss the walk with each PTE access; sfence.vma and satp flushes. An observer
// of the MMU, dated from the issue time the MMU reports, which is the instant the translation
// trace records (docs/trace.md), so the two agree to the cycle.
#pragma once

#include <cstdint>
#include <string>

#include "common/waves/wave_recorder.h"
#include "mmu/translation_observer.h"

namespace memvp::mmu {

class MmuWaves : public TranslationObserver {
 public:
  // Registers the group's signals under `scope` ("hart0.mmu"); `period_ticks` is the MMU
  // clock's period in SystemC resolution ticks.
  MmuWaves(waves::WaveRecorder& rec, const std::string& scope, std::uint64_t period_ticks);

  void on_translation(const TranslateResult& r, const sc_core::sc_time& issued) override;
  void on_flush(const TlbFlush& flush, FlushCause cause, const sc_core::sc_time& at) override;

 private:
  void walk(const TranslateResult& r, std::uint64_t issued);

  waves::WaveRecorder& rec_;
  std::uint64_t period_;
  waves::SignalId lookup_, access_, va_, vpn_, asid_, hit_level_, miss_, fault_;
  waves::SignalId walk_active_, walk_level_, pte_addr_, pwc_hit_, sfence_, satp_flush_;
};

}  // namespace memvp::mmu
