// `memvp sweep --export-jobs`: shell quoting, and job files that bash accepts (`bash -n`), whose
// Slurm array has one task per point, each task running its point's command with the outputs and
// .inputs file a local sweep writes; commands.txt runs every point in turn.
#include "tools/memvp/sweep_export.h"

#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>

#include "read_file.h"

namespace memvp::sweep {
namespace {

namespace fs = std::filesystem;

int shell(const std::string& command) {
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(SweepExport, QuotesOnlyWhatTheShellWouldSplit) {
  EXPECT_EQ(shell_quote("mmu.l2_tlb[0].entries=512"), "'mmu.l2_tlb[0].entries=512'");
  EXPECT_EQ(shell_quote("/build/memvp"), "/build/memvp");
  EXPECT_EQ(shell_quote("cache.enabled=true"), "cache.enabled=true");
  EXPECT_EQ(shell_quote("a b"), "'a b'");
  EXPECT_EQ(shell_quote("it's"), "'it'\\''s'");
  EXPECT_EQ(shell_quote(""), "''");
}

class SweepJobFiles : public testing::Test {
 protected:
  void SetUp() override {
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "points");
    // Stand-ins for `memvp run`: print an argument, exit with a status.
    const std::vector<std::vector<std::string>> runs{{"/bin/sh", "-c", "echo \"$0\"; exit 0", "it's a point"},
                                                     {"/bin/sh", "-c", "echo bad >&2; exit 3"},
                                                     {"/bin/echo", "mmu.l2_tlb[0].entries=2048"}};
    std::vector<std::string> lines;
    for (std::size_t i = 0; i < runs.size(); ++i) {
      lines.push_back(point_command_line(runs[i], dir_ / "points", std::to_string(i), "hash" + std::to_string(i)));
    }
    write_job_files(dir_, lines, {"/build/memvp", "sweep", "--collect", dir_.string()});
  }
  // One per test (ctest runs them in parallel), with a space to quote.
  const fs::path dir_ = fs::path(testing::TempDir()) /
                        ("sweep export " + std::string(testing::UnitTest::GetInstance()->current_test_info()->name()));
};

TEST_F(SweepJobFiles, BashAcceptsThemAndTheArrayHasATaskPerPoint) {
  for (const char* file : {"sweep.slurm", "submit.sh", "commands.txt"}) {
    EXPECT_EQ(shell("bash -n '" + (dir_ / file).string() + "'"), 0) << file;
  }
  const std::string slurm = slurp(dir_ / "sweep.slurm");
  EXPECT_NE(slurm.find("\n#SBATCH --array=0-2\n"), std::string::npos) << slurm;
  EXPECT_NE(slurm.find("\n  2) /bin/echo 'mmu.l2_tlb[0].entries=2048' >"), std::string::npos) << slurm;
  const std::string submit = slurp(dir_ / "submit.sh");
  EXPECT_NE(submit.find("--dependency=afterany:"), std::string::npos);
  EXPECT_NE(submit.find("/build/memvp sweep --collect"), std::string::npos) << submit;
}

TEST_F(SweepJobFiles, ATaskRunsItsPointAndRecordsItsEnd) {
  const std::string run = "cd / && SLURM_ARRAY_TASK_ID=";
  EXPECT_EQ(shell(run + "0 bash '" + (dir_ / "sweep.slurm").string() + "'"), 0);
  EXPECT_EQ(slurp(dir_ / "points" / "0.console"), "it's a point\n");
  EXPECT_EQ(slurp(dir_ / "points" / "0.inputs"), "hash0\n0\n");
  EXPECT_EQ(shell(run + "1 bash '" + (dir_ / "sweep.slurm").string() + "'"), 3);
  EXPECT_EQ(slurp(dir_ / "points" / "1.inputs"), "hash1\n3\n");
  EXPECT_EQ(slurp(dir_ / "points" / "1.stderr"), "bad\n");
  EXPECT_EQ(shell(run + "3 bash '" + (dir_ / "sweep.slurm").string() + "' 2>/dev/null"), 2);
}

TEST_F(SweepJobFiles, CommandsRunEveryPointInTurn) {
  EXPECT_EQ(shell("bash '" + (dir_ / "commands.txt").string() + "'"), 0);  // the last point's status
  EXPECT_EQ(slurp(dir_ / "points" / "1.inputs"), "hash1\n3\n");
  EXPECT_EQ(slurp(dir_ / "points" / "2.console"), "mmu.l2_tlb[0].entries=2048\n");
}

}  // namespace
}  // namespace memvp::sweep
