// libsystemc refers to sc_main; these tests start from GoogleTest's main and elaborate and run
// SystemC inside each test, so this entry point is never called.
extern "C" int sc_main(int /*argc*/, char* /*argv*/[]) { return 1; }
