// A hand-built translation trace of 20 records on two harts whose summary is worked out by
// hand in summary_test.cpp, plus helpers to write it and to read files back.
#pragma once

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "common/trace/trace_writer.h"

namespace memvp::trace::testing {

inline TranslationRecord hit(std::uint64_t cycle, std::uint16_t hart, std::uint16_t asid,
                             std::uint64_t va, Outcome level, std::uint32_t latency) {
  TranslationRecord r{};
  r.cycle = cycle;
  r.va = va;
  r.pa = 0x8000'0000 + (va & 0xFFFFF);
  r.latency_cycles = latency;
  r.hart = hart;
  r.asid = asid;
  r.priv = 0;
  r.access = static_cast<std::uint8_t>(cycle % 4);  // fetch, load, store, amo in turn
  r.outcome = r.source = static_cast<std::uint8_t>(level);
  r.fault_cause = kNoCause;
  r.page_size_log2 = 12;
  r.vm_mode = 8;
  r.pte_flags = 0xDF;
  return r;
}

// A Sv39 walk: level-i PTE addresses for levels 2..leaf_level, each step costing `step`.
inline TranslationRecord walk(std::uint64_t cycle, std::uint16_t hart, std::uint16_t asid,
                              std::uint64_t va, unsigned leaf_level, std::uint16_t step,
                              std::uint32_t latency) {
  TranslationRecord r = hit(cycle, hart, asid, va, Outcome::Walk, latency);
  r.page_size_log2 = static_cast<std::uint8_t>(12 + 9 * leaf_level);
  for (int i = 2; i >= static_cast<int>(leaf_level); --i) {
    r.pte_addr[i] = 0x8010'0000 + 0x1000 * (2 - i) + ((va >> (12 + 9 * i)) & 511) * 8;
    r.step_cycles[i] = step;
    ++r.pte_reads;
  }
  r.walk_cycles = latency - 9;
  return r;
}

inline std::vector<TranslationRecord> hand_built_trace() {
  std::vector<TranslationRecord> t;
  // Hart 0, ASID 1: 6 L1 hits, 2 L2 hits, a 4 KiB walk and a walk whose level-2 PTE came
  // from the page-walk cache.
  for (std::uint64_t c = 0; c < 6; ++c) t.push_back(hit(100 + c, 0, 1, 0x1000 + 8 * c, Outcome::L1Hit, 1));
  t.push_back(hit(110, 0, 1, 0x2000, Outcome::L2Hit, 8));
  t.push_back(hit(111, 0, 1, 0x3000, Outcome::L2Hit, 8));
  t.push_back(walk(120, 0, 1, 0x4000'5123, 0, 30, 100));
  TranslationRecord pwc = walk(130, 0, 1, 0x4000'6000, 0, 25, 60);
  pwc.step_cycles[2] = 2;
  pwc.pwc_mask = 0b100;
  pwc.pte_reads = 2;
  t.push_back(pwc);
  // Hart 1, ASID 2: 5 L1 hits, 1 L2 hit, two walks to the same 2 MiB page (one with a hardware
  // A/D update), a load page fault found by a walk, a non-canonical fetch.
  for (std::uint64_t c = 0; c < 5; ++c) t.push_back(hit(200 + c, 1, 2, 0x7000 + 8 * c, Outcome::L1Hit, 1));
  t.push_back(hit(210, 1, 2, 0x9000, Outcome::L2Hit, 9));
  t.push_back(walk(220, 1, 2, 0x20'0040, 1, 30, 70));
  TranslationRecord ad = walk(230, 1, 2, 0x21'0000, 1, 30, 80);
  ad.ad_cycles = 10;
  ad.pte_reads = 3;
  t.push_back(ad);
  TranslationRecord pf = walk(240, 1, 2, 0x5555'0000, 0, 16, 50);
  pf.outcome = static_cast<std::uint8_t>(Outcome::Fault);
  pf.access = 1;
  pf.fault_cause = 13;
  pf.page_size_log2 = 0;
  pf.pte_flags = 0;
  pf.pa = 0;
  t.push_back(pf);
  TranslationRecord nc = hit(250, 1, 2, 0x0100'0000'0000'0000, Outcome::Fault, 0);
  nc.access = 0;
  nc.source = kSourceNone;
  nc.fault_cause = 12;
  nc.page_size_log2 = 0;
  nc.pte_flags = 0;
  nc.pa = 0;
  t.push_back(nc);
  return t;
}

inline void write_trace(const std::string& path, const std::vector<TranslationRecord>& recs,
                        const TraceWriterOptions& o = {}) {
  TranslationTraceWriter w(path, TraceFileInfo{500, 2}, o);
  for (const TranslationRecord& r : recs) w.append(r);
  w.close();
}

// A path in GoogleTest's temporary directory that no other test process uses: ctest runs
// tests in parallel, one process each, so the process id keeps their files apart.
inline std::string temp_path(const std::string& name) {
  return ::testing::TempDir() + "memvp_" + std::to_string(::getpid()) + "_" + name;
}

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void spit(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

}  // namespace memvp::trace::testing
