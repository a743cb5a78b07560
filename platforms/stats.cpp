// Statistics serialisation. Key names are part of memvp's interface (docs/stats.md): they are
// spelled out here rather than derived from display names, so rewording a message never renames
// a statistic.
#include "platforms/stats.h"

#include <cmath>

#include <algorithm>

#include <fmt/format.h>

#include "common/error.h"

namespace memvp {

namespace {

// mcause exception codes (priv spec Table 3.6) and their statistic names.
constexpr std::pair<unsigned, const char*> kExceptionNames[] = {
    {0, "instruction_misaligned"}, {1, "instruction_access_fault"}, {2, "illegal_instruction"},
    {3, "breakpoint"},             {4, "load_misaligned"},          {5, "load_access_fault"},
    {6, "store_misaligned"},       {7, "store_access_fault"},       {8, "ecall_u"},
    {9, "ecall_s"},                {11, "ecall_m"},                 {12, "instruction_page_fault"},
    {13, "load_page_fault"},       {15, "store_page_fault"},
};

// Interrupt codes (mcause with the interrupt bit set).
constexpr std::pair<unsigned, const char*> kInterruptNames[] = {
    {1, "supervisor_software"}, {3, "machine_software"},    {5, "supervisor_timer"},
    {7, "machine_timer"},       {9, "supervisor_external"}, {11, "machine_external"},
};

nlohmann::ordered_json tlb_stats(const mmu::TlbStats& t) {
  return {{"lookups", t.lookups}, {"hits", t.hits},       {"misses", t.misses},
          {"fills", t.fills},     {"evictions", t.evictions}, {"flushes", t.flushes},
          {"invalidations", t.invalidations}};
}

// The hart's MMU: its own counters, each TLB level and the page-walk cache (docs/mmu.md).
nlohmann::ordered_json mmu_stats(mmu::Mmu& m) {
  const mmu::MmuStats& s = m.stats();
  nlohmann::ordered_json j;
  j["translations"] = s.translations;
  constexpr const char* kOutcomes[] = {"bare", "l1_hit", "l2_hit", "walk", "fault"};  // mmu::Outcome
  for (std::size_t i = 0; i < std::size(kOutcomes); ++i) j["outcomes"][kOutcomes[i]] = s.by_outcome.at(i);
  for (const auto& [code, name] : kExceptionNames) {
    if (code == 1 || code == 5 || code == 7 || code >= 12) j["faults"][name] = s.faults.at(code);
  }
  j["walks"] = s.walks;
  j["walk_cycles"] = s.walk_cycles;
  j["pte_reads"] = s.pte_reads;
  j["pte_writes"] = s.pte_writes;
  j["translation_cycles"] = s.translation_cycles;
  constexpr const char* kFlushes[] = {"all", "asid", "va", "va_asid"};  // mmu::FlushKind
  for (std::size_t i = 0; i < std::size(kFlushes); ++i) j["sfences"][kFlushes[i]] = s.sfences.at(i);
  j["satp_writes"] = s.satp_writes;
  j["satp_flushes"] = s.satp_flushes;
  j["l1_itlb"] = tlb_stats(m.tlb(mmu::TlbSlot::L1I).stats());
  j["l1_dtlb"] = tlb_stats(m.tlb(mmu::TlbSlot::L1D).stats());
  j["l2_tlb"] = tlb_stats(m.tlb(mmu::TlbSlot::L2).stats());
  const mmu::PwcStats& p = m.pwc().stats();
  j["pwc"] = {{"probes", p.probes},       {"hits_by_level", p.hits},     {"misses", p.misses},
              {"fills", p.fills},         {"evictions", p.evictions},    {"flushes", p.flushes},
              {"invalidations", p.invalidations}};
  return j;
}

nlohmann::ordered_json hart_stats(const HartStats& s) {
  nlohmann::ordered_json h;
  h["instret"] = s.instret;
  h["cycles"] = s.cycles;
  h["ipc"] = s.cycles == 0 ? 0.0 : static_cast<double>(s.instret) / static_cast<double>(s.cycles);
  nlohmann::ordered_json exc = nlohmann::ordered_json::object();
  for (const auto& [code, name] : kExceptionNames) exc[name] = s.exceptions.at(code);
  h["exceptions"] = exc;
  nlohmann::ordered_json irq = nlohmann::ordered_json::object();
  for (const auto& [code, name] : kInterruptNames) irq[name] = s.interrupts.at(code);
  h["interrupts"] = irq;
  nlohmann::ordered_json stalls = nlohmann::ordered_json::object();
  for (int r = 0; r < static_cast<int>(StallReason::Count); ++r) {
    stalls[stall_reason_name(static_cast<StallReason>(r))] = s.stall_cycles.at(r);
  }
  h["stall_cycles"] = stalls;
  h["branches"] = s.branches;
  h["mispredicts"] = s.mispredicts;
  h["loads"] = s.loads;
  h["stores"] = s.stores;
  h["amos"] = s.amos;
  h["wfi_cycles"] = s.wfi_cycles;
  return h;
}

}  // namespace

const char* end_reason_name(EndReason r) {
  switch (r) {
    case EndReason::GuestExit: return "guest_exit";
    case EndReason::MaxCycles: return "max_cycles";
    case EndReason::GuestCrash: return "guest_crash";
    case EndReason::Deadlock: return "deadlock";
  }
  return "unknown";
}

nlohmann::ordered_json collect_stats(Platform& platform, const RunOutcome& outcome) {
  nlohmann::ordered_json harts = nlohmann::ordered_json::array();
  std::uint64_t instret = 0;
  std::uint64_t cycles = 0;
  for (std::size_t i = 0; i < platform.hart_count(); ++i) {
    const HartStats& s = platform.hart(i).stats();
    instret += s.instret;
    cycles = std::max(cycles, s.cycles);
    nlohmann::ordered_json h = hart_stats(s);
    h["mmu"] = mmu_stats(platform.hart(i).mmu);
    harts.push_back(h);
  }
  nlohmann::ordered_json doc;
  doc["memvp_stats_version"] = kStatsVersion;
  doc["sim"] = {
      {"platform", platform.config().name},
      {"instret", instret},
      {"cycles", cycles},
      {"seconds", outcome.sim_seconds},
      {"host_seconds", outcome.host_seconds},
      {"mips", outcome.host_seconds > 0 ? static_cast<double>(instret) / outcome.host_seconds / 1e6 : 0.0},
      {"exit_code", outcome.exit_code},
      {"end_reason", end_reason_name(outcome.reason)},
  };
  doc["harts"] = harts;
  if (const NumaFabric* numa = platform.numa()) {
    // One DRAM model per node: the same object per node, in node order.
    nlohmann::ordered_json mem = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < numa->node_count(); ++i) mem.push_back(numa->memory(i).stats());
    doc["memory"] = mem;
    nlohmann::ordered_json n;
    put_named_values(n, numa->interconnect().named_values());
    doc["numa"] = n;
  } else {
    doc["memory"] = platform.memory().stats();
  }
  if (!platform.caches().empty()) {
    nlohmann::ordered_json c;
    for (const auto& caches : platform.caches()) put_named_values(c, caches->named_values());
    doc["caches"] = c;
  }
  return doc;
}

void put_named_values(nlohmann::ordered_json& into, const std::vector<std::pair<std::string, double>>& values) {
  for (const auto& [name, value] : values) {
    nlohmann::ordered_json* node = &into;
    std::size_t from = 0;
    for (std::size_t dot = name.find('.'); dot != std::string::npos; dot = name.find('.', from)) {
      node = &(*node)[name.substr(from, dot - from)];
      from = dot + 1;
    }
    const bool whole = value >= 0 && value < 9.0e15 && std::floor(value) == value;
    (*node)[name.substr(from)] = whole ? nlohmann::ordered_json(static_cast<std::uint64_t>(value))
                                       : nlohmann::ordered_json(value);
  }
}

void write_stats(std::ostream& out, const std::string& path, const nlohmann::ordered_json& stats) {
  out << stats.dump(2) << '\n';
  out.flush();
  if (!out) throw InputError(path + ": error writing the statistics file");
}

std::string run_summary(const nlohmann::ordered_json& stats) {
  const auto& sim = stats.at("sim");
  const auto instret = sim.at("instret").get<std::uint64_t>();
  const auto cycles = sim.at("cycles").get<std::uint64_t>();
  const double ipc = cycles == 0 ? 0.0 : static_cast<double>(instret) / static_cast<double>(cycles);
  const double sim_s = sim.at("seconds").get<double>();
  const std::string simulated = sim_s < 1e-3   ? fmt::format("{:.3f} us", sim_s * 1e6)
                                : sim_s < 1.0 ? fmt::format("{:.3f} ms", sim_s * 1e3)
                                              : fmt::format("{:.3f} s", sim_s);
  return fmt::format("memvp: {} instructions, {} cycles, IPC {:.3f}, {} simulated, {:.3f} s host, {:.2f} MIPS",
                     instret, cycles, ipc, simulated, sim.at("host_seconds").get<double>(), sim.at("mips").get<double>());
}

}  // namespace memvp
