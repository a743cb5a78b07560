/* oom_leak (experiment 5 of docs/kernel.md "OOM killer"): two workers check sums over 2 MiB
 * buffers of their own every 2 ms while a leaker faults in 1 MiB more every tick (10 ms) and
 * prints its RSS. Memory runs out in the leaker's own page fault; the OOM killer must choose
 * the leaker (the most memory, same oom_score_adj), which dies at once; the workers then finish
 * with their data intact. Every figure printed is the same on every machine: the workers
 * allocate nothing after they report ready, so the leaker's ticks meet the same free memory. */
#include <string.h>

#include "utest.h"

#define NWORKERS 2
#define WORK_MEM (2UL << 20)
#define LEAK_STEP (1UL << 20)

static unsigned long sum_words(const unsigned long *p, unsigned long n)
{
  unsigned long s = 0;
  for (unsigned long i = 0; i < n; i++)
    s += p[i] * (i + 1);
  return s;
}

/* A worker: fill a buffer, report ready, then recheck its sum every 2 ms until *stop is set. */
static void worker_main(int id, int ready_fd, volatile int *stop)
{
  unsigned long *buf = (unsigned long *)map_anon(WORK_MEM);
  const unsigned long n = WORK_MEM / sizeof(unsigned long);
  for (unsigned long i = 0; i < n; i++)
    buf[i] = i ^ (unsigned long)id;
  const unsigned long want = sum_words(buf, n);
  char byte = 1;
  if (write(ready_fd, &byte, 1) != 1)
    _exit(3);
  const struct timespec pause = {0, 2 * 1000 * 1000};
  while (!*stop) {
    if (sum_words(buf, n) != want)
      _exit(5);
    nanosleep(&pause, NULL);
  }
  _exit(0);
}

/* The leaker: 1 MiB more per tick, never freed, RSS printed after each step. */
static void leaker_main(void)
{
  const struct timespec tick = {0, 10 * 1000 * 1000};
  for (int t = 1;; t++) {
    char *p = map_anon(LEAK_STEP);
    for (unsigned long off = 0; off < LEAK_STEP; off += PAGE_SIZE)
      p[off] = 1;
    const struct memvp_proc_stat s = proc_stat_self();
    printf("oom_leak: tick %d: leaker rss %lu KiB\n", t, (unsigned long)s.rss_pages * 4);
    nanosleep(&tick, NULL);
  }
}

int main(void)
{
  volatile int *stop = (volatile int *)mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  CHECK(stop != MAP_FAILED);
  *stop = 0;
  int ready[2];
  CHECK(pipe2(ready, 0) == 0);
  pid_t workers[NWORKERS];
  for (int i = 0; i < NWORKERS; i++) {
    workers[i] = fork();
    CHECK(workers[i] >= 0);
    if (workers[i] == 0)
      worker_main(i, ready[1], stop);
  }
  char byte;
  for (int i = 0; i < NWORKERS; i++)
    CHECK(read(ready[0], &byte, 1) == 1);
  printf("oom_leak: %d workers hold %lu KiB each\n", NWORKERS, WORK_MEM >> 10);

  const struct memvp_vmstat before = vmstat_now();
  pid_t leaker = fork();
  CHECK(leaker >= 0);
  if (leaker == 0)
    leaker_main();
  int status = -1;
  CHECK(waitpid(leaker, &status, 0) == leaker);
  CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  const struct memvp_vmstat after = vmstat_now();
  printf("oom_leak: leaker killed by signal %d; oom_kill %lu\n", WTERMSIG(status),
         (unsigned long)(after.oom_kill - before.oom_kill));
  CHECK_EQ("oom_kill", after.oom_kill - before.oom_kill, 1);

  *stop = 1;
  for (int i = 0; i < NWORKERS; i++) {
    CHECK(waitpid(workers[i], &status, 0) == workers[i]);
    CHECK(WIFEXITED(status));
    printf("oom_leak: worker %d exited with status %d (sums intact)\n", i, WEXITSTATUS(status));
    CHECK_EQ("worker status", WEXITSTATUS(status), 0);
  }
  printf("oom_leak: PASS\n");
  return 0;
}
