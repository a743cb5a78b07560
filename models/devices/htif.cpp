// HTIF command decode. A command is taken when a write leaves tohost non-zero, the moment Spike's
// host would see it; the host then clears tohost (so the guest may send the next) and answers
// console writes through fromhost. riscv-tests write the exit command as two 32-bit stores, low
// word first: the first store already completes an exit command (device 0, bit 0 set).
#include "devices/htif.h"

#include <algorithm>
#include <cstring>
#include <string>

#include <fmt/format.h>

#include "common/error.h"

namespace memvp {

namespace {
constexpr std::uint64_t kDeviceSyscall = 0;  // bit 0 set: exit with status value >> 1
constexpr std::uint64_t kDeviceConsole = 1;
constexpr std::uint64_t kConsolePutchar = 1;
}  // namespace

HtifConfig htif_window(PhysAddr tohost, std::optional<PhysAddr> fromhost) {
  HtifConfig cfg;
  const PhysAddr lo = fromhost ? std::min(tohost, *fromhost) : tohost;
  const PhysAddr hi = fromhost ? std::max(tohost, *fromhost) : tohost;
  cfg.base = lo;
  cfg.size = (hi - lo) + 8;
  cfg.tohost_offset = tohost - lo;
  if (fromhost) cfg.fromhost_offset = *fromhost - lo;
  return cfg;
}

Htif::Htif(sc_core::sc_module_name name, const HtifConfig& cfg, std::ostream& console, RunControl& run)
    : sc_module(name), socket("socket"), cfg_(cfg), console_(console), run_(run), bytes_(cfg.size, 0) {
  socket.register_b_transport(this, &Htif::b_transport);
  socket.register_transport_dbg(this, &Htif::transport_dbg);
}

std::uint64_t Htif::fromhost() const { return cfg_.fromhost_offset ? word(*cfg_.fromhost_offset) : 0; }

std::uint64_t Htif::word(std::uint64_t offset) const {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | bytes_[offset + i];
  return v;
}

void Htif::set_word(std::uint64_t offset, std::uint64_t value) {
  for (int i = 0; i < 8; ++i) bytes_[offset + i] = static_cast<std::uint8_t>(value >> (8 * i));
}

bool Htif::in_window(const tlm::tlm_generic_payload& gp) const {
  const std::uint64_t addr = gp.get_address();
  return gp.get_byte_enable_ptr() == nullptr && addr < bytes_.size() &&
         gp.get_data_length() <= bytes_.size() - addr;
}

void Htif::copy(tlm::tlm_generic_payload& gp) {
  std::uint8_t* mem = bytes_.data() + gp.get_address();
  if (gp.is_write()) std::memcpy(mem, gp.get_data_ptr(), gp.get_data_length());
  else std::memcpy(gp.get_data_ptr(), mem, gp.get_data_length());
}

void Htif::b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
  if (!in_window(gp)) {
    gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return;
  }
  copy(gp);
  gp.set_response_status(tlm::TLM_OK_RESPONSE);
  const std::uint64_t addr = gp.get_address();
  const bool touches_tohost = addr < cfg_.tohost_offset + 8 && addr + gp.get_data_length() > cfg_.tohost_offset;
  if (gp.is_write() && touches_tohost && tohost() != 0) execute(tohost());
}

unsigned Htif::transport_dbg(tlm::tlm_generic_payload& gp) {
  // Debug accesses (the ELF loader, a debugger) see plain memory and trigger nothing.
  if (!in_window(gp)) return 0;
  copy(gp);
  return gp.get_data_length();
}

void Htif::execute(std::uint64_t cmd) {
  const std::uint64_t device = cmd >> 56;
  const std::uint64_t command = (cmd >> 48) & 0xFF;
  if (device == kDeviceSyscall && (cmd & 1)) {
    const std::uint64_t status = (cmd << 8) >> 9;  // payload bits 55:1
    const int code = static_cast<int>(std::min<std::uint64_t>(status, 255));
    run_.end(EndReason::GuestExit, code,
             status == 0 ? std::string{} : "guest exited with status " + std::to_string(status) + " (tohost)");
    return;
  }
  if (device == kDeviceConsole && command == kConsolePutchar) {
    console_.put(static_cast<char>(cmd & 0xFF));
    set_word(cfg_.tohost_offset, 0);
    // Spike's console device answers a write with (device, command, 0x100 | byte).
    if (cfg_.fromhost_offset) set_word(*cfg_.fromhost_offset, (cmd & ~0xFFFFULL) | 0x100 | (cmd & 0xFF));
    return;
  }
  // The syscall proxy (device 0, bit 0 clear: a pointer to a magic_mem block) and any other
  // device are not modelled: say so instead of hanging the guest.
  run_.end(EndReason::GuestCrash, exit_status::kGuestCrash,
           fmt::format("unsupported HTIF command {:#018x} written to tohost", cmd));
}

}  // namespace memvp
