/* oom_choice (experiment 4 of docs/kernel.md "OOM killer"): three children hold different
 * amounts of anonymous memory with different oom_score_adj, the one at -1000 holding the most.
 * A then sleeps in nanosleep until a shared flag is set, B and C in a pipe read. Twice, init
 * (pid 1, never chosen) faults in 1 MiB more than is free. The kernel must kill the child with
 * the highest oom_badness each time: B first, which it reaps (a pipe read is not interrupted
 * by a kill), then A, which exits by itself; each time init's allocation goes through; the
 * -1000 child survives. The badness and oom_score the kernel reports for each child are
 * checked against Linux's formula. */
#include <string.h>

#include "utest.h"

#define NCHILD 3

struct child {
  const char *name;
  unsigned long mib;
  int adj;
  int sleeps; /* waits in nanosleep (a kill wakes it) rather than in a pipe read */
  pid_t pid;
};

static struct child children[NCHILD] = {
    {"A", 6, 0, 1, 0},
    {"B", 3, 500, 0, 0},
    {"C", 10, -1000, 0, 0},
};
static volatile int *go_flag; /* shared: set when the sleeping children may exit */

static void touch(char *p, unsigned long len)
{
  for (unsigned long off = 0; off < len; off += PAGE_SIZE)
    p[off] = 1;
}

/* A child: set oom_score_adj, fault in its memory, report ready, then wait for go. */
static void child_main(const struct child *c, int ready_fd, int go_fd)
{
  if (memvp_oom_score_adj(0, c->adj) != 0)
    _exit(2);
  touch(map_anon(c->mib << 20), c->mib << 20);
  char byte = 1;
  if (write(ready_fd, &byte, 1) != 1)
    _exit(3);
  if (c->sleeps) {
    const struct timespec tick = {0, 10 * 1000 * 1000};
    while (!*go_flag)
      nanosleep(&tick, NULL);
  } else if (read(go_fd, &byte, 1) != 1) {
    _exit(4);
  }
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

/* Prints the figures of each child still alive and checks the kernel's scores; the index of
 * the highest badness. */
static int check_scores(const int *dead)
{
  int worst = -1;
  long worst_points = INT64_MIN;
  for (int i = 0; i < NCHILD; i++) {
    if (dead[i])
      continue;
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

/* init runs out: 1 MiB more than is free needs the OOM killer once. */
static void run_out(int round)
{
  const struct memvp_vmstat before = vmstat_now();
  const unsigned long len = (before.nr_free_pages << 12) + (1UL << 20);
  printf("oom_choice: round %d: init faults in free memory + 1 MiB\n", round);
  touch(map_anon(len), len);
  const struct memvp_vmstat after = vmstat_now();
  printf("oom_choice: round %d: init's allocation went through; oom_kill %lu\n", round,
         (unsigned long)(after.oom_kill - before.oom_kill));
  CHECK_EQ("oom_kill", after.oom_kill - before.oom_kill, 1);
}

int main(void)
{
  go_flag = (volatile int *)mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  CHECK(go_flag != MAP_FAILED);
  int ready[2], go[2];
  CHECK(pipe2(ready, 0) == 0 && pipe2(go, 0) == 0);
  for (int i = 0; i < NCHILD; i++) {
    children[i].pid = fork();
    CHECK(children[i].pid >= 0);
    if (children[i].pid == 0)
      child_main(&children[i], ready[1], go[0]);
  }
  char byte = 1;
  for (int i = 0; i < NCHILD; i++)
    CHECK(read(ready[0], &byte, 1) == 1);

  int dead[NCHILD] = {0}, expect_killed[NCHILD] = {0};
  for (int round = 1; round <= 2; round++) {
    const int victim = check_scores(dead);
    CHECK(victim >= 0);
    printf("oom_choice: round %d: the highest badness is child %s\n", round, children[victim].name);
    run_out(round);
    /* The victim's memory came back: its address space is gone or reaped. */
    struct memvp_proc_stat s;
    if (memvp_proc_stat(children[victim].pid, &s) == 0)
      CHECK_EQ("victim rss after the kill", s.rss_pages, 0);
    dead[victim] = expect_killed[victim] = 1;
  }

  *go_flag = 1;
  for (int i = 0; i < NCHILD; i++)
    CHECK(write(go[1], &byte, 1) == 1);
  for (int i = 0; i < NCHILD; i++) {
    int status = -1;
    CHECK(waitpid(children[i].pid, &status, 0) == children[i].pid);
    if (WIFSIGNALED(status))
      printf("oom_choice: child %s killed by signal %d\n", children[i].name, WTERMSIG(status));
    else
      printf("oom_choice: child %s exited with status %d\n", children[i].name, WEXITSTATUS(status));
    if (expect_killed[i])
      CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    else
      CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  printf("oom_choice: PASS\n");
  return 0;
}
