// [bus] and [numa] keys, with the NUMA enums by the names numa_config.h defines (to_string).
#include "interconnect/interconnect_schema.h"

namespace memvp {

namespace {

toml::array uint_array(const auto& values) {
  toml::array a;
  for (const auto& v : values) a.push_back(static_cast<std::int64_t>(v));
  return a;
}

// harts = [0, 1]: the harts whose numa-node-id is the node.
Key<NumaNode> node_harts_key() {
  return {"harts",
          [](ConfigReader& r, const std::string& key, NumaNode& n) {
            std::vector<std::uint64_t> def;
            for (HartId h : n.harts) def.push_back(h.value());
            n.harts.clear();
            for (std::uint64_t h : r.get_uint_list(key, def, 0, 1023)) {
              n.harts.emplace_back(static_cast<std::uint32_t>(h));
            }
          },
          [](const NumaNode& n, toml::table& out) {
            toml::array a;
            for (HartId h : n.harts) a.push_back(static_cast<std::int64_t>(h.value()));
            out.insert("harts", a);
          },
          {}};
}

KeyTable<NumaNode> node_keys() {
  return {{size_key("size", &NumaNode::size_bytes, 0, 1ULL << 48), node_harts_key()},
          [](const NumaNode& n, const ConfigScope& where) {
            where.require(n.size_bytes != 0, "size", "is missing or 0; every node needs memory");
            where.require(n.size_bytes % 4096 == 0, "size", "is not a multiple of 4 KiB");
          }};
}

// links = [[0, 1], [1, 2]]: the links of topology = "explicit".
Key<NumaConfig> links_key() {
  return {"links",
          [](ConfigReader& r, const std::string& key, NumaConfig& c) {
            std::vector<NumaLinkSpec> links;
            for (std::size_t i = 0; const auto& l : r.get_uint_matrix(key, 0, 1023)) {
              if (l.size() != 2) r.fail(fmt::format("{}[{}]", key, i), "expected a pair [a, b]");
              links.push_back({NodeId(static_cast<std::uint32_t>(l[0])), NodeId(static_cast<std::uint32_t>(l[1]))});
              ++i;
            }
            if (r.defines(key)) c.links = links;
          },
          [](const NumaConfig& c, toml::table& out) {
            toml::array a;
            for (const NumaLinkSpec& l : c.links) a.push_back(uint_array(std::array{l.a.value(), l.b.value()}));
            if (!a.empty()) out.insert("links", a);
          },
          {}};
}

// distances = [[10, 20], [20, 10]]: the SLIT the guest sees (default: from the hop counts).
Key<NumaConfig> distances_key() {
  return {"distances",
          [](ConfigReader& r, const std::string& key, NumaConfig& c) {
            std::vector<std::vector<std::uint32_t>> rows;
            for (const auto& row : r.get_uint_matrix(key, 0, 255)) {
              auto& out = rows.emplace_back();
              for (std::uint64_t d : row) out.push_back(static_cast<std::uint32_t>(d));
            }
            if (r.defines(key)) c.distances = rows;
          },
          [](const NumaConfig& c, toml::table& out) {
            toml::array a;
            for (const auto& row : c.distances) a.push_back(uint_array(row));
            if (!a.empty()) out.insert("distances", a);
          },
          {}};
}

// A key that only counts when given: its absence means the model's own default (NumaConfig's
// hop latency: kDefaultHopLatencyNs unless one of the two is given).
template <class T, class Get>
Key<NumaConfig> optional_key(std::string name, std::optional<T> NumaConfig::*field, Get get) {
  return {name,
          [=](ConfigReader& r, const std::string& key, NumaConfig& c) {
            const auto v = get(r, key);  // also marks the key as known when it is absent
            if (r.defines(key)) c.*field = T(v);
          },
          [=](const NumaConfig& c, toml::table& out) {
            if (!(c.*field)) return;
            if constexpr (std::is_same_v<T, double>) out.insert(name, *(c.*field));
            else out.insert(name, static_cast<std::int64_t>((c.*field)->value()));
          },
          {}};
}

}  // namespace

const KeyTable<BusConfig>& bus_keys() {
  static const KeyTable<BusConfig> keys{{uint_key("latency_cycles", &BusConfig::latency_cycles, 0, 10'000)}};
  return keys;
}

const KeyTable<NumaConfig>& numa_keys() {
  using N = NumaConfig;
  auto name = [](auto v) { return to_string(v); };
  static const KeyTable<N> keys{{
      table_array_key<N, NumaNode>("nodes", &N::nodes, node_keys()),
      enum_key("topology", &N::topology, named({NumaTopology::Full, NumaTopology::Ring, NumaTopology::Explicit}, name)),
      links_key(),
      enum_key("routing", &N::routing, named({NumaRouting::Shortest}, name)),
      optional_key<double>("hop_latency_ns", &N::hop_latency_ns,
                           [](ConfigReader& r, const std::string& key) { return r.get_double(key, 0, 0, 1e9); }),
      optional_key<Cycles>("hop_latency_cycles", &N::hop_latency_cycles,
                           [](ConfigReader& r, const std::string& key) { return r.get_uint(key, 0, 0, 1ULL << 32); }),
      real_key("clock_hz", &N::clock_hz, 1, 1e12),
      real_key("local_latency_ns", &N::local_latency_ns, 0, 1e9),
      real_key("link_bandwidth_gbps", &N::link_bandwidth_gbps, 1e-6, 1e6),
      uint_key("header_bytes", &N::header_bytes, 0, 4096),
      distances_key(),
  }};
  return keys;
}

}  // namespace memvp
