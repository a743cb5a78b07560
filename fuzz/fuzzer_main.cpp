// libFuzzer's entry point for one reader: MEMVP_FUZZ_INPUT names its function in fuzz_inputs.h
// (fuzz/CMakeLists.txt builds this file once per target). InputError is the reader rejecting
// the input as memvp would (exit 2) and must say why in one line (memvp prints it as the one
// line on stderr); any other exception escapes and libFuzzer reports it.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/error.h"
#include "fuzz/fuzz_inputs.h"

// libsystemc.so, which the models link, defines a main() that calls sc_main; libFuzzer's main()
// comes first in the link and runs instead, so this is never called.
extern "C" int sc_main(int, char**) { return 0; }

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    memvp::fuzz::MEMVP_FUZZ_INPUT(data, size);
  } catch (const memvp::InputError& e) {
    const std::string_view what = e.what();
    if (what.empty() || what.find('\n') != std::string_view::npos) __builtin_trap();
  }
  return 0;
}
