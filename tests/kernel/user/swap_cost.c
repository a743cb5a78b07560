/* swap_cost: what swap costs (docs/reclaim.md). A worker process writes a working set of 1.5
 * times MemTotal (one word a page), then reads back its first 2 MiB, among the first pages to go
 * to swap. The same work within RAM: the set in three thirds, each written, a third of the 2 MiB
 * read back and freed before the next. With swap the whole set completes at the price of major
 * faults (each a read from the swap disk, after writes to it); without swap it ends in the OOM
 * killer. The cycles of both workers are printed on a line left out of the comparison
 * (docs/reclaim.md quotes memvp's). */
#include "utest.h"

#define WORDS_PER_PAGE (PAGE_SIZE / 8)
#define READ_BACK_PAGES ((2UL << 20) / PAGE_SIZE)

static unsigned long rdcycle(void)
{
  unsigned long c;
  __asm__ volatile("rdcycle %0" : "=r"(c));
  return c;
}

#define CHUNK_PAGES 256UL /* mapped 1 MiB at a time, as an allocator would: heuristic overcommit
                           * (vm.overcommit_memory 0) refuses one mapping larger than RAM + swap */
#define MAX_CHUNKS 64

/* The word of page i of the chunks. */
static unsigned long *word(unsigned long **chunks, unsigned long i)
{
  return chunks[i / CHUNK_PAGES] + (i % CHUNK_PAGES) * WORDS_PER_PAGE;
}

/* Writes page index first + i into the first word of each of `pages` fresh pages, reads the
 * first `back` pages back in order, unmaps them: the pages whose word differs. */
static unsigned long sweep(unsigned long first, unsigned long pages, unsigned long back)
{
  unsigned long *chunks[MAX_CHUNKS];
  const unsigned long n = (pages + CHUNK_PAGES - 1) / CHUNK_PAGES;
  CHECK(n <= MAX_CHUNKS);
  for (unsigned long c = 0; c < n; c++)
    chunks[c] = (unsigned long *)map_anon(CHUNK_PAGES * PAGE_SIZE);
  for (unsigned long i = 0; i < pages; i++)
    *word(chunks, i) = first + i;
  unsigned long bad = 0;
  for (unsigned long i = 0; i < back; i++)
    bad += *word(chunks, i) != first + i;
  for (unsigned long c = 0; c < n; c++)
    munmap(chunks[c], CHUNK_PAGES * PAGE_SIZE);
  return bad;
}

struct outcome {
  int status;
  unsigned long cycles, majflt, pswpin, pswpout, oom_kill, swap_ra;
};

/* Runs the set of `pages` pages in `parts` parts, one after the other, in a child. */
static struct outcome run_worker(unsigned long pages, unsigned long parts)
{
  const struct memvp_vmstat a = vmstat_now();
  const unsigned long start = rdcycle();
  const pid_t pid = fork();
  if (pid < 0)
    FAIL("fork failed");
  if (pid == 0) {
    unsigned long bad = 0;
    for (unsigned long k = 0; k < parts; k++)
      bad += sweep(k * pages / parts, (k + 1) * pages / parts - k * pages / parts, READ_BACK_PAGES / parts);
    _exit(bad ? 1 : 0);
  }
  struct outcome o = {-1, 0, 0, 0, 0, 0, 0};
  CHECK_EQ("wait4 result", wait4(pid, &o.status, 0, NULL), pid);
  o.cycles = rdcycle() - start;
  const struct memvp_vmstat b = vmstat_now();
  o.majflt = b.pgmajfault - a.pgmajfault;
  o.pswpin = b.pswpin - a.pswpin;
  o.pswpout = b.pswpout - a.pswpout;
  o.oom_kill = b.oom_kill - a.oom_kill;
  o.swap_ra = b.swap_ra - a.swap_ra;
  return o;
}

int main(void)
{
  const struct memvp_vmstat v = vmstat_now();
  const unsigned long pages = v.nr_total_pages * 3 / 2;
  const int swap = v.nr_swap_total > 0;
  printf("swap_cost: MemTotal %lu kB, SwapTotal %lu kB, set %lu kB\n", (unsigned long)v.nr_total_pages * 4,
         (unsigned long)v.nr_swap_total * 4, pages * 4);
  const struct outcome fit = run_worker(pages, 3);
  CHECK(WIFEXITED(fit.status) && WEXITSTATUS(fit.status) == 0);
  printf("swap_cost: in thirds: completed, %lu major faults, %lu pages swapped out\n", fit.majflt, fit.pswpout);
  CHECK_EQ("major faults in thirds", fit.majflt, 0);
  CHECK_EQ("pswpout in thirds", fit.pswpout, 0);
  const struct outcome whole = run_worker(pages, 1);
  printf("swap_cost: cycles: in thirds %lu, whole %lu; whole: %lu major faults, pswpin %lu, pswpout %lu, swap_ra %lu\n",
         fit.cycles, whole.cycles, whole.majflt, whole.pswpin, whole.pswpout, whole.swap_ra);
  if (swap) {
    CHECK(WIFEXITED(whole.status) && WEXITSTATUS(whole.status) == 0);
    /* The set less MemTotal at least went out; pages written first are among the first to go,
     * and each one read back from the disk is a major fault's page or read ahead of one. */
    const unsigned long out = pages - v.nr_total_pages;
    const int read_back = whole.pswpout >= out && whole.pswpin > 0 && whole.majflt + whole.swap_ra >= whole.pswpin;
    printf("swap_cost: whole set: completed, at least %lu pages swapped out, pages read back in major faults or readahead: %s\n",
           out, read_back ? "yes" : "no");
    CHECK(read_back);
    CHECK_EQ("oom_kill", whole.oom_kill, 0);
  } else {
    printf("swap_cost: whole set: killed by signal %d, oom_kill %lu\n", WIFSIGNALED(whole.status) ? WTERMSIG(whole.status) : 0,
           whole.oom_kill);
    CHECK(WIFSIGNALED(whole.status) && WTERMSIG(whole.status) == SIGKILL);
    CHECK_EQ("oom_kill", whole.oom_kill, 1);
  }
  printf("swap_cost: PASS\n");
  return 0;
}
