// Cost of TranslationTraceWriter::append(): records per second into a plain and a zstd file,
// with a realistic record mix (mostly L1 hits at nearby addresses, some walks).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>
#include <unistd.h>
#include <vector>

#include "common/trace/trace_writer.h"

namespace memvp::trace {
namespace {

std::vector<TranslationRecord> record_mix(std::size_t n) {
  std::vector<TranslationRecord> v(n);
  std::uint64_t cycle = 1000, state = 12345;
  for (std::size_t i = 0; i < n; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    TranslationRecord& r = v[i];
    r = TranslationRecord{};
    cycle += 1 + (state >> 60);
    r.cycle = cycle;
    r.access = static_cast<std::uint8_t>(i % 3 == 0 ? 0 : 1 + ((state >> 20) & 1));
    r.va = 0x10000 + ((state >> 24) & 0xFFFFF8);
    r.pa = 0x80000000 + (r.va & 0xFFFFFF);
    r.hart = static_cast<std::uint16_t>((state >> 40) & 1);
    r.asid = 3;
    r.priv = 0;
    r.page_size_log2 = 12;
    r.vm_mode = 8;
    r.pte_flags = 0xDF;
    r.fault_cause = kNoCause;
    const unsigned roll = (state >> 50) & 63;
    r.outcome = r.source = static_cast<std::uint8_t>(roll < 58 ? 0 : roll < 62 ? 1 : 2);
    r.latency_cycles = r.outcome == 0 ? 1 : r.outcome == 1 ? 8 : 80;
    if (r.outcome == 2) {
      r.walk_cycles = 71;
      r.pte_reads = 3;
      for (unsigned l = 0; l < 3; ++l) {
        r.pte_addr[l] = 0x80100000 + l * 0x1000 + ((r.va >> (12 + 9 * l)) & 511) * 8;
        r.step_cycles[l] = 20;
      }
    }
  }
  return v;
}

void write_records(benchmark::State& state, const std::string& path, const TraceWriterOptions& o) {
  const std::vector<TranslationRecord> mix = record_mix(1 << 16);
  std::uint64_t total = 0;
  for (auto _ : state) {
    TranslationTraceWriter w(path, TraceFileInfo{1000, 2}, o);
    for (std::size_t rep = 0; rep < 32; ++rep)
      for (const TranslationRecord& r : mix) w.append(r);
    w.close();
    total += w.records();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(total));
  state.SetBytesProcessed(static_cast<std::int64_t>(total * sizeof(TranslationRecord)));
  ::unlink(path.c_str());
}

std::string tmp_path(const char* suffix) {
  return "/tmp/memvp_bench_trace_" + std::to_string(::getpid()) + suffix;
}

void BM_Plain(benchmark::State& s) {
  TraceWriterOptions o;
  o.compression = Compression::None;
  write_records(s, tmp_path(".bin"), o);
}
void BM_ZstdLevel(benchmark::State& s) {
  TraceWriterOptions o;
  o.compression = Compression::Zstd;
  o.zstd_level = static_cast<int>(s.range(0));
  write_records(s, tmp_path(".zst"), o);
}
void BM_ZstdWorker(benchmark::State& s) {
  TraceWriterOptions o;
  o.compression = Compression::Zstd;
  o.zstd_level = 1;
  o.zstd_workers = 1;
  write_records(s, tmp_path(".zst"), o);
}

BENCHMARK(BM_Plain)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ZstdLevel)->Arg(-3)->Arg(1)->Arg(3)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ZstdWorker)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace memvp::trace

BENCHMARK_MAIN();
