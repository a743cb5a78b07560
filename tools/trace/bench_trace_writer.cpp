// Cost of TranslationTraceWriter::append(): records per second of the writing thread's CPU
// time into a plain and a zstd file (with and without the background thread, two zstd levels),
// for a program-like record mix and a random worst case; file_B/rec is the size on disk per
// 88-byte record.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

#include "common/trace/trace_writer.h"

namespace memvp::trace {
namespace {

TranslationRecord base_record(std::uint64_t cycle, std::uint64_t va, std::uint8_t access) {
  TranslationRecord r{};
  r.cycle = cycle;
  r.va = va;
  r.pa = 0x8000'0000 + (va & 0xFF'FFFF);
  r.access = access;
  r.asid = 3;
  r.page_size_log2 = 12;
  r.vm_mode = 8;
  r.pte_flags = 0xDF;
  r.fault_cause = kNoCause;
  r.latency_cycles = 1;
  return r;
}

void make_walk(TranslationRecord& r, std::uint64_t state) {
  r.outcome = r.source = static_cast<std::uint8_t>(Outcome::Walk);
  r.latency_cycles = 60 + static_cast<std::uint32_t>(state & 63);
  r.walk_cycles = r.latency_cycles - 9;
  r.pte_reads = 3;
  for (unsigned l = 0; l < 3; ++l) {
    r.pte_addr[l] = 0x8010'0000 + l * 0x1000 + ((r.va >> (12 + 9 * l)) & 511) * 8;
    r.step_cycles[l] = static_cast<std::uint16_t>(15 + ((state >> (8 * l)) & 31));
  }
}

// What a program produces: sequential fetches, loads and stores striding over an array with
// some random accesses; about 93 % L1 hits, 5 % L2 hits, 2 % walks.
std::vector<TranslationRecord> program_mix(std::size_t n) {
  std::vector<TranslationRecord> v;
  v.reserve(n);
  std::uint64_t cycle = 1000, pc = 0x1'0000, data = 0x40'0000, state = 12345;
  for (std::size_t i = 0; i < n; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    cycle += 1 + ((state >> 62) & 1);
    std::uint64_t va = 0;
    std::uint8_t access = 0;
    if (i % 3 != 2) {
      pc = (state >> 40) % 64 == 0 ? 0x1'0000 + ((state >> 20) & 0xFFFC) : pc + 4;
      va = pc;
    } else {
      data = (state >> 40) % 16 == 0 ? 0x40'0000 + ((state >> 16) & 0xFF'FFF8) : data + 8;
      va = data;
      access = static_cast<std::uint8_t>(1 + ((state >> 30) % 4 == 0));
    }
    TranslationRecord r = base_record(cycle, va, access);
    const unsigned roll = (state >> 50) % 100;
    if (roll >= 98) make_walk(r, state);
    else if (roll >= 93) r.outcome = r.source = 1, r.latency_cycles = 8;
    v.push_back(r);
  }
  return v;
}

// The worst case for compression: random addresses, a quarter of them walks.
std::vector<TranslationRecord> random_mix(std::size_t n) {
  std::vector<TranslationRecord> v;
  v.reserve(n);
  std::uint64_t cycle = 1000, state = 777;
  for (std::size_t i = 0; i < n; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    cycle += 1 + (state >> 60);
    TranslationRecord r = base_record(cycle, (state >> 8) & 0x3F'FFFF'FFF8, static_cast<std::uint8_t>(i & 3));
    r.hart = static_cast<std::uint16_t>((state >> 40) & 1);
    if (((state >> 50) & 3) == 0) make_walk(r, state >> 3);
    v.push_back(r);
  }
  return v;
}

void write_records(benchmark::State& state, const std::string& path, const TraceWriterOptions& o,
                   const std::vector<TranslationRecord>& mix) {
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
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0)  // file bytes per record of the last iteration
    state.counters["file_B/rec"] = static_cast<double>(st.st_size) / (32.0 * mix.size());
  ::unlink(path.c_str());
}

std::string tmp_path(const char* suffix) {
  return "/tmp/memvp_bench_trace_" + std::to_string(::getpid()) + suffix;
}

const std::vector<TranslationRecord>& mix(std::int64_t which) {
  static const std::vector<TranslationRecord> program = program_mix(1 << 16);
  static const std::vector<TranslationRecord> random = random_mix(1 << 16);
  return which == 0 ? program : random;
}

// Arguments: mix (0 program, 1 random), background thread (0/1).
void BM_Plain(benchmark::State& s) {
  TraceWriterOptions o;
  o.compression = Compression::None;
  o.background = s.range(1) != 0;
  write_records(s, tmp_path(".bin"), o, mix(s.range(0)));
}
// Arguments: mix, background thread, zstd level.
void BM_Zstd(benchmark::State& s) {
  TraceWriterOptions o;
  o.compression = Compression::Zstd;
  o.background = s.range(1) != 0;
  o.zstd_level = static_cast<int>(s.range(2));
  write_records(s, tmp_path(".zst"), o, mix(s.range(0)));
}

// CPU time is the simulation thread's; with a background thread, wall time includes waiting
// for it, so both are reported (UseRealTime would hide the first).
BENCHMARK(BM_Plain)->ArgNames({"mix", "bg"})->ArgsProduct({{0, 1}, {0, 1}})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Zstd)
    ->ArgNames({"mix", "bg", "level"})
    ->ArgsProduct({{0, 1}, {0, 1}, {1, 3}})
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace memvp::trace

BENCHMARK_MAIN();
