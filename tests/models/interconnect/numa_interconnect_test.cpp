// NumaInterconnect timing and routing with scripted initiators (one per node) and fixed-latency
// memories: exact completion times for local, remote, queued and two-hop accesses, address
// decode and rebasing, debug transport, DMI policy and the named statistics.
#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include "sc_test.h"
#include "common/functional_dmi.h"
#include "common/stats/named_values.h"
#include "interconnect/numa_interconnect.h"

namespace memvp {
namespace {

using sc_core::SC_NS;
using sc_core::sc_time;
using test::Done;
using test::ScriptedInitiator;

constexpr std::uint64_t kNodeSize = 1ULL << 20;
constexpr std::uint64_t kBase = 0x8000'0000;

// A memory with one fixed latency that records the (node-relative) address of each access;
// grants DMI only when told to, as a fixed-latency RAM does and the DDR4 model does not.
class TestMemory : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<TestMemory> socket;
  std::vector<std::uint8_t> bytes = std::vector<std::uint8_t>(kNodeSize);
  std::vector<std::uint64_t> seen;
  sc_time latency;
  bool grant_dmi = false;

  TestMemory(sc_core::sc_module_name name, sc_time lat) : sc_module(name), socket("socket"), latency(lat) {
    socket.register_b_transport(this, &TestMemory::b_transport);
    socket.register_transport_dbg(this, &TestMemory::transport_dbg);
    socket.register_get_direct_mem_ptr(this, &TestMemory::get_direct_mem_ptr);
  }

 private:
  void b_transport(tlm::tlm_generic_payload& gp, sc_time& delay) {
    seen.push_back(gp.get_address());
    copy(gp);
    delay += latency;
    gp.set_dmi_allowed(grant_dmi);
    gp.set_response_status(tlm::TLM_OK_RESPONSE);
  }
  unsigned transport_dbg(tlm::tlm_generic_payload& gp) {
    copy(gp);
    return gp.get_data_length();
  }
  bool get_direct_mem_ptr(tlm::tlm_generic_payload&, tlm::tlm_dmi& dmi) {
    dmi.set_start_address(0);
    dmi.set_end_address(kNodeSize - 1);
    if (!grant_dmi) {
      dmi.set_granted_access(tlm::tlm_dmi::DMI_ACCESS_NONE);
      return false;
    }
    dmi.set_dmi_ptr(bytes.data());
    dmi.set_granted_access(tlm::tlm_dmi::DMI_ACCESS_READ_WRITE);
    dmi.set_read_latency(latency);
    dmi.set_write_latency(latency);
    return true;
  }
  void copy(tlm::tlm_generic_payload& gp) {
    std::uint8_t* mem = bytes.data() + gp.get_address();
    if (gp.is_write()) std::memcpy(mem, gp.get_data_ptr(), gp.get_data_length());
    if (gp.is_read()) std::memcpy(gp.get_data_ptr(), mem, gp.get_data_length());
  }
};

// Test timing: 40 ns memories, 25 ns hops, 16 GB/s links so that a 16-byte header occupies a
// link for 1 ns and a 64-byte line for 4 ns.
NumaConfig config(std::size_t n, NumaTopology topology = NumaTopology::Full) {
  NumaConfig c;
  std::vector<std::vector<HartId>> harts;
  for (std::uint32_t i = 0; i < n; ++i) harts.push_back({HartId(i)});
  c.nodes = NumaConfig::contiguous_nodes(PhysAddr(kBase), std::vector<std::uint64_t>(n, kNodeSize), harts);
  c.topology = topology;
  c.hop_latency_ns = 25;
  c.link_bandwidth_gbps = 16;
  c.header_bytes = 16;
  return c;
}

constexpr double kMemNs = 40;

std::uint64_t node_addr(std::uint32_t node, std::uint64_t offset = 0) { return kBase + node * kNodeSize + offset; }

// A 64-byte read (ScriptedInitiator::access holds at most 8 bytes), waited out like access().
Done read_line(ScriptedInitiator& c, std::uint64_t addr) {
  std::uint8_t data[64] = {};
  tlm::tlm_generic_payload gp;
  gp.set_command(tlm::TLM_READ_COMMAND);
  gp.set_address(addr);
  gp.set_data_ptr(data);
  gp.set_data_length(sizeof data);
  gp.set_streaming_width(sizeof data);
  gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
  sc_time delay = sc_core::SC_ZERO_TIME;
  c.socket->b_transport(gp, delay);
  sc_core::wait(delay);
  return {gp.get_response_status(), data[0], sc_core::sc_time_stamp()};
}

class NumaInterconnectTest : public test::SystemCTest {
 protected:
  // One initiator per node on target port i, one memory per node on initiator port j.
  void build(const NumaConfig& cfg, double mem_ns = kMemNs) {
    noc = std::make_unique<NumaInterconnect>("numa", cfg);
    for (std::size_t i = 0; i < cfg.node_count(); ++i) {
      mems.push_back(std::make_unique<TestMemory>(("mem" + std::to_string(i)).c_str(), sc_time(mem_ns, SC_NS)));
      noc->init_socket.bind(mems.back()->socket);
      cpus.push_back(std::make_unique<ScriptedInitiator>(("cpu" + std::to_string(i)).c_str()));
      cpus.back()->socket.bind(noc->targ_socket);
    }
  }
  std::map<std::string, double> values() const {
    std::map<std::string, double> m;
    for (const auto& [k, v] : stats::named_values(*noc)) m[k] = v;
    return m;
  }

  std::unique_ptr<NumaInterconnect> noc;
  std::vector<std::unique_ptr<TestMemory>> mems;
  std::vector<std::unique_ptr<ScriptedInitiator>> cpus;
};

TEST_F(NumaInterconnectTest, LocalAccessCostsTheMemoryLatency) {
  build(config(2));
  Done d{};
  cpus[0]->script = [&](ScriptedInitiator& c) { d = c.read(node_addr(0, 0x40), 8); };
  sc_core::sc_start();
  EXPECT_EQ(d.status, tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(d.at, sc_time(kMemNs, SC_NS));
}

TEST_F(NumaInterconnectTest, LocalLatencyIsAddedToLocalAccesses) {
  NumaConfig c = config(2);
  c.local_latency_ns = 5;
  build(c);
  Done d{};
  cpus[1]->script = [&](ScriptedInitiator& i) { d = i.read(node_addr(1), 8); };
  sc_core::sc_start();
  EXPECT_EQ(d.at, sc_time(kMemNs + 5, SC_NS));
}

TEST_F(NumaInterconnectTest, RemoteReadCrossesTheLinkBothWays) {
  build(config(2));
  Done d{};
  cpus[0]->script = [&](ScriptedInitiator& c) { d = read_line(c, node_addr(1)); };
  sc_core::sc_start();
  // Request header 16 B (1 ns) + hop 25 ns; memory 40 ns; 64 B of data (4 ns) + hop 25 ns back.
  EXPECT_EQ(d.at, sc_time(kMemNs + 2 * 25 + 1 + 4, SC_NS));
}

TEST_F(NumaInterconnectTest, RemoteWriteCarriesItsDataOnTheRequest) {
  build(config(2));
  Done d{};
  cpus[1]->script = [&](ScriptedInitiator& c) { d = c.write(node_addr(0, 8), 8, 0x1122334455667788); };
  sc_core::sc_start();
  // Request 16 B header + 8 B data (1.5 ns); completion header 16 B (1 ns) back.
  EXPECT_EQ(d.at, sc_time(kMemNs + 2 * 25 + 1.5 + 1, SC_NS));
  EXPECT_EQ(mems[0]->bytes[8], 0x88);
}

TEST_F(NumaInterconnectTest, SecondTransferOnABusyLinkQueuesForTheFirstsOccupancy) {
  build(config(2));
  sc_time first, second;
  cpus[0]->script = [&](ScriptedInitiator& c) {
    // Two 64-byte reads of node 1's memory issued at the same time, without waiting in between.
    std::uint8_t buf[2][64];
    tlm::tlm_generic_payload gp[2];
    sc_time delay[2];
    for (int i = 0; i < 2; ++i) {
      gp[i].set_command(tlm::TLM_READ_COMMAND);
      gp[i].set_address(node_addr(1, 64 * i));
      gp[i].set_data_ptr(buf[i]);
      gp[i].set_data_length(64);
      gp[i].set_streaming_width(64);
      c.socket->b_transport(gp[i], delay[i]);
    }
    first = delay[0];
    second = delay[1];
  };
  sc_core::sc_start();
  EXPECT_EQ(first, sc_time(kMemNs + 2 * 25 + 1 + 4, SC_NS));
  // The second request waits 1 ns behind the first's header; its data then waits for the first's
  // data to leave the return direction: it completes exactly one data occupancy (4 ns) later.
  EXPECT_EQ(second, first + sc_time(4, SC_NS));
  const auto v = values();
  EXPECT_DOUBLE_EQ(v.at("link0_1.0to1.queue_delay_total_ns"), 1.0);
  EXPECT_DOUBLE_EQ(v.at("link0_1.1to0.queue_delay_total_ns"), 3.0);
  EXPECT_DOUBLE_EQ(v.at("link0_1.1to0.queue_delay_avg_ns"), 1.5);
  EXPECT_DOUBLE_EQ(v.at("link0_1.1to0.bytes"), 128.0);
}

TEST_F(NumaInterconnectTest, OtherLinksAndTheOtherDirectionDoNotInterfere) {
  build(config(3));
  Done a{}, b{}, c{};
  cpus[0]->script = [&](ScriptedInitiator& i) { a = read_line(i, node_addr(1)); };
  cpus[1]->script = [&](ScriptedInitiator& i) { b = read_line(i, node_addr(0)); };  // reverse direction
  cpus[2]->script = [&](ScriptedInitiator& i) { c = read_line(i, node_addr(1, 64)); };  // link 1-2
  sc_core::sc_start();
  const sc_time idle(kMemNs + 2 * 25 + 1 + 4, SC_NS);
  EXPECT_EQ(a.at, idle);
  EXPECT_EQ(b.at, idle);
  EXPECT_EQ(c.at, idle);
  EXPECT_DOUBLE_EQ(values().at("link0_1.1to0.queue_delay_total_ns"), 0.0);
}

TEST_F(NumaInterconnectTest, RingRoutesOverTwoHops) {
  build(config(4, NumaTopology::Ring));
  Done d{};
  cpus[0]->script = [&](ScriptedInitiator& c) { d = read_line(c, node_addr(2, 0x100)); };
  sc_core::sc_start();
  EXPECT_EQ(noc->route(NodeId(0), NodeId(2)), (std::vector<NodeId>{NodeId(0), NodeId(1), NodeId(2)}));
  // Two links each way: 4 hops, the header on two links, the data on two links.
  EXPECT_EQ(d.at, sc_time(kMemNs + 4 * 25 + 2 * 1 + 2 * 4, SC_NS));
  const auto v = values();
  EXPECT_DOUBLE_EQ(v.at("link0_1.0to1.bytes"), 16.0);
  EXPECT_DOUBLE_EQ(v.at("link1_2.1to2.bytes"), 16.0);
  EXPECT_DOUBLE_EQ(v.at("link1_2.2to1.bytes"), 64.0);
  EXPECT_DOUBLE_EQ(v.at("link0_1.1to0.bytes"), 64.0);
  EXPECT_DOUBLE_EQ(v.at("link0_3.0to3.bytes"), 0.0);
  EXPECT_DOUBLE_EQ(v.at("link2_3.3to2.transfers"), 0.0);
}

TEST_F(NumaInterconnectTest, RoutesByAddressToTheHomeNodeRebased) {
  build(config(3));
  Done w{}, r{};
  cpus[2]->script = [&](ScriptedInitiator& c) {
    w = c.write(node_addr(1, 0x10), 4, 0xcafef00d);
    r = c.read(node_addr(1, 0x10), 4);
  };
  sc_core::sc_start();
  EXPECT_EQ(mems[1]->seen, (std::vector<std::uint64_t>{0x10, 0x10}));
  EXPECT_TRUE(mems[0]->seen.empty());
  EXPECT_TRUE(mems[2]->seen.empty());
  EXPECT_EQ(r.value, 0xcafef00du);
  EXPECT_EQ(mems[1]->bytes[0x10], 0x0d);
}

TEST_F(NumaInterconnectTest, AddressesOutsideOrAcrossNodesAreDecodeErrors) {
  build(config(2));
  Done below{}, across{}, above{};
  cpus[0]->script = [&](ScriptedInitiator& c) {
    below = c.read(kBase - 8, 8);
    across = c.read(node_addr(1) - 4, 8);
    above = c.read(node_addr(2), 8);
  };
  sc_core::sc_start();
  EXPECT_EQ(below.status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(across.status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(above.status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
}

TEST_F(NumaInterconnectTest, IncomingBaseRebasesAddressesFromABus) {
  NumaConfig c = config(2);
  c.incoming_base = PhysAddr(kBase);
  build(c);
  Done d{};
  cpus[0]->script = [&](ScriptedInitiator& i) { d = i.read(kNodeSize + 0x20, 8); };
  sc_core::sc_start();
  EXPECT_EQ(d.status, tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(mems[1]->seen, (std::vector<std::uint64_t>{0x20}));
}

TEST_F(NumaInterconnectTest, DebugTransportIsRoutedAndClippedToTheNode) {
  build(config(2));
  mems[1]->bytes[kNodeSize - 1] = 0x5a;
  unsigned n = 0;
  std::uint8_t buf[16] = {};
  cpus[0]->script = [&](ScriptedInitiator& c) {
    n = c.debug(tlm::TLM_READ_COMMAND, node_addr(1, kNodeSize - 1), buf, sizeof buf);
  };
  sc_core::sc_start();
  EXPECT_EQ(n, 1u);
  EXPECT_EQ(buf[0], 0x5a);
  EXPECT_TRUE(mems[1]->seen.empty());  // debug accesses are not timed or counted
}

TEST_F(NumaInterconnectTest, DmiOnlyForLocalMemoryThatGrantsIt) {
  build(config(2));
  mems[0]->grant_dmi = true;
  bool local = false, remote = true, denied = true;
  tlm::tlm_dmi local_dmi, remote_dmi, denied_dmi;
  cpus[0]->script = [&](ScriptedInitiator& c) {
    tlm::tlm_generic_payload gp;
    gp.set_address(node_addr(0, 0x1000));
    local = c.socket->get_direct_mem_ptr(gp, local_dmi);
    gp.set_address(node_addr(1, 0x1000));
    remote = c.socket->get_direct_mem_ptr(gp, remote_dmi);
  };
  cpus[1]->script = [&](ScriptedInitiator& c) {
    tlm::tlm_generic_payload gp;
    gp.set_address(node_addr(1, 0x1000));  // local, but node 1's memory denies DMI
    denied = c.socket->get_direct_mem_ptr(gp, denied_dmi);
  };
  sc_core::sc_start();
  EXPECT_TRUE(local);
  EXPECT_EQ(local_dmi.get_start_address(), node_addr(0));
  EXPECT_EQ(local_dmi.get_end_address(), node_addr(1) - 1);
  EXPECT_EQ(local_dmi.get_dmi_ptr(), mems[0]->bytes.data());
  EXPECT_EQ(local_dmi.get_read_latency(), sc_time(kMemNs, SC_NS));
  EXPECT_FALSE(remote);
  EXPECT_EQ(remote_dmi.get_start_address(), node_addr(1));
  EXPECT_EQ(remote_dmi.get_end_address(), node_addr(2) - 1);
  EXPECT_FALSE(denied);
}

// A cache's functional data path (FunctionalDmi) gets remote memory too, rebased and clipped to
// the node, without local_latency: the cache times every access itself.
TEST_F(NumaInterconnectTest, FunctionalDmiReachesRemoteMemory) {
  build(config(2));
  mems[1]->grant_dmi = true;
  bool remote = false;
  tlm::tlm_dmi dmi;
  cpus[0]->script = [&](ScriptedInitiator& c) {
    tlm::tlm_generic_payload gp;
    FunctionalDmi marker;
    gp.set_extension(&marker);
    gp.set_address(node_addr(1, 0x1000));
    remote = c.socket->get_direct_mem_ptr(gp, dmi);
    gp.clear_extension(&marker);
  };
  sc_core::sc_start();
  EXPECT_TRUE(remote);
  EXPECT_EQ(dmi.get_start_address(), node_addr(1));
  EXPECT_EQ(dmi.get_end_address(), node_addr(2) - 1);
  EXPECT_EQ(dmi.get_dmi_ptr(), mems[1]->bytes.data());
  EXPECT_EQ(dmi.get_read_latency(), sc_time(kMemNs, SC_NS));
}

// Node 0's requester, recording the DMI invalidations it receives.
class InvalidationRecorder : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<InvalidationRecorder> socket;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> ranges;

  explicit InvalidationRecorder(sc_core::sc_module_name name) : sc_module(name), socket("socket") {
    socket.register_invalidate_direct_mem_ptr(this, &InvalidationRecorder::invalidate);
  }

 private:
  void invalidate(sc_dt::uint64 start, sc_dt::uint64 end) { ranges.emplace_back(start, end); }
};

TEST_F(NumaInterconnectTest, InvalidationsAreRebasedToIncomingAddresses) {
  noc = std::make_unique<NumaInterconnect>("numa", config(2));
  InvalidationRecorder rec("rec");
  rec.socket.bind(noc->targ_socket);
  for (int i = 0; i < 2; ++i) {
    mems.push_back(std::make_unique<TestMemory>(("mem" + std::to_string(i)).c_str(), sc_time(kMemNs, SC_NS)));
    noc->init_socket.bind(mems.back()->socket);
  }
  sc_core::sc_start(sc_core::SC_ZERO_TIME);  // elaborate
  mems[1]->socket->invalidate_direct_mem_ptr(0x100, 0x1ff);
  mems[0]->socket->invalidate_direct_mem_ptr(0, ~0ULL);  // "everything": clipped to the node
  using R = std::vector<std::pair<std::uint64_t, std::uint64_t>>;
  EXPECT_EQ(rec.ranges, (R{{node_addr(1, 0x100), node_addr(1, 0x1ff)}, {node_addr(0), node_addr(1) - 1}}));
}

TEST_F(NumaInterconnectTest, EveryNodeNeedsAMemory) {
  noc = std::make_unique<NumaInterconnect>("numa", config(2));
  mems.push_back(std::make_unique<TestMemory>("mem0", sc_time(kMemNs, SC_NS)));
  noc->init_socket.bind(mems.back()->socket);
  EXPECT_THROW(sc_core::sc_start(), sc_core::sc_report);
}

TEST_F(NumaInterconnectTest, StatisticsPerNodeAndLink) {
  build(config(2));
  cpus[0]->script = [&](ScriptedInitiator& c) {
    c.read(node_addr(0), 8);
    read_line(c, node_addr(1));
  };
  sc_core::sc_start();
  const auto v = values();
  EXPECT_DOUBLE_EQ(v.at("node0.local_accesses"), 1.0);
  EXPECT_DOUBLE_EQ(v.at("node0.remote_accesses"), 1.0);
  EXPECT_DOUBLE_EQ(v.at("node0.to_node1"), 1.0);
  EXPECT_DOUBLE_EQ(v.at("node0.served_local"), 1.0);
  EXPECT_DOUBLE_EQ(v.at("node1.served_remote"), 1.0);
  EXPECT_DOUBLE_EQ(v.at("node1.local_accesses"), 0.0);
  EXPECT_DOUBLE_EQ(v.at("node0.local_latency_avg_ns"), kMemNs);
  EXPECT_DOUBLE_EQ(v.at("node0.remote_latency_avg_ns"), kMemNs + 55);
  EXPECT_DOUBLE_EQ(v.at("link0_1.0to1.busy_ns"), 1.0);
  EXPECT_DOUBLE_EQ(v.at("link0_1.1to0.busy_ns"), 4.0);
  // The run ends with the remote read, at 40 + 95 ns; the return direction was busy 4 ns of it.
  EXPECT_EQ(noc->elapsed(), sc_time(kMemNs + 95, SC_NS));
  EXPECT_DOUBLE_EQ(v.at("link0_1.1to0.utilisation"), 4.0 / 135.0);
}

TEST_F(NumaInterconnectTest, DefaultsPutRemoteAtAboutOnePointSevenTimesLocal) {
  // A DDR4 node calibrated to 85 ns idle load-to-use (servers measure 81-90 ns) with the default
  // link: one UPI-like link (20.8 GB/s) and 27 ns per hop.
  NumaConfig c;
  c.nodes = NumaConfig::contiguous_nodes(PhysAddr(kBase), {kNodeSize, kNodeSize}, {{HartId(0)}, {HartId(1)}});
  build(c, 85);
  Done local{}, remote{};
  cpus[0]->script = [&](ScriptedInitiator& i) {
    local = read_line(i, node_addr(0));
    const sc_time start = sc_core::sc_time_stamp();
    remote = read_line(i, node_addr(1));
    remote.at -= start;
  };
  sc_core::sc_start();
  const double local_ns = local.at.to_seconds() * 1e9, remote_ns = remote.at.to_seconds() * 1e9;
  EXPECT_NEAR(remote_ns, 85 + 2 * 27 + 16 / 20.8 + 64 / 20.8, 0.002);  // 142.85 ns
  EXPECT_GE(remote_ns / local_ns, 1.4);
  EXPECT_LE(remote_ns / local_ns, 1.8);
}

}  // namespace
}  // namespace memvp
