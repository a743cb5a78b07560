// [memory.ddr4] schema: one table row per numeric field of Ddr4Config (key = field name, range),
// the enums by the names the DRAM block defines (to_string), and the block's own validation with
// its message pointed at the key it names.
#include "platforms/ddr4_config_reader.h"

#include <bit>
#include <cctype>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace memvp {

namespace {

constexpr const char* kTable = "memory.ddr4";
constexpr std::uint32_t kMaxClocks = 1'000'000;
constexpr std::uint32_t kMaxQueue = 4096;

// A 32-bit field of struct S read from key "memory.ddr4.<name>" within [min, max].
template <class S>
struct U32Key {
  const char* name;
  std::uint32_t S::*field;
  std::uint32_t min, max;
  bool pow2 = false;
};

// DRAM clocks. Zero is allowed where the model has a use for it (switching a constraint off);
// Ddr4Config::validate() checks the relations between them.
constexpr U32Key<Ddr4Timing> kTimings[] = {
    {"burst_length", &Ddr4Timing::burst_length, 4, 8},
    {"tCL", &Ddr4Timing::tCL, 1, kMaxClocks},       {"tCWL", &Ddr4Timing::tCWL, 1, kMaxClocks},
    {"tRCD", &Ddr4Timing::tRCD, 1, kMaxClocks},     {"tRP", &Ddr4Timing::tRP, 1, kMaxClocks},
    {"tRAS", &Ddr4Timing::tRAS, 0, kMaxClocks},     {"tRC", &Ddr4Timing::tRC, 0, kMaxClocks},
    {"tRRD_S", &Ddr4Timing::tRRD_S, 0, kMaxClocks}, {"tRRD_L", &Ddr4Timing::tRRD_L, 0, kMaxClocks},
    {"tCCD_S", &Ddr4Timing::tCCD_S, 1, kMaxClocks}, {"tCCD_L", &Ddr4Timing::tCCD_L, 1, kMaxClocks},
    {"tFAW", &Ddr4Timing::tFAW, 0, kMaxClocks},     {"tWR", &Ddr4Timing::tWR, 0, kMaxClocks},
    {"tRTP", &Ddr4Timing::tRTP, 0, kMaxClocks},     {"tWTR_S", &Ddr4Timing::tWTR_S, 0, kMaxClocks},
    {"tWTR_L", &Ddr4Timing::tWTR_L, 0, kMaxClocks}, {"tRFC", &Ddr4Timing::tRFC, 1, kMaxClocks},
    {"tREFI", &Ddr4Timing::tREFI, 1, kMaxClocks},   {"tRTRS", &Ddr4Timing::tRTRS, 0, kMaxClocks},
};

constexpr U32Key<Ddr4Organisation> kOrganisation[] = {
    {"channels", &Ddr4Organisation::channels, 1, 64, true},
    {"ranks", &Ddr4Organisation::ranks, 1, 16, true},
    {"bank_groups", &Ddr4Organisation::bank_groups, 1, 16, true},
    {"banks_per_group", &Ddr4Organisation::banks_per_group, 1, 16, true},
    {"rows", &Ddr4Organisation::rows, 1, 1u << 24, true},
    {"columns", &Ddr4Organisation::columns, 1, 1u << 16, true},
    {"bus_width_bits", &Ddr4Organisation::bus_width_bits, 8, 1024},
};

constexpr U32Key<Ddr4Config> kController[] = {
    {"read_queue_depth", &Ddr4Config::read_queue_depth, 1, kMaxQueue},
    {"write_queue_depth", &Ddr4Config::write_queue_depth, 1, kMaxQueue},
    {"write_high_watermark", &Ddr4Config::write_high_watermark, 1, kMaxQueue},
    {"write_low_watermark", &Ddr4Config::write_low_watermark, 0, kMaxQueue},
    {"starvation_cap", &Ddr4Config::starvation_cap, 0, kMaxClocks},
    {"frontend_latency", &Ddr4Config::frontend_latency, 0, kMaxClocks},
    {"backend_latency", &Ddr4Config::backend_latency, 0, kMaxClocks},
    {"latency_histogram_bin", &Ddr4Config::latency_histogram_bin, 1, kMaxClocks},
    {"latency_histogram_bins", &Ddr4Config::latency_histogram_bins, 1, kMaxQueue},
};

// The keys of the table that are not numeric fields of the tables above.
constexpr const char* kOtherKeys[] = {"tck_ns", "address_mapping", "xor_bank_bits", "page_policy",
                                      "scheduler", "refresh", "posted_writes"};

std::string key_of(std::string_view name) { return fmt::format("{}.{}", kTable, name); }

template <class S, std::size_t N>
void read_u32s(ConfigReader& r, S& s, const U32Key<S> (&keys)[N]) {
  for (const auto& k : keys) {
    const std::string key = key_of(k.name);
    const auto v = static_cast<std::uint32_t>(r.get_uint(key, s.*k.field, k.min, k.max));
    if (k.pow2 && !std::has_single_bit(v)) r.fail(key, fmt::format("{} is not a power of two", v));
    s.*k.field = v;
  }
}

template <class S, std::size_t N>
bool names_a_field(std::string_view name, const U32Key<S> (&keys)[N]) {
  for (const auto& k : keys) {
    if (name == k.name) return true;
  }
  return false;
}

bool is_key(std::string_view name) {
  for (const char* k : kOtherKeys) {
    if (name == k) return true;
  }
  return names_a_field(name, kTimings) || names_a_field(name, kOrganisation) ||
         names_a_field(name, kController);
}

}  // namespace

void read_ddr4_config(ConfigReader& r, Ddr4Config& c) {
  c.timing.tck_ns = r.get_double(key_of("tck_ns"), c.timing.tck_ns, 0.01, 1000.0);
  read_u32s(r, c.timing, kTimings);
  read_u32s(r, c.org, kOrganisation);
  read_u32s(r, c, kController);
  c.address_mapping = r.get_string(key_of("address_mapping"), c.address_mapping);
  c.xor_bank_bits = r.get_bool(key_of("xor_bank_bits"), c.xor_bank_bits);
  c.page_policy = r.get_enum<PagePolicyKind>(key_of("page_policy"), c.page_policy,
                                             {{to_string(PagePolicyKind::Open), PagePolicyKind::Open},
                                              {to_string(PagePolicyKind::Closed), PagePolicyKind::Closed}});
  c.scheduler = r.get_enum<SchedulerKind>(key_of("scheduler"), c.scheduler,
                                          {{to_string(SchedulerKind::FrFcfs), SchedulerKind::FrFcfs},
                                           {to_string(SchedulerKind::Fcfs), SchedulerKind::Fcfs}});
  c.refresh = r.get_bool(key_of("refresh"), c.refresh);
  c.posted_writes = r.get_bool(key_of("posted_writes"), c.posted_writes);
  // The hart assumes a target never calls wait() inside b_transport, so the synchronised mode
  // is not offered to platform files (docs/dram.md, "Timing modes").
  c.sync_to_arrival = false;
}

void validate_ddr4_config(const ConfigReader& r, const Ddr4Config& cfg) {
  try {
    cfg.validate();
  } catch (const InputError& e) {
    // The block's messages read "dram: <field> <problem>"; blame that field's key when it has one.
    std::string_view msg = e.what();
    if (msg.starts_with("dram: ")) msg.remove_prefix(6);
    std::size_t n = 0;
    while (n < msg.size() && (std::isalnum(static_cast<unsigned char>(msg[n])) || msg[n] == '_')) ++n;
    const std::string_view field = msg.substr(0, n);
    if (n < msg.size() && msg[n] == ' ') {
      const std::string problem(msg.substr(n + 1));
      if (field == "size_bytes") r.fail("memory.size", problem);
      if (is_key(field)) r.fail(key_of(field), problem);
    }
    r.fail(kTable, std::string(msg));
  }
}

}  // namespace memvp
