// PLIC register decode, the level-triggered gateways and the claim/complete handshake
// (riscv-plic.adoc: "Interrupt Gateways", "Interrupt Claim Process", "Interrupt Completion").
// Every access is one 32-bit register; holes inside the implemented arrays read 0.
#include "devices/plic.h"

#include "common/sync_request.h"
#include "devices/reg_access.h"

namespace memvp {

using namespace devices;

namespace {

constexpr std::uint32_t kWordsPerContext = Plic::kMaxSources / 32;

}  // namespace

Plic::Plic(sc_core::sc_module_name name, const PlicConfig& cfg)
    : sc_module(name),
      socket("socket"),
      source("source", cfg.sources),
      context("context", 2 * cfg.harts),
      cfg_(cfg),
      priority_mask_(cfg.priority_bits >= 32 ? ~0U : (1U << cfg.priority_bits) - 1),
      priority_(cfg.sources, 0),
      pending_(cfg.sources, false),
      claimed_(cfg.sources, false),
      enable_(std::size_t{2} * cfg.harts * kWordsPerContext, 0),
      threshold_(2 * cfg.harts, 0),
      raised_(2 * cfg.harts, false),
      claims_(2 * cfg.harts, 0) {
  socket.register_b_transport(this, &Plic::b_transport);
  socket.register_transport_dbg(this, &Plic::transport_dbg);
  SC_HAS_PROCESS(Plic);
  SC_METHOD(sample_sources);
  for (auto& s : source) sensitive << s;
  SC_METHOD(update_outputs);
  sensitive << update_event_;
  dont_initialize();
}

void Plic::visit_stats(stats::Visitor& v) const {
  v.counters("claims", claims_, "claim reads that returned a source, per context (2h: hart h M-mode, 2h+1: S-mode)");
  v.counter("completes", completes_, "completions that ended a claimed interrupt");
  v.counter("interrupts_raised", interrupts_raised_, "rises of a context's interrupt line (MEIP or SEIP)");
}

void Plic::b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& /*delay*/) {
  const bool ok = access(gp, true);
  gp.set_response_status(ok ? tlm::TLM_OK_RESPONSE : tlm::TLM_ADDRESS_ERROR_RESPONSE);
  // A write or a claim changes the outputs in the next delta cycle; the initiator synchronises
  // so that it sees the new levels at once (as with the CLINT).
  if (ok) {
    update_event_.notify(sc_core::SC_ZERO_TIME);
    request_sync(gp);
  }
}

unsigned Plic::transport_dbg(tlm::tlm_generic_payload& gp) {
  // Debug reads see the registers without claiming; debug writes are refused.
  if (!gp.is_read()) return 0;
  return access(gp, false) ? gp.get_data_length() : 0;
}

bool Plic::access(tlm::tlm_generic_payload& gp, bool side_effects) {
  if (!is_plain_access(gp, {4})) return false;
  const std::uint64_t addr = gp.get_address();
  const std::uint64_t contexts_end = kContextOffset + kContextStride * contexts();
  const bool mapped = addr < kPendingOffset + kMaxSources / 8 ||
                      (addr >= kEnableOffset && addr < kEnableOffset + kEnableStride * contexts()) ||
                      (addr >= kContextOffset && addr < contexts_end && addr % kContextStride < 8);
  if (!mapped) return false;
  if (gp.is_write()) write_register(addr, static_cast<std::uint32_t>(payload_value(gp)));
  else set_payload_value(gp, read_register(addr, side_effects));
  return true;
}

std::uint32_t Plic::read_register(std::uint64_t addr, bool side_effects) {
  if (addr < kPendingOffset) {
    const auto id = static_cast<std::uint32_t>(addr / 4);
    return id != 0 && id < cfg_.sources ? priority_[id] : 0;
  }
  if (addr < kEnableOffset) {
    const auto first = static_cast<std::uint32_t>((addr - kPendingOffset) / 4 * 32);
    std::uint32_t bits = 0;
    for (std::uint32_t b = 0; b < 32 && first + b < cfg_.sources; ++b) bits |= pending_[first + b] ? 1U << b : 0;
    return bits;
  }
  if (addr < kContextOffset) return enable_[(addr - kEnableOffset) / kEnableStride * kWordsPerContext + addr % kEnableStride / 4];
  const auto ctx = static_cast<std::uint32_t>((addr - kContextOffset) / kContextStride);
  if (addr % kContextStride == 0) return threshold_[ctx];
  return side_effects ? claim(ctx) : best(ctx);
}

void Plic::write_register(std::uint64_t addr, std::uint32_t value) {
  if (addr < kPendingOffset) {
    // Priorities are WARL: the implemented low bits (QEMU masks likewise); id 0 is reserved.
    const auto id = static_cast<std::uint32_t>(addr / 4);
    if (id != 0 && id < cfg_.sources) priority_[id] = value & priority_mask_;
    return;
  }
  if (addr < kEnableOffset) return;  // pending bits are read-only
  if (addr < kContextOffset) {
    // Enable bits of id 0 and of ids beyond the implemented sources are hardwired to 0.
    const auto word = static_cast<std::uint32_t>(addr % kEnableStride / 4);
    std::uint32_t valid = 0;
    for (std::uint32_t b = 0; b < 32; ++b) {
      const std::uint32_t id = word * 32 + b;
      if (id != 0 && id < cfg_.sources) valid |= 1U << b;
    }
    enable_[(addr - kEnableOffset) / kEnableStride * kWordsPerContext + word] = value & valid;
    return;
  }
  const auto ctx = static_cast<std::uint32_t>((addr - kContextOffset) / kContextStride);
  if (addr % kContextStride == 0) threshold_[ctx] = value & priority_mask_;
  else complete(ctx, value);
}

void Plic::sample_sources() {
  bool changed = false;
  for (std::uint32_t id = 1; id < cfg_.sources; ++id) {
    // Gateway: one request per assertion; a claimed source stays quiet until completed, and a
    // request stays pending even if the line drops before the claim ("Interrupt Gateways").
    if (source[id].read() && !pending_[id] && !claimed_[id]) {
      pending_[id] = true;
      changed = true;
    }
  }
  if (changed) update_event_.notify(sc_core::SC_ZERO_TIME);
}

bool Plic::enabled(std::uint32_t ctx, std::uint32_t id) const {
  return (enable_[ctx * kWordsPerContext + id / 32] >> (id % 32) & 1) != 0;
}

std::uint32_t Plic::best(std::uint32_t ctx) const {
  std::uint32_t best_id = 0;
  std::uint32_t best_priority = threshold_[ctx];  // must beat the threshold; priority 0 never does
  for (std::uint32_t id = 1; id < cfg_.sources; ++id) {
    if (pending_[id] && priority_[id] > best_priority && enabled(ctx, id)) {
      best_id = id;
      best_priority = priority_[id];
    }
  }
  return best_id;
}

std::uint32_t Plic::claim(std::uint32_t ctx) {
  const std::uint32_t id = best(ctx);
  if (id != 0) {
    pending_[id] = false;
    claimed_[id] = true;
    ++claims_[ctx];
  }
  return id;
}

void Plic::complete(std::uint32_t ctx, std::uint32_t id) {
  // A completion naming a source not enabled for the context is silently ignored ("Interrupt
  // Completion"); the gateway then forwards the next request of a line still held high.
  if (id == 0 || id >= cfg_.sources || !enabled(ctx, id) || !claimed_[id]) return;
  claimed_[id] = false;
  ++completes_;
  sample_sources();
}

void Plic::attach_waves(waves::WaveRecorder& rec, const std::string& scope) {
  waves_ = std::make_unique<PlicWaves>(rec, scope, cfg_.sources);
}

// Every change of a pending or claimed bit notifies update_event_, so this sees them all.
void Plic::update_outputs() {
  if (waves_) waves_->sample(sc_core::sc_time_stamp(), pending_, claimed_);
  for (std::uint32_t ctx = 0; ctx < contexts(); ++ctx) {
    const bool level = best(ctx) != 0;
    if (level == raised_[ctx]) continue;
    raised_[ctx] = level;
    if (level) ++interrupts_raised_;
    context[ctx].write(level);
  }
}

}  // namespace memvp
