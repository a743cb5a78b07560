// fuzz_platform and fuzz_dtb: the platform file and --set, as `memvp run` reads them.
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

extern "C" {
#include <libfdt.h>
}

#include "common/config/config_reader.h"
#include "fuzz/fuzz_inputs.h"
#include "fuzz/memory_file.h"
#include "platforms/dtb.h"
#include "platforms/platform_config.h"

namespace memvp::fuzz {
namespace {

PlatformConfig read_platform(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::size_t split = text.starts_with("%%\n") ? 0 : text.find("\n%%\n");
  const std::string_view toml = text.substr(0, split);
  std::vector<std::string> sets;
  if (split != std::string_view::npos) {
    std::istringstream lines{std::string(text.substr(text.find("%%\n", split) + 3))};
    for (std::string line; std::getline(lines, line);) sets.push_back(line);
  }
  return load_platform_config(ConfigReader::from_string(toml, "fuzz.toml"), sets);
}

}  // namespace

void platform_input(const std::uint8_t* data, std::size_t size) {
  const PlatformConfig p = read_platform(data, size);
  check(p.harts >= 1);
}

void dtb_input(const std::uint8_t* data, std::size_t size) {
  const PlatformConfig p = read_platform(data, size);
  const std::vector<std::uint8_t> dtb = build_dtb(p, p.dtb.bootargs);
  check(fdt_check_full(dtb.data(), dtb.size()) == 0);
  const PhysAddr at = dtb_address(p, dtb.size());
  check(at.value() >= p.memory.base.value() &&
        at.value() - p.memory.base.value() + dtb.size() <= p.memory.size_bytes);
}

}  // namespace memvp::fuzz
