// Statistics serialisation: a generic JSON writer for the blocks' statistics trees (each block
// names its own statistics, common/stats/stats.h) and the run's own figures under "sim".
#include "platforms/stats.h"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "common/error.h"
#include "platforms/fast_forward.h"

namespace memvp {

namespace {

// Builds the JSON document as the tree is walked: `open_` holds the object or array each open
// group or list writes into.
class JsonWriter final : public stats::Visitor {
 public:
  explicit JsonWriter(nlohmann::ordered_json& root) : open_{&root} {}

  void counter(std::string_view name, std::uint64_t value, std::string_view) override { slot(name) = value; }
  void real(std::string_view name, double value, std::string_view) override { slot(name) = value; }
  void text(std::string_view name, std::string_view value, std::string_view) override { slot(name) = std::string(value); }
  void counters(std::string_view name, std::span<const std::uint64_t> values, std::string_view) override {
    slot(name) = nlohmann::ordered_json(std::vector<std::uint64_t>(values.begin(), values.end()));
  }
  void begin_group(std::string_view name, std::string_view) override { open(name, nlohmann::ordered_json::object()); }
  void end_group() override { open_.pop_back(); }
  void begin_list(std::string_view name, std::string_view) override { open(name, nlohmann::ordered_json::array()); }
  void end_list() override { open_.pop_back(); }

 private:
  // Where `name` goes in the innermost open group, or the next element of the open list.
  nlohmann::ordered_json& slot(std::string_view name) {
    nlohmann::ordered_json& top = *open_.back();
    if (top.is_array()) return top.emplace_back();
    return top[std::string(name)];
  }
  void open(std::string_view name, nlohmann::ordered_json empty) {
    nlohmann::ordered_json& s = slot(name);
    if (s.is_null()) s = std::move(empty);
    open_.push_back(&s);
  }

  std::vector<nlohmann::ordered_json*> open_;
};

}  // namespace

nlohmann::ordered_json stats_json(const stats::Group& g) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  JsonWriter w(j);
  g.visit_stats(w);
  return j;
}

const char* end_reason_name(EndReason r) {
  switch (r) {
    case EndReason::GuestExit: return "guest_exit";
    case EndReason::MaxCycles: return "max_cycles";
    case EndReason::GuestCrash: return "guest_crash";
    case EndReason::Deadlock: return "deadlock";
    case EndReason::DebuggerKill: return "debugger_kill";
  }
  return "unknown";
}

nlohmann::ordered_json collect_stats(const Platform& platform, const RunOutcome& outcome) {
  std::uint64_t instret = 0;
  std::uint64_t retired = 0;  // fast-forwarded too: what the host's speed is measured on
  std::uint64_t cycles = 0;
  for (std::size_t i = 0; i < platform.hart_count(); ++i) {
    instret += platform.hart(i).stats().instret;
    retired += platform.hart(i).stats().instret + platform.hart(i).stats().fast_forward_instret;
    cycles = std::max(cycles, platform.hart(i).stats().cycles);
  }
  nlohmann::ordered_json doc;
  doc["memvp_stats_version"] = kStatsVersion;
  doc["sim"] = {
      {"platform", platform.config().name},
      {"instret", instret},
      {"cycles", cycles},
      {"seconds", outcome.sim_seconds},
      {"host_seconds", outcome.host_seconds},
      {"mips", outcome.host_seconds > 0 ? static_cast<double>(retired) / outcome.host_seconds / 1e6 : 0.0},
      {"exit_code", outcome.exit_code},
      {"end_reason", end_reason_name(outcome.reason)},
      {"fast_forward", outcome.fast_forward.is_null() ? FastForwardController::describe({}) : outcome.fast_forward},
  };
  doc.update(stats_json(platform));
  return doc;
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
