// `memvp sweep`'s child processes: every job ends once, with its exit status (a signal as
// 128 + S), its stdout and stderr in its files, never more than `parallel` at a time.
#include "tools/memvp/sweep_runner.h"

#include <filesystem>
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include "read_file.h"

namespace memvp::sweep {
namespace {

namespace fs = std::filesystem;

TEST(SweepRunner, ReportsEachStatusAndKeepsOutputs) {
  const fs::path dir = fs::path(testing::TempDir()) / "sweep_runner";
  fs::create_directories(dir);
  std::vector<ChildJob> jobs;
  const char* scripts[] = {"echo out0; echo err0 >&2", "exit 3", "kill -9 $$", "echo out3"};
  for (std::size_t i = 0; i < 4; ++i) {
    const std::string id = std::to_string(i);
    jobs.push_back({{"/bin/sh", "-c", scripts[i]}, (dir / (id + ".out")).string(), (dir / (id + ".err")).string()});
  }
  jobs.push_back({{"/nonexistent/memvp"}, (dir / "4.out").string(), (dir / "4.err").string()});
  std::vector<int> status(jobs.size(), -1);
  int ends = 0;
  run_children(jobs, 2, [&](std::size_t i, int code) {
    EXPECT_EQ(status[i], -1) << "job " << i << " ended twice";
    status[i] = code;
    ++ends;
  });
  EXPECT_EQ(ends, 5);
  EXPECT_EQ(status, (std::vector<int>{0, 3, 128 + 9, 0, 127}));
  EXPECT_EQ(slurp(dir / "0.out"), "out0\n");
  EXPECT_EQ(slurp(dir / "0.err"), "err0\n");
  EXPECT_EQ(slurp(dir / "3.out"), "out3\n");
  EXPECT_NE(slurp(dir / "4.err").find("cannot start"), std::string::npos);
}

}  // namespace
}  // namespace memvp::sweep
