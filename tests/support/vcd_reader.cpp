// The test-side VCD reader: a line-based parser of the subset of IEEE 1364-2005 §18.2 that the
// recorder writes (one header item or value change per line).
#include "vcd_reader.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace memvp::test {

namespace {

[[noreturn]] void fail(const std::string& path, std::size_t line, const std::string& what) {
  throw VcdError(path + ":" + std::to_string(line) + ": " + what);
}

}  // namespace

const VcdSignal& Vcd::signal(const std::string& name) const {
  const auto it = by_name.find(name);
  if (it == by_name.end()) throw VcdError("no signal " + name);
  return signals[it->second];
}

std::vector<std::uint64_t> Vcd::change_times(const std::string& name) const {
  std::vector<std::uint64_t> out;
  const VcdSignal& s = signal(name);
  for (std::size_t i = s.event ? 0 : 1; i < s.changes.size(); ++i) out.push_back(s.changes[i].first);
  return out;
}

Vcd read_vcd(const std::string& path, const std::set<std::string>& keep) {
  std::ifstream in(path);
  if (!in) throw VcdError(path + ": cannot open");
  Vcd vcd;
  std::map<std::string, std::size_t> by_id;
  std::vector<std::string> scopes;
  std::vector<std::uint64_t> dumped_count;  // per signal: its values in the $dumpvars being read
  std::vector<bool> kept;
  std::vector<std::uint64_t> dumped;  // per signal: its current value
  std::string line;
  std::size_t n = 0;
  bool defs_done = false, in_comment = false, in_dumpvars = false, have_time = false;
  std::uint64_t now = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty()) fail(path, n, "empty line");
    std::istringstream words(line);
    std::string w;
    words >> w;
    if (in_comment) {
      if (w == "$end") in_comment = false;
      continue;
    }
    if (!defs_done) {
      if (w == "$comment") {
        in_comment = true;
      } else if (w == "$timescale") {
        std::string num, unit, end;
        words >> num >> unit >> end;
        if (end != "$end") fail(path, n, "bad $timescale");
        vcd.timescale = num + " " + unit;
      } else if (w == "$scope") {
        std::string kind, name, end;
        words >> kind >> name >> end;
        if (kind != "module" || end != "$end") fail(path, n, "bad $scope");
        scopes.push_back(name);
      } else if (w == "$upscope") {
        if (scopes.empty()) fail(path, n, "$upscope without $scope");
        scopes.pop_back();
      } else if (w == "$var") {
        std::string type, id, name, end;
        unsigned width = 0;
        words >> type >> width >> id >> name >> end;
        if ((type != "wire" && type != "event") || width == 0 || width > 64 || end != "$end")
          fail(path, n, "bad $var");
        if (type == "event" && width != 1) fail(path, n, "an event is 1 bit wide");
        if (by_id.contains(id)) fail(path, n, "identifier " + id + " declared twice");
        std::string full;
        for (std::size_t i = 1; i < scopes.size(); ++i) full += scopes[i] + ".";
        full += name;
        if (vcd.by_name.contains(full)) fail(path, n, "signal " + full + " declared twice");
        by_id[id] = vcd.signals.size();
        vcd.by_name[full] = vcd.signals.size();
        vcd.signals.push_back({full, width, type == "event", {}});
        dumped_count.push_back(0);
        dumped.push_back(0);
        kept.push_back(keep.empty() || keep.contains(full));
      } else if (w == "$enddefinitions") {
        if (!scopes.empty()) fail(path, n, "unbalanced $scope");
        defs_done = true;
      } else {
        fail(path, n, "unexpected " + w + " in the header");
      }
      continue;
    }
    if (line[0] == '#') {
      const std::uint64_t t = std::stoull(line.substr(1));
      if (have_time && t <= now) fail(path, n, "time does not increase");
      now = t;
      have_time = true;
      vcd.times.push_back(t);
      continue;
    }
    if (w == "$dumpvars") {
      if (!have_time) fail(path, n, "$dumpvars before a time");
      in_dumpvars = true;
      continue;
    }
    if (w == "$end") {
      if (!in_dumpvars) fail(path, n, "$end outside $dumpvars");
      in_dumpvars = false;
      for (std::size_t i = 0; i < vcd.signals.size(); ++i)
        if (!vcd.signals[i].event && dumped_count[i] != 1) fail(path, n, "$dumpvars without one value of " + vcd.signals[i].name);
      std::fill(dumped_count.begin(), dumped_count.end(), 0);
      continue;
    }
    if (!have_time) fail(path, n, "value change before a time");
    std::string id, value;
    if (line[0] == 'b') {
      value = w.substr(1);
      words >> id;
    } else {
      value = line.substr(0, 1);
      id = line.substr(1);
    }
    const auto it = by_id.find(id);
    if (it == by_id.end()) fail(path, n, "undeclared identifier " + id);
    const std::size_t i = it->second;
    VcdSignal& s = vcd.signals[i];
    if (value.empty() || value.size() > s.width || value.find_first_not_of("01") != std::string::npos)
      fail(path, n, "value " + value + " does not fit " + s.name);
    if (s.width > 1 && line[0] != 'b') fail(path, n, "scalar value for vector " + s.name);
    if (s.width == 1 && line[0] == 'b') fail(path, n, "vector value for scalar " + s.name);
    if (s.event && (value != "1" || in_dumpvars)) fail(path, n, "bad event change for " + s.name);
    const std::uint64_t v = std::stoull(value, nullptr, 2);
    if (in_dumpvars) {
      ++dumped_count[i];
      dumped[i] = v;
    } else if (!s.event && dumped[i] == v) {
      fail(path, n, "a change to the value " + s.name + " already has");
    } else {
      dumped[i] = v;
    }
    if (kept[i]) s.changes.emplace_back(now, v);
  }
  if (!defs_done) fail(path, n, "no $enddefinitions");
  return vcd;
}

}  // namespace memvp::test
