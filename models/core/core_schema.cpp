// [core] keys: the pipeline's clock and latencies, misaligned accesses, the PMP grain, and
// [core.branch_predictor]. Ranges are what the models can build (tables indexed by bit masks
// are powers of two; a PMP grain up to 2^32 bytes).
#include "core/core_schema.h"

namespace memvp {

namespace {

const char* kind_name(BranchPredictorKind k) {
  switch (k) {
    case BranchPredictorKind::StaticNotTaken: return "static";
    case BranchPredictorKind::Bimodal: return "bimodal";
    case BranchPredictorKind::Gshare: return "gshare";
  }
  return "?";
}

const char* misaligned_name(MisalignedAccess m) {
  return m == MisalignedAccess::Hardware ? "hardware" : "trap";
}

KeyTable<BranchPredictorConfig> branch_predictor_keys() {
  using B = BranchPredictorConfig;
  return {{
      enum_key("kind", &B::kind,
               named({BranchPredictorKind::StaticNotTaken, BranchPredictorKind::Bimodal, BranchPredictorKind::Gshare},
                     kind_name)),
      pow2_key("entries", &B::entries, 1, 1u << 20),
      uint_key("history_bits", &B::history_bits, 1, 30),
      pow2_key("btb_entries", &B::btb_entries, 1, 1u << 16),
      uint_key("ras_entries", &B::ras_entries, 0, 64),
      uint_key("mispredict_penalty", &B::mispredict_penalty, 0, 100),
  }};
}

}  // namespace

const KeyTable<HartConfig>& core_keys() {
  using H = HartConfig;
  static const KeyTable<H> keys{{
      real_key("clock_hz", &H::clock_hz, 1e6, 1e11),
      uint_key("timebase_hz", &H::timebase_hz, 1, 1'000'000'000),
      uint_key("quantum_cycles", &H::quantum_cycles, 1, 100'000'000),
      uint_key("load_use_penalty", &H::load_use_penalty, 0, 100),
      uint_key("mul_latency", &H::mul_latency, 1, 100),
      uint_key("div_latency", &H::div_latency, 1, 1000),
      uint_key("fp_latency", &H::fp_latency, 1, 100),
      uint_key("fp_div_latency", &H::fp_div_latency, 1, 1000),
      enum_key("misaligned", &H::misaligned,
               named({MisalignedAccess::Hardware, MisalignedAccess::Trap}, misaligned_name)),
      uint_key("pmp_granularity", &H::pmp_granularity, 0, 30),
      table_key<H, BranchPredictorConfig>("branch_predictor", &H::branch_predictor, branch_predictor_keys()),
  }};
  return keys;
}

}  // namespace memvp
