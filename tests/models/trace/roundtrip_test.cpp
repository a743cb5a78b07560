// Writer → reader round trips, plain and zstd, with exact field values; the zstd file is one
// zstd frame holding exactly the plain file; writer errors are one-line InputErrors.
#include <gtest/gtest.h>
#include <zstd.h>

#include <cstring>

#include "common/error.h"
#include "mmu/trace/record_from_mmu.h"
#include "trace_fixture.h"
#include "trace_reader.h"

namespace memvp::trace {
namespace {

using testing::hand_built_trace;
using testing::slurp;
using testing::write_trace;

std::string tmp(const std::string& name) { return testing::temp_path("trace_rt_" + name); }

std::vector<TranslationRecord> read_all(const std::string& path) {
  TraceReader r(path);
  std::vector<TranslationRecord> out;
  r.for_each([&](const TranslationRecord& rec) { out.push_back(rec); });
  EXPECT_EQ(r.records_read(), out.size());
  return out;
}

void expect_same(const std::vector<TranslationRecord>& a, const std::vector<TranslationRecord>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i)
    EXPECT_EQ(std::memcmp(&a[i], &b[i], sizeof a[i]), 0) << "record " << i;
}

TEST(TraceRoundTrip, PlainFileHoldsHeaderThenRecords) {
  const std::string path = tmp("plain.bin");
  const auto recs = hand_built_trace();
  write_trace(path, recs);
  const std::string bytes = slurp(path);
  ASSERT_EQ(bytes.size(), kHeaderSize + recs.size() * sizeof(TranslationRecord));
  EXPECT_EQ(bytes.substr(0, 8), "MVPTRACE");
  FileHeader h;
  std::memcpy(&h, bytes.data(), sizeof h);
  EXPECT_EQ(h.version, 2u);
  EXPECT_EQ(h.header_size, kHeaderSize);
  EXPECT_EQ(h.header_size % 8, 0u);
  EXPECT_EQ(h.record_size, 88u);
  EXPECT_EQ(h.clock_period_ps, 500u);
  EXPECT_EQ(h.harts, 2u);
  EXPECT_EQ(bytes.substr(sizeof h, h.layout_size), kRecordLayout);

  TraceReader r(path);
  EXPECT_FALSE(r.compressed());
  EXPECT_EQ(r.header().clock_period_ps, 500u);
  expect_same(read_all(path), recs);
}

TEST(TraceRoundTrip, ExactFieldValuesOfAWalk) {
  const std::string path = tmp("fields.bin");
  write_trace(path, hand_built_trace());
  const TranslationRecord w = read_all(path).at(9);  // the walk with a PWC hit
  EXPECT_EQ(w.cycle, 130u);
  EXPECT_EQ(w.va, 0x4000'6000u);
  EXPECT_EQ(w.pa, 0x8000'6000u);
  EXPECT_EQ(w.pte_addr[2], 0x8010'0000u + 1 * 8);
  EXPECT_EQ(w.pte_addr[1], 0x8010'1000u + 0 * 8);
  EXPECT_EQ(w.pte_addr[0], 0x8010'2000u + 6 * 8);
  EXPECT_EQ(w.pte_addr[3], 0u);
  EXPECT_EQ(w.step_cycles[2], 2u);
  EXPECT_EQ(w.step_cycles[1], 25u);
  EXPECT_EQ(w.pwc_mask, 0b100u);
  EXPECT_EQ(w.pte_reads, 2u);
  EXPECT_EQ(w.latency_cycles, 60u);
  EXPECT_EQ(w.walk_cycles, 51u);
  EXPECT_EQ(w.outcome, 2u);
  EXPECT_EQ(w.fault_cause, kNoCause);
  EXPECT_EQ(w.page_size_log2, 12u);
}

TEST(TraceRoundTrip, ZstdFileIsTheCompressedPlainFile) {
  const auto recs = hand_built_trace();
  const std::string plain = tmp("same.bin"), zst = tmp("same.zst");
  write_trace(plain, recs);
  write_trace(zst, recs);
  TraceReader r(zst);
  EXPECT_TRUE(r.compressed());
  expect_same(read_all(zst), recs);

  const std::string packed = slurp(zst);
  const unsigned long long size = ZSTD_getFrameContentSize(packed.data(), packed.size());
  ASSERT_NE(size, ZSTD_CONTENTSIZE_ERROR);
  std::string unpacked(slurp(plain).size(), '\0');
  const std::size_t n = ZSTD_decompress(unpacked.data(), unpacked.size(), packed.data(), packed.size());
  ASSERT_FALSE(ZSTD_isError(n)) << ZSTD_getErrorName(n);
  EXPECT_EQ(unpacked.substr(0, n), slurp(plain));
}

TEST(TraceRoundTrip, ManyRecordsAcrossBufferFlushes) {
  std::vector<TranslationRecord> recs;
  const auto base = hand_built_trace();
  for (std::uint64_t i = 0; i < 50'000; ++i) {
    TranslationRecord r = base[i % base.size()];
    r.cycle = i * 3;
    r.va += i << 12;
    recs.push_back(r);
  }
  for (const char* name : {"many.bin", "many.zst"}) {
    TraceWriterOptions o;
    o.buffer_bytes = 64 << 10;  // the smallest buffer: dozens of flushes
    write_trace(tmp(name), recs, o);
    expect_same(read_all(tmp(name)), recs);
  }
  TraceWriterOptions forced;
  forced.compression = Compression::Zstd;
  forced.zstd_workers = 1;
  write_trace(tmp("forced.bin"), recs, forced);
  EXPECT_TRUE(TraceReader(tmp("forced.bin")).compressed());
  expect_same(read_all(tmp("forced.bin")), recs);
}

// Version 2: a flush record between translations is left out by for_each and handed, in file
// order, to for_each_with_flushes; its fields are make_flush_record()'s.
TEST(TraceRoundTrip, FlushRecordsAreReadInOrderAndSkippedAsTranslations) {
  const auto recs = hand_built_trace();
  std::vector<TranslationRecord> with = recs;
  const TranslationRecord flush = make_flush_record(mmu::TlbFlush::by_va_asid(VirtAddr(0x4000'6000), Asid(5)),
                                                    kFlushBySfence, Cycles(125), HartId(1));
  with.insert(with.begin() + 3, flush);
  write_trace(tmp("flush.bin"), with);
  std::vector<TranslationRecord> translations;
  TraceReader t(tmp("flush.bin"));
  t.for_each([&](const TranslationRecord& rec) { translations.push_back(rec); });
  expect_same(translations, recs);
  EXPECT_EQ(t.records_read(), with.size());  // records_read() counts the flush too
  std::vector<TranslationRecord> all;
  TraceReader r(tmp("flush.bin"));
  r.for_each_with_flushes([&](const TranslationRecord& rec) { all.push_back(rec); });
  expect_same(all, with);
  const TranslationRecord& f = all.at(3);
  EXPECT_TRUE(is_flush(f));
  EXPECT_EQ(f.cycle, 125u);
  EXPECT_EQ(f.hart, 1u);
  EXPECT_EQ(f.va, 0x4000'6000u);
  EXPECT_EQ(f.asid, 5u);
  EXPECT_EQ(f.access, 3u);  // FlushKind::VaAsid
  EXPECT_EQ(f.priv, kFlushBySfence);
  EXPECT_EQ(f.source, kSourceNone);
  EXPECT_EQ(outcome_name(f.outcome), "flush");
}

// A version-1 file (the same layout, no flush records) is read as before.
TEST(TraceRoundTrip, VersionOneFilesAreRead) {
  const auto recs = hand_built_trace();
  write_trace(tmp("v1.bin"), recs);
  std::string bytes = slurp(tmp("v1.bin"));
  const std::uint32_t v1 = 1;
  std::memcpy(bytes.data() + offsetof(FileHeader, version), &v1, 4);
  {
    std::FILE* f = std::fopen(tmp("v1.bin").c_str(), "wb");
    ASSERT_NE(f, nullptr);
    std::fwrite(bytes.data(), 1, bytes.size(), f);
    std::fclose(f);
  }
  TraceReader r(tmp("v1.bin"));
  EXPECT_EQ(r.header().version, 1u);
  expect_same(read_all(tmp("v1.bin")), recs);
}

TEST(TraceRoundTrip, EmptyTraceHasOnlyTheHeader) {
  write_trace(tmp("empty.bin"), {});
  write_trace(tmp("empty.zst"), {});
  EXPECT_EQ(slurp(tmp("empty.bin")).size(), kHeaderSize);
  EXPECT_TRUE(read_all(tmp("empty.bin")).empty());
  EXPECT_TRUE(read_all(tmp("empty.zst")).empty());
}

TEST(TraceWriter, CountsRecordsAndRejectsAppendAfterClose) {
  TranslationTraceWriter w(tmp("count.bin"), TraceFileInfo{});
  w.append(hand_built_trace()[0]);
  w.append(hand_built_trace()[1]);
  EXPECT_EQ(w.records(), 2u);
  w.close();
  w.close();  // idempotent
  EXPECT_THROW(w.append(hand_built_trace()[0]), InputError);
}

TEST(TraceWriter, ForegroundWritingGivesTheSameBytes) {
  const auto recs = hand_built_trace();
  for (const char* ext : {".bin", ".zst"}) {
    TraceWriterOptions fg;
    fg.background = false;
    write_trace(tmp(std::string("fg") + ext), recs, fg);
    write_trace(tmp(std::string("bg") + ext), recs);
    EXPECT_EQ(slurp(tmp(std::string("fg") + ext)), slurp(tmp(std::string("bg") + ext))) << ext;
  }
}

TEST(TraceWriter, DiskFullIsOneLineError) {
  for (bool background : {true, false}) {
    TraceWriterOptions o;
    o.background = background;
    o.buffer_bytes = 64 << 10;
    TranslationTraceWriter w("/dev/full", TraceFileInfo{}, o);
    try {
      for (int i = 0; i < 10'000; ++i) w.append(hand_built_trace()[0]);
      w.close();
      FAIL() << "no error";
    } catch (const InputError& e) {
      const std::string msg = e.what();
      EXPECT_EQ(msg, "trace file '/dev/full': write failed: No space left on device");
    }
  }
}

TEST(TraceWriter, UnwritablePathIsOneLineNamingTheFile) {
  const std::string path = "/nonexistent-dir/trace.bin";
  try {
    TranslationTraceWriter w(path, TraceFileInfo{});
    FAIL() << "no error";
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find(path), std::string::npos) << msg;
    EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;
  }
}

}  // namespace
}  // namespace memvp::trace
