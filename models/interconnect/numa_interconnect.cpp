// Routing and link timing of the NUMA interconnect. A remote access crosses the links of its
// route twice: the request (header, plus the data of a write) towards the home node, then the
// response (the data of a read, or a write's completion header) back. Each crossing takes the
// first free slot of its link direction, occupies it for bytes / bandwidth and adds the hop
// latency; the memory sees the request when it reaches the home node.
#include "interconnect/numa_interconnect.h"

#include <algorithm>

#include "common/functional_dmi.h"
#include "common/tlm/memory_events.h"

namespace memvp {
namespace {

const NumaConfig& validated(const NumaConfig& cfg) {
  cfg.validate();
  return cfg;
}

}  // namespace

NumaInterconnect::NumaInterconnect(sc_core::sc_module_name name, const NumaConfig& cfg)
    : sc_module(name), targ_socket("targ_socket"), init_socket("init_socket"), cfg_(validated(cfg)),
      n_(cfg_.node_count()),
      hop_latency_(cfg.hop_latency_in_ns(), sc_core::SC_NS),
      local_latency_(cfg.local_latency_ns, sc_core::SC_NS),
      routing_(make_numa_routing(cfg)), channel_(n_ * n_, nullptr), stats_(n_) {
  for (const NumaLinkSpec& l : cfg_.link_list()) links_.push_back({l.a.value(), l.b.value(), {}, {}});
  // links_ no longer grows, so pointers into it stay valid.
  for (NumaLinkState& l : links_) {
    channel_[l.a * n_ + l.b] = &l.up;
    channel_[l.b * n_ + l.a] = &l.down;
  }
  for (std::uint32_t from = 0; from < n_; ++from) {
    for (std::uint32_t to = 0; to < n_; ++to) routes_.push_back(routing_->route(NodeId(from), NodeId(to)));
  }
  targ_socket.register_b_transport(this, &NumaInterconnect::b_transport);
  targ_socket.register_transport_dbg(this, &NumaInterconnect::transport_dbg);
  targ_socket.register_get_direct_mem_ptr(this, &NumaInterconnect::get_direct_mem_ptr);
  init_socket.register_invalidate_direct_mem_ptr(this, &NumaInterconnect::invalidate_direct_mem_ptr);
}

void NumaInterconnect::end_of_elaboration() {
  if (init_socket.size() != n_) {
    SC_REPORT_ERROR(name(), "NumaInterconnect: bind one memory per node to init_socket, in node order");
  }
  if (targ_socket.size() > n_) SC_REPORT_ERROR(name(), "NumaInterconnect: more requester ports than nodes");
}

const std::vector<NodeId>& NumaInterconnect::route(NodeId from, NodeId to) const {
  return routes_.at(from.value() * n_ + to.value());
}

std::optional<NumaInterconnect::Home> NumaInterconnect::decode(std::uint64_t addr, std::uint64_t len) const {
  const PhysAddr pa = cfg_.incoming_base + addr;
  if (pa.value() < addr) return std::nullopt;  // wrapped past the top of the address space
  const std::optional<NodeId> home = cfg_.home_of(pa);
  if (!home) return std::nullopt;
  const NumaNode& node = cfg_.nodes[home->value()];
  const std::uint64_t offset = pa - node.base;
  // An access must lie wholly in one node, as in one DRAM controller.
  if (std::max<std::uint64_t>(len, 1) > node.size_bytes - offset) return std::nullopt;
  return Home{*home, offset};
}

std::uint64_t NumaInterconnect::request_bytes(const tlm::tlm_generic_payload& gp) const {
  return cfg_.header_bytes + (gp.is_write() ? gp.get_data_length() : 0);
}

std::uint64_t NumaInterconnect::response_bytes(const tlm::tlm_generic_payload& gp) const {
  return gp.is_read() ? gp.get_data_length() : cfg_.header_bytes;
}

void NumaInterconnect::attach_waves(waves::WaveRecorder& rec, const std::string& scope) {
  for (NumaLinkState& l : links_) {
    l.up.attach_waves(rec, scope + ".node" + std::to_string(l.a) + "_to_node" + std::to_string(l.b));
    l.down.attach_waves(rec, scope + ".node" + std::to_string(l.b) + "_to_node" + std::to_string(l.a));
  }
}

sc_core::sc_time NumaInterconnect::cross(const std::vector<NodeId>& path, std::uint64_t bytes, sc_core::sc_time t) {
  const sc_core::sc_time occupancy(static_cast<double>(bytes) / cfg_.link_bandwidth_gbps, sc_core::SC_NS);
  for (std::size_t i = 0; i + 1 < path.size(); ++i) {
    LinkChannel* c = channel_[path[i].value() * n_ + path[i + 1].value()];
    t = c->transfer(sc_core::sc_time_stamp(), t, occupancy, bytes) + hop_latency_;
  }
  return t;
}

void NumaInterconnect::b_transport(int port, tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
  const std::uint64_t addr = gp.get_address();
  const std::optional<Home> home = decode(addr, gp.get_data_length());
  if (!home) {
    gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return;
  }
  const NodeId from(static_cast<std::uint32_t>(port));
  const bool local = from == home->node;
  if (!local) count_memory_event(gp, MemoryEvents::RemoteAccess);
  const sc_core::sc_time sent = sc_core::sc_time_stamp();
  const sc_core::sc_time arrival = sent + delay;

  // Request: to the home node's memory controller.
  sc_core::sc_time t = local ? arrival + local_latency_ : cross(route(from, home->node), request_bytes(gp), arrival);
  sc_core::sc_time mem_delay = t - sent;
  gp.set_address(home->offset);
  init_socket[static_cast<int>(home->node.value())]->b_transport(gp, mem_delay);
  gp.set_address(addr);

  // Response: back to the requester. A memory may have waited, so take the time anew.
  const sc_core::sc_time now = sc_core::sc_time_stamp();
  t = now + mem_delay;
  if (!local) {
    t = cross(route(home->node, from), response_bytes(gp), t);
    gp.set_dmi_allowed(false);  // remote memory is never reached through DMI
  }
  delay = t - now;
  stats_.record_access(from, home->node, t - arrival);
}

unsigned NumaInterconnect::transport_dbg(int, tlm::tlm_generic_payload& gp) {
  const std::uint64_t addr = gp.get_address();
  const std::optional<Home> home = decode(addr, 1);
  if (!home) return 0;
  const std::uint64_t room = cfg_.nodes[home->node.value()].size_bytes - home->offset;
  if (gp.get_data_length() > room) gp.set_data_length(static_cast<unsigned>(room));
  gp.set_address(home->offset);
  const unsigned n = init_socket[static_cast<int>(home->node.value())]->transport_dbg(gp);
  gp.set_address(addr);
  return n;
}

bool NumaInterconnect::get_direct_mem_ptr(int port, tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi) {
  const std::uint64_t addr = gp.get_address();
  const std::optional<Home> home = decode(addr, 1);
  if (!home) return false;
  const NumaNode& node = cfg_.nodes[home->node.value()];
  const std::uint64_t lo = node.base - cfg_.incoming_base;  // the node in incoming addresses
  const std::uint64_t hi = lo + node.size_bytes - 1;
  const bool remote = NodeId(static_cast<std::uint32_t>(port)) != home->node;
  // A cache's functional data path (FunctionalDmi) may reach any node directly: the cache times
  // every access itself with b_transport, which crosses the links. Anyone else is denied remote
  // memory for the whole node, so the initiator stops asking and every remote access is timed.
  if (remote && !gp.get_extension<FunctionalDmi>()) {
    dmi.set_start_address(lo);
    dmi.set_end_address(hi);
    dmi.set_granted_access(tlm::tlm_dmi::DMI_ACCESS_NONE);
    return false;
  }
  gp.set_address(home->offset);
  const bool ok = init_socket[static_cast<int>(home->node.value())]->get_direct_mem_ptr(gp, dmi);
  gp.set_address(addr);
  // Back to incoming addresses, clipped to the node (the memory's range starts at its offset 0
  // or above, so only the end can stick out).
  dmi.set_start_address(dmi.get_start_address() + lo);
  dmi.set_end_address(std::min<std::uint64_t>(dmi.get_end_address() + lo, hi));
  if (!remote) {
    dmi.set_read_latency(dmi.get_read_latency() + local_latency_);
    dmi.set_write_latency(dmi.get_write_latency() + local_latency_);
  }
  return ok;
}

void NumaInterconnect::invalidate_direct_mem_ptr(int port, sc_dt::uint64 start, sc_dt::uint64 end) {
  const NumaNode& node = cfg_.nodes.at(static_cast<std::size_t>(port));
  const std::uint64_t lo = node.base - cfg_.incoming_base;
  const std::uint64_t s = lo + std::min<std::uint64_t>(start, node.size_bytes - 1);
  const std::uint64_t e = lo + std::min<std::uint64_t>(end, node.size_bytes - 1);
  // Any requester may hold the pointer (caches reach remote nodes functionally), so all are told.
  for (unsigned i = 0; i < targ_socket.size(); ++i) targ_socket[i]->invalidate_direct_mem_ptr(s, e);
}

sc_core::sc_time NumaInterconnect::elapsed() const {
  sc_core::sc_time t = sc_core::sc_time_stamp();
  for (const NumaLinkState& l : links_) t = std::max({t, l.up.busy_until(), l.down.busy_until()});
  return t;
}

void NumaInterconnect::visit_stats(stats::Visitor& v) const {
  stats_.visit_stats(v, links_, elapsed());
}

}  // namespace memvp
