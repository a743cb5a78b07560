// CSV output and the record filters, through the library and through memvp-trace's options.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>

#include "trace_csv.h"
#include "trace_fixture.h"

namespace memvp::trace {
namespace {

using testing::hand_built_trace;
using testing::slurp;
using testing::write_trace;

std::string tmp(const std::string& name) { return testing::temp_path("trace_csv_" + name); }

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1)
    out.push_back(text.substr(start, nl - start));
  return out;
}

std::vector<std::string> csv(const TraceFilter& f, const char* file = "t.bin") {
  write_trace(tmp(file), hand_built_trace());
  TraceReader reader(tmp(file));
  std::FILE* out = std::tmpfile();
  const std::uint64_t n = write_csv(reader, f, out);
  std::rewind(out);
  std::string text;
  for (int c; (c = std::fgetc(out)) != EOF;) text += static_cast<char>(c);
  std::fclose(out);
  auto lines = lines_of(text);
  EXPECT_EQ(lines.size(), n + 1);
  return lines;
}

std::vector<std::string> tool_csv(const std::string& options) {
  write_trace(tmp("tool.zst"), hand_built_trace());
  const std::string out = tmp("tool.csv");
  const std::string cmd = std::string(MEMVP_TRACE_EXE) + " " + tmp("tool.zst") + " csv " + options + " >" + out;
  const int raw = std::system(cmd.c_str());
  EXPECT_TRUE(WIFEXITED(raw) && WEXITSTATUS(raw) == 0) << cmd;
  return lines_of(slurp(out));
}

TEST(TraceCsv, HeaderAndExactLines) {
  const auto lines = csv(TraceFilter{});
  ASSERT_EQ(lines.size(), 21u);
  EXPECT_EQ(lines[0], kCsvHeader);
  EXPECT_EQ(lines[1], "100,0,U,1,fetch,0x1000,0x80001000,l1_hit,l1,,12,1,0,0,0,0x0,0x0,0x0,0x0,"
                      "0,0,0,0,0,0xdf,8");
  EXPECT_EQ(lines[10], "130,0,U,1,store,0x40006000,0x80006000,walk,walk,,12,60,51,2,4,0x80102030,"
                       "0x80101000,0x80100008,0x0,25,25,2,0,0,0xdf,8");
  EXPECT_EQ(lines[19], "240,1,U,2,load,0x55550000,0x0,fault,walk,13,0,50,41,3,0,0x80102a80,"
                       "0x80101550,0x80100008,0x0,16,16,16,0,0,0x00,8");
  // As many columns in every line as in the header.
  const auto commas = std::count(lines[0].begin(), lines[0].end(), ',');
  for (const std::string& l : lines) EXPECT_EQ(std::count(l.begin(), l.end(), ','), commas) << l;
}

TEST(TraceCsv, FiltersSelectRecords) {
  TraceFilter hart;
  hart.hart = 1;
  EXPECT_EQ(csv(hart).size(), 1u + 10);
  TraceFilter asid;
  asid.asid = 1;
  EXPECT_EQ(csv(asid).size(), 1u + 10);
  TraceFilter walks;
  walks.outcome = static_cast<std::uint8_t>(Outcome::Walk);
  EXPECT_EQ(csv(walks).size(), 1u + 4);
  TraceFilter faults;
  faults.outcome = static_cast<std::uint8_t>(Outcome::Fault);
  EXPECT_EQ(csv(faults).size(), 1u + 2);
  TraceFilter va;  // [0x2000, 0x9000): 0x2000, 0x3000, 0x7000..0x7020
  va.va_from = 0x2000;
  va.va_to = 0x9000;
  EXPECT_EQ(csv(va).size(), 1u + 7);
  TraceFilter window;  // cycles [110, 210): 110, 111, 120, 130, 200..204
  window.cycle_from = 110;
  window.cycle_to = 210;
  EXPECT_EQ(csv(window).size(), 1u + 9);
  TraceFilter both = window;
  both.hart = 0;
  both.outcome = static_cast<std::uint8_t>(Outcome::L2Hit);
  const auto l2 = csv(both);
  ASSERT_EQ(l2.size(), 3u);
  EXPECT_EQ(l2[1].substr(0, 4), "110,");
  EXPECT_EQ(l2[2].substr(0, 4), "111,");
}

TEST(TraceCsv, ToolOptionsMatchTheLibrary) {
  EXPECT_EQ(tool_csv("").size(), 21u);
  EXPECT_EQ(tool_csv("--hart 1").size(), 11u);
  EXPECT_EQ(tool_csv("--asid 2 --outcome walk").size(), 3u);
  EXPECT_EQ(tool_csv("--outcome fault").size(), 3u);
  EXPECT_EQ(tool_csv("--outcome l1").size(), 12u);
  EXPECT_EQ(tool_csv("--outcome l2").size(), 4u);
  EXPECT_EQ(tool_csv("--va-from 0x2000 --va-to 0x9000").size(), 8u);
  EXPECT_EQ(tool_csv("--from-cycle 110 --to-cycle 210").size(), 10u);
  EXPECT_EQ(tool_csv("--from-cycle 240").size(), 3u);
  EXPECT_EQ(tool_csv("--hart 5").size(), 1u);  // header only
}

}  // namespace
}  // namespace memvp::trace
