// fuzz_dram_trace: a DRAMsim3-format trace as `memvp dram --trace FILE` runs it.
#include <sstream>
#include <string>

#include "common/error.h"
#include "dram/ddr4_config.h"
#include "dram/dram_trace.h"
#include "fuzz/fuzz_inputs.h"
#include "fuzz/memory_file.h"

namespace memvp::fuzz {

void dram_trace_input(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  std::ostringstream out;
  const Ddr4Config cfg;
  check(run_dram_trace(cfg, in, out, false) == exit_status::kPass);
}

}  // namespace memvp::fuzz
