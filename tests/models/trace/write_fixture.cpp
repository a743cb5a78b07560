// Writes the hand-built trace of trace_fixture.h to the file named on the command line (".zst"
// compresses), for the Python loader test.
#include <cstdio>

#include "common/error.h"
#include "trace_fixture.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s FILE\n", argv[0]);
    return 2;
  }
  try {
    memvp::trace::testing::write_trace(argv[1], memvp::trace::testing::hand_built_trace());
  } catch (const memvp::InputError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  }
  return 0;
}
