// CLINT register decode and the timer-interrupt schedule: mtip rises by an event scheduled at
// the exact SystemC time mtime reaches mtimecmp, re-armed whenever mtimecmp is written.
#include "devices/clint.h"

#include <limits>

#include "common/sync_request.h"
#include "devices/reg_access.h"

namespace memvp {

using namespace devices;

namespace {

// SystemC time-resolution ticks per second (1e12 with the default 1 ps resolution).
unsigned __int128 ticks_per_second() {
  const double res = sc_core::sc_get_time_resolution().to_seconds();
  return static_cast<unsigned __int128>(1.0 / res + 0.5);
}

}  // namespace

std::uint64_t mtime_at(const sc_core::sc_time& t, std::uint64_t timebase_hz) {
  const unsigned __int128 ticks = t.value();
  return static_cast<std::uint64_t>(ticks * timebase_hz / ticks_per_second());
}

bool time_of_mtime(std::uint64_t value, std::uint64_t timebase_hz, sc_core::sc_time& out) {
  // Smallest tick count t with floor(t * hz / tps) >= value, i.e. t = ceil(value * tps / hz).
  const unsigned __int128 tps = ticks_per_second();
  const unsigned __int128 ticks = (static_cast<unsigned __int128>(value) * tps + timebase_hz - 1) / timebase_hz;
  if (ticks > std::numeric_limits<sc_dt::uint64>::max()) return false;
  out = sc_core::sc_time::from_value(static_cast<sc_dt::uint64>(ticks));
  return true;
}

Clint::Clint(sc_core::sc_module_name name, const ClintConfig& cfg)
    : sc_module(name),
      socket("socket"),
      mtip("mtip", cfg.harts),
      msip("msip", cfg.harts),
      cfg_(cfg),
      msip_(cfg.harts, 0),
      // All ones: no timer interrupt until the guest programs mtimecmp (QEMU raises none either).
      mtimecmp_(cfg.harts, ~0ULL) {
  socket.register_b_transport(this, &Clint::b_transport);
  socket.register_transport_dbg(this, &Clint::transport_dbg);
  SC_HAS_PROCESS(Clint);
  SC_METHOD(update_outputs);
  sensitive << update_event_;
}

void Clint::b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
  const bool ok = access(gp, sc_core::sc_time_stamp() + delay);
  gp.set_response_status(ok ? tlm::TLM_OK_RESPONSE : tlm::TLM_ADDRESS_ERROR_RESPONSE);
  // A write changes the outputs in the next delta cycle; update_outputs also re-arms the timer.
  // The writer is asked to synchronise so that it sees the new line levels at once.
  if (ok && gp.is_write()) {
    update_event_.cancel();
    update_event_.notify(sc_core::SC_ZERO_TIME);
    request_sync(gp);
  }
}

unsigned Clint::transport_dbg(tlm::tlm_generic_payload& gp) {
  // Debug reads see the registers; debug writes are refused (they could not raise the outputs).
  if (!gp.is_read()) return 0;
  return access(gp, sc_core::sc_time_stamp()) ? gp.get_data_length() : 0;
}

bool Clint::access(tlm::tlm_generic_payload& gp, const sc_core::sc_time& now) {
  const std::uint64_t addr = gp.get_address();
  const std::uint64_t harts = cfg_.harts;
  if (addr >= kMsipOffset && addr < kMsipOffset + 4 * harts) {
    // msip: one 32-bit register per hart, only bit 0 is writable (FU540 manual §9.2).
    if (!is_plain_access(gp, {4})) return false;
    const auto hart = (addr - kMsipOffset) / 4;
    if (gp.is_write()) msip_[hart] = payload_value(gp) & 1;
    else set_payload_value(gp, msip_[hart]);
    return true;
  }
  if (addr >= kMtimecmpOffset && addr < kMtimecmpOffset + 8 * harts) {
    // mtimecmp: 64 bits per hart, readable and writable as a whole or by 32-bit halves (§9.3).
    if (!is_plain_access(gp, {4, 8})) return false;
    const auto hart = (addr - kMtimecmpOffset) / 8;
    const auto half = static_cast<unsigned>(addr % 8);
    if (gp.is_write()) mtimecmp_[hart] = merge_into(mtimecmp_[hart], half, gp);
    else set_payload_value(gp, extract_from(mtimecmp_[hart], half));
    return true;
  }
  if (addr >= kMtimeOffset && addr < kMtimeOffset + 8) {
    // mtime follows SystemC time; writes are accepted and ignored, because the harts' time CSR
    // must keep reading the same function of time.
    if (!is_plain_access(gp, {4, 8})) return false;
    if (gp.is_read()) {
      const auto half = static_cast<unsigned>(addr % 8);
      set_payload_value(gp, extract_from(mtime_at(now, cfg_.timebase_hz), half));
    }
    return true;
  }
  return false;
}

void Clint::update_outputs() {
  const sc_core::sc_time now = sc_core::sc_time_stamp();
  const std::uint64_t mtime = mtime_at(now, cfg_.timebase_hz);
  bool armed = false;
  sc_core::sc_time next;
  for (unsigned h = 0; h < cfg_.harts; ++h) {
    msip[h].write(msip_[h] != 0);
    const bool pending = mtime >= mtimecmp_[h];
    mtip[h].write(pending);
    sc_core::sc_time rise;
    if (!pending && time_of_mtime(mtimecmp_[h], cfg_.timebase_hz, rise) && (!armed || rise < next)) {
      next = rise;
      armed = true;
    }
  }
  if (armed) update_event_.notify(next - now);
}

}  // namespace memvp
