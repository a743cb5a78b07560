// Damaged trace files: each problem is one InputError line naming the file, and memvp-trace
// prints exactly that one line on stderr and exits with status 2.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdlib>
#include <cstring>

#include "common/error.h"
#include "trace_fixture.h"
#include "trace_reader.h"

namespace memvp::trace {
namespace {

using testing::hand_built_trace;
using testing::slurp;
using testing::spit;
using testing::write_trace;

std::string tmp(const std::string& name) { return testing::temp_path("trace_bad_" + name); }

// The reader's complaint about the file, or "" if it reads cleanly to the end.
std::string complaint(const std::string& path) {
  try {
    TraceReader r(path);
    r.for_each([](const TranslationRecord&) {});
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

struct ToolRun {
  int status = -1;
  std::string out, err;
};

ToolRun run_tool(const std::string& args) {
  const std::string out = tmp("tool.out"), err = tmp("tool.err");
  const std::string cmd = std::string(MEMVP_TRACE_EXE) + " " + args + " >" + out + " 2>" + err;
  const int raw = std::system(cmd.c_str());
  ToolRun r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

// One damaged file: the reader names the file and the problem in one line, and so does the tool.
void expect_one_line(const std::string& path, const std::string& problem) {
  const std::string msg = complaint(path);
  EXPECT_NE(msg.find(problem), std::string::npos) << msg;
  EXPECT_NE(msg.find("'" + path + "'"), std::string::npos) << msg;
  EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;
  for (const char* cmd : {"summary", "csv", "histogram"}) {
    const ToolRun t = run_tool(path + " " + cmd);
    EXPECT_EQ(t.status, 2) << cmd;
    EXPECT_EQ(t.err, "memvp-trace: " + msg + "\n") << cmd;
  }
}

std::string good_bytes() {
  write_trace(tmp("good.bin"), hand_built_trace());
  return slurp(tmp("good.bin"));
}

TEST(TraceHeader, GoodFileReadsCleanly) {
  write_trace(tmp("good.bin"), hand_built_trace());
  EXPECT_EQ(complaint(tmp("good.bin")), "");
  EXPECT_EQ(run_tool(tmp("good.bin") + " summary").status, 0);
}

TEST(TraceHeader, MissingFile) { expect_one_line(tmp("no-such-file"), "cannot open"); }

TEST(TraceHeader, EmptyFile) {
  spit(tmp("empty"), "");
  expect_one_line(tmp("empty"), "empty file");
}

TEST(TraceHeader, TruncatedHeader) {
  spit(tmp("trunc-fixed"), good_bytes().substr(0, 20));
  expect_one_line(tmp("trunc-fixed"), "truncated header (20 of 48 bytes)");
  spit(tmp("trunc-layout"), good_bytes().substr(0, 100));
  expect_one_line(tmp("trunc-layout"), "truncated header (100 of " + std::to_string(kHeaderSize));
}

TEST(TraceHeader, WrongMagic) {
  std::string b = good_bytes();
  b[0] = 'X';
  spit(tmp("magic"), b);
  expect_one_line(tmp("magic"), "not a memvp translation trace (bad magic)");
  spit(tmp("text"), "hello, world\n");
  expect_one_line(tmp("text"), "bad magic");
}

TEST(TraceHeader, WrongVersion) {
  std::string b = good_bytes();
  const std::uint32_t v = 7;
  std::memcpy(b.data() + offsetof(FileHeader, version), &v, 4);
  spit(tmp("version"), b);
  expect_one_line(tmp("version"), "unsupported trace format version 7 (this reader reads versions 1 to 2)");
}

TEST(TraceHeader, RecordSizeMismatch) {
  std::string b = good_bytes();
  const std::uint32_t size = 96;
  std::memcpy(b.data() + offsetof(FileHeader, record_size), &size, 4);
  spit(tmp("recsize"), b);
  expect_one_line(tmp("recsize"), "record size 96 does not match version 2's 88 bytes");
}

TEST(TraceHeader, LayoutTextMismatch) {
  std::string b = good_bytes();
  b[sizeof(FileHeader) + 2] = 'X';  // "0 u64 cycle" -> "0 X64 cycle"
  spit(tmp("layout"), b);
  expect_one_line(tmp("layout"), "record layout in the header differs from version 2's");
}

TEST(TraceHeader, TruncatedTrailingRecord) {
  std::string b = good_bytes();
  b.resize(b.size() - 5);
  spit(tmp("tail.bin"), b);
  expect_one_line(tmp("tail.bin"), "truncated record at the end (83 bytes after 19 whole records)");
}

TEST(TraceHeader, TruncatedZstdStream) {
  write_trace(tmp("good.zst"), hand_built_trace());
  const std::string z = slurp(tmp("good.zst"));
  spit(tmp("cut.zst"), z.substr(0, z.size() - 6));
  expect_one_line(tmp("cut.zst"), "truncated zstd stream");
}

TEST(TraceCommand, BadOptionsExitTwoWithOneLine) {
  write_trace(tmp("good.bin"), hand_built_trace());
  for (const std::string args : {"", "--outcome nope", "--bins 0", "summary extra",
                                 "--no-such-option"}) {
    const ToolRun t = run_tool(tmp("good.bin") + " " + args + (args.empty() ? " bogus" : ""));
    EXPECT_EQ(t.status, 2) << args;
    EXPECT_EQ(std::count(t.err.begin(), t.err.end(), '\n'), 1) << args << ": " << t.err;
  }
  EXPECT_EQ(run_tool("").status, 2);
  EXPECT_EQ(run_tool("--help").status, 0);
}

}  // namespace
}  // namespace memvp::trace
