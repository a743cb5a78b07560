// Test scaffolding for device models: a fixture that gives each test a fresh SystemC simulation
// context (so tests also pass when one process runs them all), and a scripted TLM initiator
// whose script runs as an SC_THREAD and records each access's response and completion time.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <functional>
#include <vector>

#include <gtest/gtest.h>
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

namespace memvp::test {

class SystemCTest : public ::testing::Test {
 protected:
  SystemCTest() {
    setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 1);
    // SystemC 2.3 cannot re-elaborate a context: start each test from a new one. The previous
    // context stays allocated (its modules were destroyed with the previous fixture; deleting
    // it would free what its suspended threads still point to), held in `contexts`.
    static auto* contexts = new std::vector<sc_core::sc_simcontext*>;
    contexts->push_back(new sc_core::sc_simcontext);
    sc_core::sc_curr_simcontext = contexts->back();
    sc_core::sc_default_global_context = sc_core::sc_curr_simcontext;
    // Silence the "Simulation stopped by user" note that sc_stop() prints to stdout.
    sc_core::sc_report_handler::set_actions("/OSCI/SystemC", sc_core::SC_INFO, sc_core::SC_DO_NOTHING);
  }
};

// One access of a script: what came back and when it completed (SystemC time after syncing).
struct Done {
  tlm::tlm_response_status status;
  std::uint64_t value;
  sc_core::sc_time at;
};

class ScriptedInitiator : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<ScriptedInitiator> socket;
  std::function<void(ScriptedInitiator&)> script;

  explicit ScriptedInitiator(sc_core::sc_module_name name) : sc_module(name), socket("socket") {
    SC_HAS_PROCESS(ScriptedInitiator);
    SC_THREAD(run);
  }

  // A blocking access of `len` bytes at `addr` issued with annotated delay `annotated`; the
  // initiator then waits out the returned delay, so `at` is the completion time.
  Done access(tlm::tlm_command cmd, std::uint64_t addr, unsigned len, std::uint64_t value = 0,
              sc_core::sc_time annotated = sc_core::SC_ZERO_TIME) {
    std::uint8_t data[8] = {};
    for (unsigned i = 0; i < 8; ++i) data[i] = static_cast<std::uint8_t>(value >> (8 * i));
    // The payload is the initiator's, not the script's: a run that ends inside an access leaves
    // the script's thread suspended, and SystemC frees a thread's stack without unwinding it,
    // which would leak the payload's extension array.
    tlm::tlm_generic_payload& gp = gp_;
    gp.set_command(cmd);
    gp.set_address(addr);
    gp.set_data_ptr(data);
    gp.set_data_length(len);
    gp.set_streaming_width(len);
    gp.set_byte_enable_ptr(nullptr);
    gp.set_byte_enable_length(0);
    gp.set_dmi_allowed(false);
    gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    sc_core::sc_time delay = annotated;
    socket->b_transport(gp, delay);
    sc_core::wait(delay);
    std::uint64_t out = 0;
    for (unsigned i = 0; i < len && i < 8; ++i) out |= static_cast<std::uint64_t>(data[i]) << (8 * i);
    return {gp.get_response_status(), out, sc_core::sc_time_stamp()};
  }
  Done read(std::uint64_t addr, unsigned len) { return access(tlm::TLM_READ_COMMAND, addr, len); }
  Done write(std::uint64_t addr, unsigned len, std::uint64_t v) {
    return access(tlm::TLM_WRITE_COMMAND, addr, len, v);
  }
  unsigned debug(tlm::tlm_command cmd, std::uint64_t addr, std::uint8_t* data, unsigned len) {
    tlm::tlm_generic_payload gp;
    gp.set_command(cmd);
    gp.set_address(addr);
    gp.set_data_ptr(data);
    gp.set_data_length(len);
    return socket->transport_dbg(gp);
  }

 private:
  void run() {
    if (script) script(*this);
  }
  tlm::tlm_generic_payload gp_;  // every timed access's (access())
};

// Records every change of a bool signal with its time.
class EdgeRecorder : public sc_core::sc_module {
 public:
  sc_core::sc_in<bool> in;
  std::vector<std::pair<sc_core::sc_time, bool>> changes;

  explicit EdgeRecorder(sc_core::sc_module_name name) : sc_module(name), in("in") {
    SC_HAS_PROCESS(EdgeRecorder);
    SC_METHOD(record);
    sensitive << in;
    dont_initialize();
  }

 private:
  void record() { changes.emplace_back(sc_core::sc_time_stamp(), in.read()); }
};

}  // namespace memvp::test
