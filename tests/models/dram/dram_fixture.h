// Test fixture for the DDR4 controller: each test builds a fresh controller and a scripted
// initiator that issues reads and writes at given DRAM cycles (one thread per access, so
// accesses overlap) and records when each completes. Each TEST runs in its own process
// (gtest_discover_tests), so every test has a fresh SystemC kernel.
#pragma once

#include <gtest/gtest.h>
#include <tlm_utils/simple_initiator_socket.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <systemc>
#include <tlm>
#include <vector>

#include "common/error.h"
#include "dram/address_mapping.h"
#include "dram/ddr4_controller.h"

namespace memvp::test {

struct ScriptedAccess {
  std::uint64_t cycle;  // DRAM clock at which the access is issued
  std::uint64_t addr;
  bool write = false;
  std::uint64_t annotate = 0;  // cycles of local time ahead of SystemC time (temporal decoupling)
};

struct AccessResult {
  std::uint64_t issue = 0;
  std::uint64_t done = 0;  // DRAM clock at which b_transport's annotated delay ends
  tlm::tlm_response_status status = tlm::TLM_INCOMPLETE_RESPONSE;
  std::uint64_t latency() const { return done - issue; }
};

class ScriptedInitiator : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<ScriptedInitiator> socket;

  ScriptedInitiator(sc_core::sc_module_name name, sc_core::sc_time period,
                    std::vector<ScriptedAccess> script)
      : sc_module(name), socket("socket"), period_(period), script_(std::move(script)) {
    results.resize(script_.size());
    for (std::size_t i = 0; i < script_.size(); ++i) sc_core::sc_spawn([this, i] { issue(i); });
  }

  std::vector<AccessResult> results;

 private:
  void issue(std::size_t i) {
    const ScriptedAccess& a = script_[i];
    sc_core::wait(period_ * static_cast<double>(a.cycle));
    std::uint64_t data = a.addr;
    tlm::tlm_generic_payload gp;
    gp.set_command(a.write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
    gp.set_address(a.addr);
    gp.set_data_ptr(reinterpret_cast<unsigned char*>(&data));
    gp.set_data_length(8);
    gp.set_streaming_width(8);
    sc_core::sc_time delay = period_ * static_cast<double>(a.annotate);
    socket->b_transport(gp, delay);
    const sc_core::sc_time end = sc_core::sc_time_stamp() + delay;
    EXPECT_EQ(end.value() % period_.value(), 0u) << "completion not on a DRAM clock edge";
    results[i] = {a.cycle + a.annotate, end.value() / period_.value(), gp.get_response_status()};
  }

  sc_core::sc_time period_;
  std::vector<ScriptedAccess> script_;
};

// Runs `body` in a thread of its own with a socket bound to the controller.
class Driver : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<Driver> socket;

  Driver(sc_core::sc_module_name name, std::function<void(Driver&)> body)
      : sc_module(name), socket("socket") {
    sc_core::sc_spawn([this, body] { body(*this); });
  }

  // One b_transport of `len` bytes at `a`; returns the response, adds the latency to `delay`.
  tlm::tlm_response_status access(tlm::tlm_command cmd, std::uint64_t a, void* p, unsigned len,
                                  sc_core::sc_time& delay) {
    tlm::tlm_generic_payload gp;
    gp.set_command(cmd);
    gp.set_address(a);
    gp.set_data_ptr(static_cast<unsigned char*>(p));
    gp.set_data_length(len);
    gp.set_streaming_width(len);
    socket->b_transport(gp, delay);
    return gp.get_response_status();
  }
};

class DramTest : public ::testing::Test {
 protected:
  // Default DDR4-3200AA with refresh off and no controller pipeline or PHY latency, so timing
  // tests see only the DRAM constraint under test (tests of the two latencies set them),
  // synchronised so that overlapping scripted accesses meet in the queues.
  DramTest() {
    cfg.refresh = false;
    cfg.sync_to_arrival = true;
    cfg.frontend_latency = 0;
    cfg.backend_latency = 0;
  }

  // Address of column `col` (in bursts) of `row` in bank group bg, bank ba (rank 0, channel 0).
  std::uint64_t addr(std::uint32_t bg, std::uint32_t ba, std::uint32_t row, std::uint32_t col = 0) {
    return AddressMapping(cfg).encode(coord(0, bg, ba, row, col));
  }
  // The same in rank `rank` (cfg.org.ranks must be above it).
  std::uint64_t ranked_addr(std::uint32_t rank, std::uint32_t bg, std::uint32_t ba,
                            std::uint32_t row, std::uint32_t col = 0) {
    return AddressMapping(cfg).encode(coord(rank, bg, ba, row, col));
  }
  static DramCoord coord(std::uint32_t rank, std::uint32_t bg, std::uint32_t ba,
                         std::uint32_t row, std::uint32_t col = 0) {
    DramCoord c;
    c.rank = Rank(rank);
    c.bank_group = BankGroup(bg);
    c.bank = Bank(ba);
    c.row = Row(row);
    c.column = Column(col);
    return c;
  }

  std::vector<AccessResult> run(std::vector<ScriptedAccess> script) {
    dram = std::make_unique<Ddr4Controller>("dram", cfg);
    init = std::make_unique<ScriptedInitiator>("init", dram->clock_period(), std::move(script));
    init->socket.bind(dram->socket);
    sc_core::sc_start();
    for (const AccessResult& r : init->results) EXPECT_EQ(r.status, tlm::TLM_OK_RESPONSE);
    return init->results;
  }

  void run_driver(std::function<void(Driver&)> body) {
    dram = std::make_unique<Ddr4Controller>("dram", cfg);
    driver = std::make_unique<Driver>("driver", std::move(body));
    driver->socket.bind(dram->socket);
    sc_core::sc_start();
  }

  Ddr4Config cfg;
  std::unique_ptr<Ddr4Controller> dram;
  std::unique_ptr<Driver> driver;
  std::unique_ptr<ScriptedInitiator> init;
  // Shorthands for the default timings.
  const std::uint64_t CL = 22, RCD = 22, RP = 22, CWL = 16, RAS = 52, BURST = 4;
};

}  // namespace memvp::test
