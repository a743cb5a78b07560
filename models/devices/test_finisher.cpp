// Test finisher decode: a 32-bit write to offset 0 whose low 16 bits name a command ends the run;
// other values and offsets are ignored and reads return 0, as QEMU's model does.
#include "devices/test_finisher.h"

#include <string>

#include "devices/reg_access.h"

namespace memvp {

using namespace devices;

TestFinisher::TestFinisher(sc_core::sc_module_name name, const TestFinisherConfig& cfg, RunControl& run)
    : sc_module(name), socket("socket"), cfg_(cfg), run_(run) {
  socket.register_b_transport(this, &TestFinisher::b_transport);
}

void TestFinisher::b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
  if (!is_plain_access(gp, {4}) || gp.get_address() >= cfg_.size) {
    gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return;
  }
  gp.set_response_status(tlm::TLM_OK_RESPONSE);
  if (gp.is_read()) {
    set_payload_value(gp, 0);
    return;
  }
  if (gp.get_address() != 0) return;
  const auto value = static_cast<std::uint32_t>(payload_value(gp));
  const std::uint32_t code = value >> 16;
  switch (value & 0xFFFF) {
    case kPass: run_.end(EndReason::GuestExit, 0); break;
    case kFail:
      run_.end(EndReason::GuestExit, static_cast<int>(code),
               "guest reported failure with code " + std::to_string(code) + " (test finisher)");
      break;
    case kReset:
      run_.end(EndReason::GuestExit, 0, "guest requested a reset (test finisher); ending the run");
      break;
    default: break;
  }
}

}  // namespace memvp
