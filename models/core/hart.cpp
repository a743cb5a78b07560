// The Hart sc_module: sockets, interrupt lines and the SC_THREAD that runs the execution engine
// (ExecutionEngine). Interrupt lines are sampled by an SC_METHOD into mip's hardware-driven bits.
#include "core/hart.h"

#include "core/execution_engine.h"

namespace memvp {

namespace {
// The MMU runs on the hart's clock.
mmu::MmuConfig mmu_config_for(const HartConfig& cfg) {
  mmu::MmuConfig m = cfg.mmu;
  m.clock_hz = cfg.clock_hz;
  return m;
}
}  // namespace

Hart::Hart(sc_core::sc_module_name name, const HartConfig& cfg, RunControl& run)
    : sc_module(name), fetch_socket("fetch_socket"), data_socket("data_socket"), mtip("mtip"),
      msip("msip"), meip("meip"), seip("seip"), mmu("mmu", mmu_config_for(cfg)), engine_(std::make_unique<ExecutionEngine>(*this, cfg, run)) {
  SC_HAS_PROCESS(Hart);
  SC_THREAD(run);
  SC_METHOD(sample_lines);
  sensitive << mtip << msip << meip << seip;
  dont_initialize();
  fetch_socket.register_invalidate_direct_mem_ptr(this, &Hart::invalidate_dmi);
  data_socket.register_invalidate_direct_mem_ptr(this, &Hart::invalidate_dmi);
}

Hart::~Hart() = default;

void Hart::invalidate_dmi(sc_dt::uint64 start, sc_dt::uint64 end) { engine_->invalidate_dmi(start, end); }

std::uint64_t Hart::line_bits() const {
  return (msip.read() ? 1ULL << 3 : 0) | (mtip.read() ? 1ULL << 7 : 0) | (seip.read() ? 1ULL << 9 : 0) |
         (meip.read() ? 1ULL << 11 : 0);
}

void Hart::sample_lines() { engine_->lines_changed(line_bits()); }

void Hart::run() { engine_->run(); }
void Hart::reset(std::uint64_t entry_pc, std::uint64_t dtb_addr) { engine_->reset(entry_pc, dtb_addr); }
void Hart::attach_reservation_monitor(ReservationMonitor& monitor) { engine_->attach_reservation_monitor(monitor); }
void Hart::attach_waves(waves::WaveRecorder& rec, const std::string& scope) {
  waves_ = std::make_unique<HartWaves>(rec, scope, engine_->clock_period_ticks());
  engine_->attach_waves(waves_.get());
}
void Hart::set_mode(SimMode m) { engine_->set_mode(m); }
void Hart::set_fast_forward_listener(FastForwardListener& listener) { engine_->set_fast_forward_listener(&listener); }
void Hart::set_instruction_trigger(std::uint64_t instret) { engine_->set_instruction_trigger(instret); }
void Hart::set_max_cycles(std::uint64_t limit) { engine_->set_max_cycles(limit); }
const HartStats& Hart::stats() const {
  stats_ = engine_->stats();
  return stats_;
}
std::uint64_t Hart::pc() const { return engine_->pc(); }
std::uint64_t Hart::reg(unsigned i) const { return engine_->x(i); }
const HartConfig& Hart::config() const { return engine_->config(); }
bool Hart::waiting_for_interrupt() const { return engine_->waiting_for_interrupt(); }

}  // namespace memvp
