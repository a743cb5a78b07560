// The entry point of every GoogleTest executable, whichever main() the linker picks:
// GoogleTest's own, or SystemC's library main(), which calls this sc_main. Either way the tests
// run (memvp_add_gtest in tests/CMakeLists.txt adds this file).
#include <gtest/gtest.h>

// Declared by SystemC; defined here without its headers so tests that do not link SystemC can
// share this file.
extern "C" int sc_main(int argc, char* argv[]);

int sc_main(int argc, char* argv[]) {
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
