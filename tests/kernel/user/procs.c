/* procs: process life cycle. Twenty children exit with their own statuses and are all reaped;
 * an orphan is re-parented to init (this program, pid 1) and reaped by it; and a round of
 * children that each fault in 1 MiB gives every page back: after a warm-up round, the free
 * page count and the process count return exactly to where they were. */
#include <errno.h>
#include <string.h>

#include "utest.h"

#define NCHILDREN 20
#define CHILD_MEM (1UL << 20)

static struct memvp_vmstat v1, v2;

static void reap_statuses(void)
{
  int seen[NCHILDREN] = {0};
  for (int i = 0; i < NCHILDREN; i++) {
    int status = -1;
    if (wait(&status) < 0)
      FAIL("wait failed with errno %d", errno);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) >= 100 && WEXITSTATUS(status) < 100 + NCHILDREN);
    seen[WEXITSTATUS(status) - 100]++;
  }
  for (int i = 0; i < NCHILDREN; i++)
    CHECK_EQ("statuses seen", seen[i], 1);
  errno = 0;
  CHECK(wait(NULL) == -1 && errno == ECHILD);
}

static void many_children(void)
{
  for (int i = 0; i < NCHILDREN; i++) {
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0)
      _exit(100 + i);
  }
  reap_statuses();
  printf("procs: %d children exited, each status reaped once\n", NCHILDREN);
}

static void orphan(void)
{
  pid_t child = fork();
  CHECK(child >= 0);
  if (child == 0) {
    pid_t grandchild = fork();
    if (grandchild < 0)
      _exit(2);
    if (grandchild == 0) {
      /* Outlive the parent, then report who the parent is now. */
      while (getppid() != 1)
        sched_yield();
      _exit(33);
    }
    _exit(0);
  }
  int status = -1;
  CHECK_EQ("wait4 of the child", wait4(child, &status, 0, NULL), child);
  CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  pid_t got = wait(&status);
  CHECK(got > 0 && got != child);
  CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 33);
  printf("procs: an orphan was re-parented to init and reaped by it\n");
}

/* Children that each fault in CHILD_MEM of anonymous memory and exit without unmapping it. */
static void memory_round(void)
{
  for (int i = 0; i < 4; i++) {
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
      char *p = map_anon(CHILD_MEM);
      for (unsigned long off = 0; off < CHILD_MEM; off += PAGE_SIZE)
        p[off] = 1;
      _exit(0);
    }
  }
  for (int i = 0; i < 4; i++) {
    int status = -1;
    CHECK(wait(&status) > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
}

int main(void)
{
  memset(&v1, 0, sizeof v1), memset(&v2, 0, sizeof v2);
  many_children();
  orphan();

  memory_round(); /* warm-up: kernel caches reach their working size */
  v1 = vmstat_now();
  memory_round();
  v2 = vmstat_now();
  printf("procs: after children used %lu KiB each: free pages %s, processes %s\n", CHILD_MEM >> 10,
         v1.nr_free_pages == v2.nr_free_pages ? "unchanged" : "changed",
         v1.nr_processes == v2.nr_processes ? "unchanged" : "changed");
  CHECK_EQ("free pages after the round", v2.nr_free_pages, v1.nr_free_pages);
  CHECK_EQ("processes after the round", v2.nr_processes, v1.nr_processes);
  printf("procs: PASS\n");
  return 0;
}
