// Reading what a `memvp run` child wrote, for the end-to-end tests that compare runs: a file's
// bytes, and a statistics file without the host's figures (time and MIPS), which differ between
// two runs of the same simulation.
#pragma once

#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

namespace memvp::test {

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

inline std::string stats_without_host(const std::string& path) {
  std::istringstream in(slurp(path));
  std::string line, kept;
  while (std::getline(in, line))
    if (line.find("\"host_seconds\"") == std::string::npos && line.find("\"mips\"") == std::string::npos)
      kept += line + '\n';
  return kept;
}

}  // namespace memvp::test
