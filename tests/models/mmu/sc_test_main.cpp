// Entry point of the MMU tests whichever main() the linker picks: GoogleTest's own, or
// SystemC's library main(), which calls this sc_main.
#include <gtest/gtest.h>
#include <systemc>

int sc_main(int argc, char* argv[]) {
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
