// VcdScan: the declarations of a VCD file (IEEE 1364-2005 §18.2.3) and a pass over its value
// changes (§18.2.3.10), as much of the format as `memvp waves` needs to pick a view's signals
// and the times to show: scopes, variables, widths, scalar and vector changes.
#pragma once

#include <cstdint>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace memvp::waves_view {

struct VcdVar {
  std::string name;   // dotted, without the top scope: "hart0.mmu.va"
  unsigned width = 1;
  bool event = false;
};

class VcdScan {
 public:
  // Opens `path` and reads its header up to $enddefinitions; throws InputError naming the file
  // if it cannot be read or is not a VCD file.
  explicit VcdScan(const std::string& path);

  [[nodiscard]] const std::string& top_scope() const { return top_; }   // "memvp"
  [[nodiscard]] const std::string& comment() const { return comment_; }
  [[nodiscard]] const std::vector<VcdVar>& vars() const { return vars_; }  // declaration order
  // The index of the variable named `dotted`, or -1.
  [[nodiscard]] int find(const std::string& dotted) const;
  // Time units a hart cycle lasts: the "hart clock period N time units" of memvp's $comment
  // (docs/waves.md "Time"), 1 without one.
  [[nodiscard]] std::uint64_t hart_period() const;

  // Calls f(time, var, value) for each value change after the header, in file order ($dumpvars
  // values included, at the first time), until f returns false; an event's value is 1, x and
  // z bits read as 0. Returns the last time read. Reads the file once.
  std::uint64_t for_each_change(const std::function<bool(std::uint64_t, int, std::uint64_t)>& f);
  // The first time of the value changes (that of $dumpvars), once for_each_change has read it.
  [[nodiscard]] std::uint64_t first_time() const { return first_time_; }

 private:
  void read_header();
  [[nodiscard]] std::string next_token();

  std::string path_;
  std::ifstream in_;
  std::string top_, comment_;
  std::vector<VcdVar> vars_;
  std::uint64_t first_time_ = 0;
  bool timed_ = false;
  std::map<std::string, int> by_name_;
  std::map<std::string, std::vector<int>> by_id_;  // one identifier may name several variables
};

}  // namespace memvp::waves_view
