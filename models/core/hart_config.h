// Parameters of one hart, filled from the platform file's [core] table (core_schema.cpp).
// Defaults model a small in-order RV64 core at 1 GHz with a 10 MHz timebase (as QEMU virt).
#pragma once

#include <cstdint>

#include "mmu/mmu_config.h"

namespace memvp {

enum class BranchPredictorKind { StaticNotTaken, Bimodal, Gshare };

// What a misaligned load or store does (priv spec §3.6.4 lets either be): Hardware performs it
// as QEMU virt does (docs/core.md, "Misaligned accesses"); Trap raises address-misaligned.
enum class MisalignedAccess { Hardware, Trap };

struct BranchPredictorConfig {
  BranchPredictorKind kind = BranchPredictorKind::Bimodal;
  std::uint32_t entries = 1024;        // 2-bit counters (power of two)
  std::uint32_t history_bits = 10;     // gshare global history length
  std::uint32_t btb_entries = 256;     // targets of taken branches and jumps (power of two)
  std::uint32_t ras_entries = 8;       // return-address stack depth
  std::uint32_t mispredict_penalty = 3;  // cycles lost on a wrong direction or target
};

struct HartConfig {
  std::uint32_t hart_id = 0;
  double clock_hz = 1e9;                 // core clock; sc_time = cycles / clock_hz
  std::uint64_t timebase_hz = 10'000'000;  // mtime / time CSR rate (QEMU virt: 10 MHz)
  std::uint64_t quantum_cycles = 1000;   // temporal decoupling quantum
  std::uint32_t load_use_penalty = 1;    // extra cycles when the next instruction uses a load's result
  std::uint32_t mul_latency = 3;         // result latency of MUL* (pipelined)
  std::uint32_t div_latency = 20;        // DIV*/REM* occupy the unit this many cycles (not pipelined)
  std::uint32_t fp_latency = 4;          // result latency of F/D arithmetic, FMA, conversions, moves (pipelined)
  std::uint32_t fp_div_latency = 16;     // FDIV/FSQRT occupy the unit this many cycles (not pipelined)
  // The instruction-fetch unit's line: one timed fetch fills it and one translation covers it.
  // Not a [core] key: the builder sets it to the L1 I-cache line when caches are on.
  std::uint32_t fetch_line_bytes = 64;
  MisalignedAccess misaligned = MisalignedAccess::Hardware;
  std::uint32_t pmp_granularity = 0;     // PMP grain G: 2^(G+2) bytes (QEMU virt: 0)
  BranchPredictorConfig branch_predictor;
  mmu::MmuConfig mmu;                    // its clock_hz is set to clock_hz by the Hart
};

}  // namespace memvp
