// NS16550A register behaviour: transmit is instantaneous (THR is always empty), no interrupt is
// ever pending, and the modem lines read as a connected terminal (as QEMU's serial model does).
#include "devices/uart16550.h"

#include "devices/reg_access.h"

namespace memvp {

using namespace devices;

Uart16550::Uart16550(sc_core::sc_module_name name, const Uart16550Config& cfg, std::ostream& console)
    : sc_module(name), socket("socket"), cfg_(cfg), console_(console) {
  socket.register_b_transport(this, &Uart16550::b_transport);
  socket.register_transport_dbg(this, &Uart16550::transport_dbg);
}

void Uart16550::b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
  // reg-io-width 1 in the DTB: the guest uses byte accesses only.
  if (gp.get_address() > kScr || !is_plain_access(gp, {1})) {
    gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return;
  }
  const auto reg = static_cast<std::uint8_t>(gp.get_address());
  if (gp.is_write()) write(reg, gp.get_data_ptr()[0]);
  else gp.get_data_ptr()[0] = read(reg, true);
  gp.set_response_status(tlm::TLM_OK_RESPONSE);
}

unsigned Uart16550::transport_dbg(tlm::tlm_generic_payload& gp) {
  if (!gp.is_read() || gp.get_address() > kScr || gp.get_data_length() != 1) return 0;
  gp.get_data_ptr()[0] = read(static_cast<std::uint8_t>(gp.get_address()), false);
  return 1;
}

std::uint8_t Uart16550::read(std::uint8_t reg, bool side_effects) {
  const bool dlab = (lcr_ & kLcrDlab) != 0;
  switch (reg) {
    case kRbrThr: return dlab ? dll_ : 0;  // no receive path: RBR is empty
    case kIer: return dlab ? dlm_ : ier_;
    // IIR: bit 0 set = no interrupt pending; bits 7:6 report FIFOs enabled (data sheet Table IV).
    case kIirFcr: return static_cast<std::uint8_t>(0x01 | (fifo_enabled_ ? 0xC0 : 0x00));
    case kLcr: return lcr_;
    case kMcr: return mcr_;
    case kLsr: return kLsrThre | kLsrTemt;  // transmitter always empty; DR clear (no input)
    // MSR: DCD, DSR and CTS asserted (a terminal is attached); in loopback (MCR bit 4) the
    // modem inputs follow the MCR outputs instead (data sheet §8.6).
    case kMsr:
      if (mcr_ & 0x10) {
        return static_cast<std::uint8_t>(((mcr_ & 0x02) << 3) | ((mcr_ & 0x01) << 5) |
                                         ((mcr_ & 0x04) << 4) | ((mcr_ & 0x08) << 4));
      }
      return 0xB0;
    default: return scr_;
  }
}

void Uart16550::write(std::uint8_t reg, std::uint8_t value) {
  const bool dlab = (lcr_ & kLcrDlab) != 0;
  switch (reg) {
    case kRbrThr:
      if (dlab) {
        dll_ = value;
      } else if ((mcr_ & 0x10) == 0) {  // in loopback, transmitted bytes do not leave the chip
        console_.put(static_cast<char>(value));
        ++bytes_written_;
      }
      break;
    case kIer:
      if (dlab) dlm_ = value;
      else ier_ = value & 0x0F;
      break;
    case kIirFcr: fifo_enabled_ = (value & 0x01) != 0; break;
    case kLcr: lcr_ = value; break;
    case kMcr: mcr_ = value & 0x1F; break;
    case kLsr:
    case kMsr: break;  // read-only in practice (factory test registers)
    default: scr_ = value; break;
  }
}

}  // namespace memvp
