// Checks a parsed JSON document against the rules of the Trace Event Format (Google's "Trace
// Event Format" document, JSON Object Format) that chrome://tracing and the Perfetto UI rely
// on: a "traceEvents" array; every event an object with a known "ph", a numeric "ts" and integer
// "pid" and "tid"; "X" events a "dur" >= 0; "B"/"E" balanced per thread; instants a scope;
// counters only numeric arguments; flow starts and finishes paired by id; metadata named. On one
// thread, complete events must nest (a slice ends within any slice it starts in), or the viewer
// draws them wrongly. Returns one line per problem; empty when the document follows the rules.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace memvp::test {

inline std::vector<std::string> trace_event_format_problems(const nlohmann::json& doc) {
  std::vector<std::string> problems;
  auto fail = [&](std::size_t i, const std::string& what) {
    if (problems.size() < 20) problems.push_back("event " + std::to_string(i) + ": " + what);
  };
  if (!doc.is_object() || !doc.contains("traceEvents") || !doc["traceEvents"].is_array())
    return {"no traceEvents array"};
  if (doc.contains("displayTimeUnit") && doc["displayTimeUnit"] != "ns" && doc["displayTimeUnit"] != "ms")
    problems.push_back("displayTimeUnit is neither ns nor ms");
  const std::set<std::string> phases{"X", "B", "E", "i", "I", "C", "M", "s", "t", "f"};
  using Track = std::pair<std::int64_t, std::int64_t>;
  std::map<Track, std::vector<std::pair<std::int64_t, std::int64_t>>> spans;  // per thread: [start, end) in ps
  std::map<Track, int> depth;
  std::map<std::string, std::pair<int, int>> flows;  // id: starts, finishes
  const nlohmann::json& events = doc["traceEvents"];
  for (std::size_t i = 0; i < events.size(); ++i) {
    const nlohmann::json& e = events[i];
    if (!e.is_object()) { fail(i, "not an object"); continue; }
    if (!e.contains("ph") || !e["ph"].is_string() || !phases.count(e["ph"].get<std::string>())) { fail(i, "bad ph"); continue; }
    if (!e.contains("ts") || !e["ts"].is_number()) fail(i, "ts is not a number");
    if (!e.contains("pid") || !e["pid"].is_number_integer() || !e.contains("tid") || !e["tid"].is_number_integer()) {
      fail(i, "pid/tid not integers");
      continue;
    }
    if (!e.contains("name") || !e["name"].is_string()) fail(i, "no name");
    const std::string ph = e["ph"];
    const Track track{e["pid"].get<std::int64_t>(), e["tid"].get<std::int64_t>()};
    const std::int64_t ts = e["ts"].is_number() ? std::llround(e["ts"].get<double>() * 1e6) : 0;
    if (ph == "X") {
      if (!e.contains("dur") || !e["dur"].is_number() || e["dur"].get<double>() < 0) fail(i, "X without dur >= 0");
      else spans[track].push_back({ts, ts + std::llround(e["dur"].get<double>() * 1e6)});
    } else if (ph == "B") {
      ++depth[track];
    } else if (ph == "E") {
      if (--depth[track] < 0) fail(i, "E without B");
    } else if (ph == "i" || ph == "I") {
      if (e.contains("s") && e["s"] != "t" && e["s"] != "p" && e["s"] != "g") fail(i, "instant scope not t/p/g");
    } else if (ph == "C") {
      if (!e.contains("args") || !e["args"].is_object() || e["args"].empty()) fail(i, "counter without args");
      else
        for (const auto& [k, v] : e["args"].items())
          if (!v.is_number()) fail(i, "counter arg " + k + " not numeric");
    } else if (ph == "s" || ph == "f") {
      if (!e.contains("id")) fail(i, "flow without id");
      else (ph == "s" ? flows[e["id"].dump()].first : flows[e["id"].dump()].second)++;
    } else if (ph == "M") {
      if (!e.contains("args") || !e["args"].is_object()) fail(i, "metadata without args");
    }
  }
  for (const auto& [track, d] : depth)
    if (d != 0) problems.push_back("B/E unbalanced on tid " + std::to_string(track.second));
  for (const auto& [id, n] : flows)
    if (n.first != 1 || n.second != 1) problems.push_back("flow " + id + " is not one start and one finish");
  for (auto& [track, list] : spans) {
    std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first < b.first : a.second > b.second;  // parents first
    });
    std::vector<std::int64_t> open;  // ends of the enclosing slices
    for (const auto& [from, to] : list) {
      while (!open.empty() && open.back() <= from) open.pop_back();
      if (!open.empty() && to > open.back()) {
        problems.push_back("X events overlap without nesting on tid " + std::to_string(track.second) + " at " +
                           std::to_string(from) + " ps");
        break;
      }
      open.push_back(to);
    }
  }
  return problems;
}

}  // namespace memvp::test
