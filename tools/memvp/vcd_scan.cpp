// The header is read token by token (§18.2.3: keywords and their operands are separated by
// white space, each declaration closed by $end); the value changes line by line, as memvp and
// most writers put one change on a line.
#include "tools/memvp/vcd_scan.h"

#include <cerrno>
#include <cstring>
#include <regex>
#include <stdexcept>

#include "common/error.h"

namespace memvp::waves_view {

VcdScan::VcdScan(const std::string& path) : path_(path), in_(path, std::ios::binary) {
  if (!in_) throw InputError(path + ": cannot read the VCD file: " + std::strerror(errno));
  try {
    read_header();
  } catch (const std::logic_error&) {  // a width that is not a number
    throw InputError(path + ": not a VCD file (a $var without a width)");
  }
}

std::string VcdScan::next_token() {
  std::string t;
  if (!(in_ >> t)) throw InputError(path_ + ": not a VCD file (no $enddefinitions)");
  return t;
}

void VcdScan::read_header() {
  std::vector<std::string> scopes;
  for (std::string t = next_token(); t != "$enddefinitions"; t = next_token()) {
    if (t == "$scope") {
      (void)next_token();  // module, task, ...
      const std::string name = next_token();
      if (scopes.empty() && top_.empty()) top_ = name;
      scopes.push_back(name);
    } else if (t == "$upscope") {
      if (scopes.empty()) throw InputError(path_ + ": not a VCD file ($upscope outside a scope)");
      scopes.pop_back();
    } else if (t == "$var") {
      VcdVar v;
      v.event = next_token() == "event";
      v.width = static_cast<unsigned>(std::stoul(next_token()));
      const std::string id = next_token();
      std::string name;
      for (std::size_t i = 1; i < scopes.size(); ++i) name += scopes[i] + ".";
      v.name = name + next_token();
      by_id_[id].push_back(static_cast<int>(vars_.size()));
      by_name_.emplace(v.name, static_cast<int>(vars_.size()));
      vars_.push_back(v);
    } else if (t == "$comment") {
      for (std::string w = next_token(); w != "$end"; w = next_token()) comment_ += (comment_.empty() ? "" : " ") + w;
      continue;
    } else {
      continue;  // $timescale, $date, $version and their text, $end
    }
    while (next_token() != "$end") {
    }
  }
  (void)next_token();  // $end of $enddefinitions
}

int VcdScan::find(const std::string& dotted) const {
  const auto it = by_name_.find(dotted);
  return it == by_name_.end() ? -1 : it->second;
}

std::uint64_t VcdScan::hart_period() const {
  static const std::regex period("hart clock period ([0-9]+) time units");
  std::smatch m;
  return std::regex_search(comment_, m, period) ? std::stoull(m[1]) : 1;
}

std::uint64_t VcdScan::for_each_change(const std::function<bool(std::uint64_t, int, std::uint64_t)>& f) {
  std::uint64_t time = 0;
  std::string line;
  auto report = [&](const std::string& id, std::uint64_t value) {
    const auto it = by_id_.find(id);
    if (it == by_id_.end()) return true;
    for (int v : it->second)
      if (!f(time, v, value)) return false;
    return true;
  };
  while (std::getline(in_, line)) {
    if (line.empty() || line[0] == '$') continue;
    if (line[0] == '#') {
      time = std::stoull(line.substr(1));
      if (!timed_) first_time_ = time, timed_ = true;
    } else if (line[0] == 'b' || line[0] == 'B') {
      const std::size_t space = line.find(' ');
      if (space == std::string::npos) continue;
      std::uint64_t v = 0;
      for (std::size_t i = 1; i < space; ++i) v = (v << 1) | (line[i] == '1' ? 1 : 0);
      if (!report(line.substr(space + 1), v)) break;
    } else if (std::strchr("01xXzZ", line[0]) != nullptr) {
      if (!report(line.substr(1), line[0] == '1' ? 1 : 0)) break;
    }
  }
  return time;
}

}  // namespace memvp::waves_view
