// The entry point of a Google Benchmark executable that links SystemC: SystemC's library
// main() calls this sc_main, which runs the benchmarks as benchmark_main would.
#include <benchmark/benchmark.h>

extern "C" int sc_main(int argc, char* argv[]);

int sc_main(int argc, char* argv[]) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
