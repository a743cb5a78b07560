/* oom_choice (experiment 4 of docs/kernel.md "OOM killer"): three children hold different
 * amounts of anonymous memory with different oom_score_adj, the one at -1000 holding the most;
 * each then sleeps in a pipe read. init (pid 1, never chosen) allocates 1 MiB more than is free.
 * The kernel must kill the child with the highest oom_badness, reap it (a pipe read is not
 * interrupted by a kill) and let init's allocation through; the -1000 child survives. The
 * badness and oom_score the kernel reports for each child are checked against Linux's formula. */
#include <string.h>

#include "utest.h"

#define NCHILD 3

struct child {
  const char *name;
  unsigned long mib;
  int adj;
  pid_t pid;
};

static struct child children[NCHILD] = {
    {"A", 6, 0, 0},
    {"B", 3, 500, 0},
    {"C", 10, -1000, 0},
};

static void touch(char *p, unsigned long len)
{
  for (unsigned long off = 0; off < len; off += PAGE_SIZE)
    p[off] = 1;
}

/* A child: set oom_score_adj, fault in its memory, report ready, then sleep until go. */
static void child_main(const struct child *c, int ready_fd, int go_fd)
{
  if (memvp_oom_score_adj(0, c->adj) != 0)
    _exit(2);
  touch(map_anon(c->mib << 20), c->mib << 20);
  char byte = 1;
  if (write(ready_fd, &byte, 1) != 1)
    _exit(3);
  if (read(go_fd, &byte, 1) != 1)
    _exit(4);
  _exit(0);
}

/* Linux oom_badness and proc_oom_score, recomputed here from the figures the kernel reports. */
static long badness_formula(const struct memvp_proc_stat *s)
{
  if (s->oom_score_adj == -1000)
    return INT64_MIN;
  return (long)(s->rss_pages + s->page_table_pages) + (long)s->oom_score_adj * (long)(s->oom_totalpages / 1000);
}

static long score_formula(long badness, unsigned long totalpages)
{
  return badness == INT64_MIN ? 0 : (1000 + badness * 1000 / (long)totalpages) * 2 / 3;
}

/* Prints each child's figures and checks the kernel's scores; the index of the highest badness. */
static int check_scores(void)
{
  int worst = -1;
  long worst_points = INT64_MIN;
  for (int i = 0; i < NCHILD; i++) {
    struct memvp_proc_stat s;
    if (memvp_proc_stat(children[i].pid, &s) != 0)
      FAIL("proc_stat of child %s", children[i].name);
    const long want = badness_formula(&s);
    CHECK_EQ("oom_badness", s.oom_badness, want);
    CHECK_EQ("oom_score", s.oom_score, score_formula(want, s.oom_totalpages));
    if (want == INT64_MIN)
      printf("oom_choice: child %s pid %d rss %lu pgtables %lu oom_score_adj %d: badness never, oom_score 0\n",
             children[i].name, s.pid, (unsigned long)s.rss_pages, (unsigned long)s.page_table_pages,
             s.oom_score_adj);
    else
      printf("oom_choice: child %s pid %d rss %lu pgtables %lu oom_score_adj %d: badness %lu + %lu + %d * (%lu / 1000)"
             " = %ld, oom_score %ld\n",
             children[i].name, s.pid, (unsigned long)s.rss_pages, (unsigned long)s.page_table_pages,
             s.oom_score_adj, (unsigned long)s.rss_pages, (unsigned long)s.page_table_pages, s.oom_score_adj,
             (unsigned long)s.oom_totalpages, want, (long)s.oom_score);
    if (want != INT64_MIN && want >= worst_points)
      worst = i, worst_points = want;
  }
  return worst;
}

int main(void)
{
  int ready[2], go[2];
  CHECK(pipe2(ready, 0) == 0 && pipe2(go, 0) == 0);
  for (int i = 0; i < NCHILD; i++) {
    children[i].pid = fork();
    CHECK(children[i].pid >= 0);
    if (children[i].pid == 0)
      child_main(&children[i], ready[1], go[0]);
  }
  char byte;
  for (int i = 0; i < NCHILD; i++)
    CHECK(read(ready[0], &byte, 1) == 1);

  const int victim = check_scores();
  CHECK(victim >= 0);
  printf("oom_choice: the highest badness is child %s\n", children[victim].name);

  /* 1 MiB more than is free: the allocation needs the OOM killer. */
  const struct memvp_vmstat before = vmstat_now();
  const unsigned long len = (before.nr_free_pages << 12) + (1UL << 20);
  printf("oom_choice: init faults in free memory + 1 MiB\n");
  touch(map_anon(len), len);
  const struct memvp_vmstat after = vmstat_now();
  printf("oom_choice: init's allocation went through; oom_kill %lu\n",
         (unsigned long)(after.oom_kill - before.oom_kill));
  CHECK_EQ("oom_kill", after.oom_kill - before.oom_kill, 1);

  for (int i = 0; i < NCHILD; i++)
    CHECK(write(go[1], &byte, 1) == 1);
  for (int i = 0; i < NCHILD; i++) {
    int status = -1;
    CHECK(waitpid(children[i].pid, &status, 0) == children[i].pid);
    if (WIFSIGNALED(status))
      printf("oom_choice: child %s killed by signal %d\n", children[i].name, WTERMSIG(status));
    else
      printf("oom_choice: child %s exited with status %d\n", children[i].name, WEXITSTATUS(status));
    if (i == victim)
      CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    else
      CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  printf("oom_choice: PASS\n");
  return 0;
}
