// libsystemc defines main() and calls sc_main(); GoogleTest brings its own main(), so the
// library's reference to sc_main only needs satisfying. It is never called.
extern "C" int sc_main(int, char*[]) { return 0; }
