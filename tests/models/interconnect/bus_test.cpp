// The system bus: address decode to the right port with the address rebased (or not), later
// mappings overlaying earlier ones, decode errors for unmapped and straddling accesses, debug
// transport, DMI regions clipped so they never cover another mapping, and pass-through ranges.
#include <gtest/gtest.h>

#include <array>
#include <functional>

#include <tlm_utils/simple_target_socket.h>

#include "sc_test.h"
#include "interconnect/bus.h"

namespace memvp::test {
namespace {

// A target that records the last address it saw and grants DMI over its whole window.
class Recorder : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<Recorder> socket;
  std::uint64_t last = ~0ULL;
  unsigned hits = 0;
  std::array<std::uint8_t, 0x10000> mem{};

  explicit Recorder(sc_core::sc_module_name n) : sc_module(n), socket("socket") {
    socket.register_b_transport(this, &Recorder::b_transport);
    socket.register_transport_dbg(this, &Recorder::transport_dbg);
    socket.register_get_direct_mem_ptr(this, &Recorder::get_dmi);
  }

 private:
  void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
    last = gp.get_address();
    ++hits;
    delay += sc_core::sc_time(5, sc_core::SC_NS);
    gp.set_response_status(tlm::TLM_OK_RESPONSE);
  }
  unsigned transport_dbg(tlm::tlm_generic_payload& gp) {
    last = gp.get_address();
    return gp.get_data_length();
  }
  bool get_dmi(tlm::tlm_generic_payload&, tlm::tlm_dmi& dmi) {
    dmi.allow_read_write();
    dmi.set_dmi_ptr(mem.data());
    dmi.set_start_address(0);
    dmi.set_end_address(mem.size() - 1);
    return true;
  }
};

class BusTest : public SystemCTest {
 protected:
  BusTest() : bus("bus", BusConfig{.clock_hz = 1e9, .latency_cycles = 2}), ram("ram"), dev("dev"), init("init") {
    init.socket.bind(bus.targ_socket);
    bus.init_socket.bind(ram.socket);
    bus.init_socket.bind(dev.socket);
    bus.map(0, PhysAddr(0x8000'0000), 0x10000);
    bus.map(1, PhysAddr(0x8000'4000), 0x10);  // overlays part of RAM (as HTIF's tohost does)
  }
  // Runs `script` as the initiator's thread: one simulation per test, every access inside it.
  void run(std::function<void(ScriptedInitiator&)> script) {
    init.script = std::move(script);
    sc_core::sc_start();
  }

  Bus bus;
  Recorder ram, dev;
  ScriptedInitiator init;
};

TEST_F(BusTest, RoutesAndRebasesAddresses) {
  Done d{};
  run([&](ScriptedInitiator& i) { d = i.read(0x8000'0100, 8); });
  EXPECT_EQ(d.status, tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(ram.last, 0x100u);
  EXPECT_EQ(d.at, sc_core::sc_time(7, sc_core::SC_NS));  // 2 bus cycles + the target's 5 ns
}

TEST_F(BusTest, ALaterMappingOverlaysAnEarlierOne) {
  run([&](ScriptedInitiator& i) { i.read(0x8000'4008, 8); });
  EXPECT_EQ(dev.last, 0x8u);
  EXPECT_EQ(ram.hits, 0u);
  ASSERT_EQ(bus.ranges().size(), 3u);  // RAM below, the device, RAM above
  EXPECT_EQ(bus.ranges()[2].start, 0x8000'4010u);
  EXPECT_EQ(bus.ranges()[2].base, 0x8000'0000u);  // still RAM's base: offsets stay continuous
}

TEST_F(BusTest, UnmappedAndStraddlingAccessesAreAddressErrors) {
  Done unmapped{}, straddling{};
  run([&](ScriptedInitiator& i) {
    unmapped = i.read(0x1000, 8);
    straddling = i.read(0x8000'3FFC, 8);  // runs into the device
  });
  EXPECT_EQ(unmapped.status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(straddling.status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(ram.hits + dev.hits, 0u);
}

TEST_F(BusTest, AbsoluteMappingsPassAddressesUnchanged) {
  bus.map(1, PhysAddr(0x9000'0000), 0x1000, Bus::Addressing::Absolute);
  run([&](ScriptedInitiator& i) { i.read(0x9000'0040, 8); });
  EXPECT_EQ(dev.last, 0x9000'0040u);
}

// A pass-through range hands the access to a bus that charges the latency itself.
TEST_F(BusTest, PassThroughRangesAddNoLatency) {
  bus.map(1, PhysAddr(0x9000'0000), 0x1000, Bus::Addressing::Absolute, Bus::Latency::PassThrough);
  Done d{};
  run([&](ScriptedInitiator& i) { d = i.read(0x9000'0040, 8); });
  EXPECT_EQ(d.at, sc_core::sc_time(5, sc_core::SC_NS));  // the target's 5 ns only
  tlm::tlm_generic_payload gp;
  tlm::tlm_dmi dmi;
  gp.set_address(0x9000'0040);
  ASSERT_TRUE(init.socket->get_direct_mem_ptr(gp, dmi));
  EXPECT_EQ(dmi.get_read_latency(), sc_core::SC_ZERO_TIME);
  EXPECT_EQ(dmi.get_write_latency(), sc_core::SC_ZERO_TIME);
}

TEST_F(BusTest, DmiIsClippedToTheRangeAndRebased) {
  bool below = false, above = false;
  tlm::tlm_dmi lo, hi;
  run([&](ScriptedInitiator& i) {
    tlm::tlm_generic_payload gp;
    gp.set_address(0x8000'0100);
    below = i.socket->get_direct_mem_ptr(gp, lo);
    gp.set_address(0x8000'5000);
    above = i.socket->get_direct_mem_ptr(gp, hi);
  });
  ASSERT_TRUE(below);
  EXPECT_EQ(lo.get_start_address(), 0x8000'0000u);
  EXPECT_EQ(lo.get_end_address(), 0x8000'3FFFu);  // stops below the overlaid device
  EXPECT_EQ(lo.get_read_latency(), sc_core::sc_time(2, sc_core::SC_NS));
  ASSERT_TRUE(above);
  EXPECT_EQ(hi.get_start_address(), 0x8000'4010u);
  EXPECT_EQ(hi.get_dmi_ptr(), ram.mem.data() + 0x4010);  // the pointer moved with the clipped start
}

TEST_F(BusTest, DebugTransportIsRebasedAndClipped) {
  unsigned n = 0;
  run([&](ScriptedInitiator& i) {
    std::uint8_t buf[64] = {};
    tlm::tlm_generic_payload gp;
    gp.set_command(tlm::TLM_READ_COMMAND);
    gp.set_address(0x8000'3FF0);
    gp.set_data_ptr(buf);
    gp.set_data_length(64);
    n = i.socket->transport_dbg(gp);
  });
  EXPECT_EQ(n, 16u);  // up to the device's range
  EXPECT_EQ(ram.last, 0x3FF0u);
}

}  // namespace
}  // namespace memvp::test
