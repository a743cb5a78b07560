// The NUMA interconnect in front of two DDR4 controllers: an idle remote read costs the local
// DDR4 latency plus the link round trip (within one DRAM clock, as the controller rounds
// arrivals up to its clock), the default figures give 1.4-1.8x local, and DDR4's refusal of
// DMI reaches local requesters.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "sc_test.h"
#include "dram/ddr4_controller.h"
#include "interconnect/numa_interconnect.h"

namespace memvp {
namespace {

using sc_core::SC_NS;
using sc_core::sc_time;
using test::ScriptedInitiator;

constexpr std::uint64_t kNodeSize = 64ULL << 20;
constexpr std::uint64_t kBase = 0x8000'0000;

class NumaDdr4Test : public test::SystemCTest {
 protected:
  NumaDdr4Test() {
    NumaConfig cfg;
    cfg.nodes = NumaConfig::contiguous_nodes(PhysAddr(kBase), {kNodeSize, kNodeSize}, {{HartId(0)}, {HartId(1)}});
    noc = std::make_unique<NumaInterconnect>("numa", cfg);
    Ddr4Config dram;
    dram.size_bytes = kNodeSize;
    // Controller pipeline and PHY calibrated so an idle read of a closed bank is 85 ns
    // (48 + 88 clocks of 0.625 ns), inside the 81-90 ns servers measure.
    dram.frontend_latency = 44;
    dram.backend_latency = 44;
    for (int i = 0; i < 2; ++i) {
      mems.push_back(std::make_unique<Ddr4Controller>(("ddr" + std::to_string(i)).c_str(), dram));
      noc->init_socket.bind(mems.back()->socket);
      cpus.push_back(std::make_unique<ScriptedInitiator>(("cpu" + std::to_string(i)).c_str()));
      cpus.back()->socket.bind(noc->targ_socket);
    }
  }

  std::unique_ptr<NumaInterconnect> noc;
  std::vector<std::unique_ptr<Ddr4Controller>> mems;
  std::vector<std::unique_ptr<ScriptedInitiator>> cpus;
};

double ns_of(sc_time t) { return t.to_seconds() * 1e9; }

TEST_F(NumaDdr4Test, RemoteIsLocalPlusTheLinkRoundTrip) {
  double local = 0, remote = 0;
  cpus[0]->script = [&](ScriptedInitiator& c) {
    const sc_time t0 = sc_core::sc_time_stamp();
    c.read(kBase + 0x1000, 8);
    local = ns_of(sc_core::sc_time_stamp() - t0);
    const sc_time t1 = sc_core::sc_time_stamp();
    c.read(kBase + kNodeSize + 0x1000, 8);  // the same, idle, bank position in node 1
    remote = ns_of(sc_core::sc_time_stamp() - t1);
  };
  sc_core::sc_start();
  EXPECT_NEAR(local, 85.0, 0.001);
  const double link = 2 * kDefaultHopLatencyNs + (16 + 8) / kUpiLinkGbps;
  EXPECT_GE(remote - local, link - 0.001);
  EXPECT_LE(remote - local, link + 0.625);
  EXPECT_GE(remote / local, 1.4);
  EXPECT_LE(remote / local, 1.8);
}

TEST_F(NumaDdr4Test, Ddr4RefusesDmiSoLocalRequestersAreRefusedToo) {
  bool granted = true;
  cpus[1]->script = [&](ScriptedInitiator& c) {
    tlm::tlm_generic_payload gp;
    tlm::tlm_dmi dmi;
    gp.set_address(kBase + kNodeSize);
    granted = c.socket->get_direct_mem_ptr(gp, dmi);
  };
  sc_core::sc_start();
  EXPECT_FALSE(granted);
}

}  // namespace
}  // namespace memvp
