// A strict reader of the VCD files memvp writes, for tests: it checks the header's structure
// (balanced scopes, one $var per identifier, $enddefinitions), that time only moves forward, and
// that every value change names a declared identifier with a value that fits its width and kind
// (scalars 0/1, vectors b..., events 1). Any violation is a VcdError naming the line.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace memvp::test {

struct VcdError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct VcdSignal {
  std::string name;  // dotted, without the top scope: "hart0.mmu.miss"
  unsigned width = 1;
  bool event = false;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> changes;  // (time, value), $dumpvars included
};

struct Vcd {
  std::string timescale;
  std::vector<VcdSignal> signals;           // in declaration order
  std::map<std::string, std::size_t> by_name;
  std::vector<std::uint64_t> times;         // every #time, in order
  [[nodiscard]] const VcdSignal& signal(const std::string& name) const;
  // The times at which `name` changed (or an event fired), after the $dumpvars values.
  [[nodiscard]] std::vector<std::uint64_t> change_times(const std::string& name) const;
};

// Reads and checks `path`; throws VcdError. Every change is checked; only those of the signals
// named in `keep` are kept (all when it is empty), so a long run's file can be read.
Vcd read_vcd(const std::string& path, const std::set<std::string>& keep = {});

}  // namespace memvp::test
