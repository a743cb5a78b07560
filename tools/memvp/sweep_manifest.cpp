// DIR/sweep.json: the sweep's points as JSON (format version 1), written before any point runs
// and read back by `memvp sweep --collect`.
#include "tools/memvp/sweep_manifest.h"

#include <fstream>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "tools/memvp/sweep_results.h"

namespace memvp::sweep {

namespace {

using nlohmann::json;

constexpr int kManifestVersion = 1;

std::filesystem::path manifest_path(const std::filesystem::path& dir) { return dir / "sweep.json"; }

// "one_pass": {"shadow_tlbs": [geometry, ...], "levels": [[l1i, l1d, l2] per point, a shadow's index
// or null], "exit_status": the run's, absent until it has ended}.
json one_pass_json(const OnePassPlan& plan, const std::optional<int>& status) {
  json levels = json::array();
  for (const ShadowIndices& point : plan.points) {
    json row = json::array();
    for (const auto& shadow : point) row.push_back(shadow ? json(*shadow) : json(nullptr));
    levels.push_back(row);
  }
  json doc{{"shadow_tlbs", plan.geometries}, {"levels", levels}};
  if (status) doc["exit_status"] = *status;
  return doc;
}

void read_one_pass(const json& doc, Manifest& m) {
  OnePassPlan plan;
  plan.geometries = doc.at("shadow_tlbs").get<std::vector<std::string>>();
  for (const auto& row : doc.at("levels")) {
    ShadowIndices point;
    for (std::size_t slot = 0; slot < point.size(); ++slot) {
      if (!row.at(slot).is_null()) point[slot] = row.at(slot).get<std::size_t>();
    }
    plan.points.push_back(point);
  }
  if (plan.points.size() != m.points.size()) throw InputError("one_pass.levels: not one row per point");
  m.one_pass = std::move(plan);
  if (doc.contains("exit_status")) m.one_pass_status = doc.at("exit_status").get<int>();
}

}  // namespace

std::filesystem::path point_file(const std::filesystem::path& dir, const PlannedPoint& p, const std::string& suffix) {
  return dir / "points" / (p.id + suffix);
}

void write_manifest(const std::filesystem::path& dir, const Manifest& m) {
  json doc{{"version", kManifestVersion}, {"keys", m.keys}, {"metrics", json::array()}, {"points", json::array()}};
  for (const std::size_t i : m.metrics) doc["metrics"].push_back(metric_columns().at(i));
  for (const auto& p : m.points) {
    doc["points"].push_back({{"id", p.id},
                             {"index", p.point.index},
                             {"params", p.point.params},
                             {"origin", p.point.origin},
                             {"sets", p.sets},
                             {"bootargs", p.bootargs},
                             {"hash", p.hash}});
  }
  if (m.one_pass) doc["one_pass"] = one_pass_json(*m.one_pass, m.one_pass_status);
  std::ofstream out(manifest_path(dir));
  if (!(out << doc.dump(1) << '\n')) throw InputError(manifest_path(dir).string() + ": cannot write");
}

Manifest read_manifest(const std::filesystem::path& dir) {
  const std::string path = manifest_path(dir).string();
  std::ifstream in(path);
  if (!in) throw InputError(path + ": no sweep here (memvp sweep --export-jobs writes it)");
  try {
    const json doc = json::parse(in);
    if (doc.at("version").get<int>() != kManifestVersion) throw InputError(path + ": an unknown version");
    Manifest m;
    m.keys = doc.at("keys").get<std::vector<std::string>>();
    std::string names;
    for (const auto& name : doc.at("metrics")) {
      if (!names.empty()) names += ',';
      names += name.get<std::string>();
    }
    m.metrics = select_metrics(names);
    for (const auto& p : doc.at("points")) {
      PlannedPoint point;
      point.id = p.at("id").get<std::string>();
      point.point.index = p.at("index").get<std::size_t>();
      point.point.params = p.at("params").get<std::vector<std::pair<std::string, std::string>>>();
      point.point.origin = p.at("origin").get<std::string>();
      point.sets = p.at("sets").get<std::vector<std::string>>();
      point.bootargs = p.at("bootargs").get<std::vector<std::string>>();
      point.hash = p.at("hash").get<std::string>();
      m.points.push_back(std::move(point));
    }
    if (doc.contains("one_pass")) read_one_pass(doc.at("one_pass"), m);
    return m;
  } catch (const json::exception& e) {
    throw InputError(path + ": not a sweep manifest: " + e.what());
  }
}

}  // namespace memvp::sweep
