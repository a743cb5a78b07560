// The fuzz targets' inputs through memvp's readers: every seed (fuzz/corpus/<target>/) is
// accepted, and every input that once crashed a target (fuzz/regressions/<target>/) ends as
// the command would end on bad input, one InputError line, or is accepted when the fix made it
// valid. Either way no other exception, abort or sanitizer report.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "common/error.h"
#include "fuzz/fuzz_inputs.h"

namespace memvp::fuzz {
namespace {

using Input = void (*)(const std::uint8_t*, std::size_t);

struct Target {
  const char* name;
  Input input;
};

const Target kTargets[] = {{"platform", platform_input},
                           {"dtb", dtb_input},
                           {"elf", elf_input},
                           {"translation_trace", translation_trace_input},
                           {"dram_trace", dram_trace_input}};

std::vector<std::filesystem::path> files_in(const std::string& dir) {
  std::vector<std::filesystem::path> files;
  if (!std::filesystem::is_directory(dir)) return files;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.is_regular_file()) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::uint8_t> bytes_of(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class FuzzInputs : public testing::TestWithParam<Target> {};

TEST_P(FuzzInputs, EverySeedIsAccepted) {
  const auto seeds = files_in(std::string(MEMVP_FUZZ_DIR) + "/corpus/" + GetParam().name);
  ASSERT_GE(seeds.size(), 2u);
  for (const auto& seed : seeds) {
    const std::vector<std::uint8_t> data = bytes_of(seed);
    EXPECT_NO_THROW(GetParam().input(data.data(), data.size())) << seed;
  }
}

TEST_P(FuzzInputs, EveryCrashInputEndsInOneLineOrIsAccepted) {
  for (const auto& crash : files_in(std::string(MEMVP_FUZZ_DIR) + "/regressions/" + GetParam().name)) {
    const std::vector<std::uint8_t> data = bytes_of(crash);
    try {
      GetParam().input(data.data(), data.size());
    } catch (const InputError& e) {
      const std::string what = e.what();
      EXPECT_FALSE(what.empty()) << crash;
      EXPECT_EQ(what.find('\n'), std::string::npos) << crash << ": " << what;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Targets, FuzzInputs, testing::ValuesIn(kTargets),
                         [](const testing::TestParamInfo<Target>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace memvp::fuzz
