/* swap_fill: no data is lost to swap (docs/reclaim.md). With 16 MiB of RAM (12 MiB managed)
 * and a 64 MiB swap disk, the parent fills 10 MiB (A) and 6 MiB (B) whose every 8-byte word is a
 * checksum of its address and the writer's pid, then forks: the child shares both copy-on-write,
 * fills 8 MiB of its own (C), so that 24 MiB, twice RAM, are live, and touches everything in a
 * pattern (forward, then backward every third page) verifying every word; it rewrites the
 * first half of A (copies of pages that may be on swap) and verifies all again. The parent waits
 * for it, then verifies A and B as it wrote them. Reclaim must swap anonymous pages out,
 * COW-shared ones through both mappings, and faults bring them back. At the end all is unmapped
 * and every slot is free again. The counts depend on timing and are printed on a line left out
 * of the comparison. */
#include "utest.h"

#define A_SIZE (10UL << 20)
#define B_SIZE (6UL << 20)
#define C_SIZE (8UL << 20)
#define WORDS_PER_PAGE (PAGE_SIZE / 8)

static unsigned long checksum(unsigned long addr, unsigned long pid)
{
  unsigned long x = addr * 0x9e3779b97f4a7c15UL ^ (pid << 32 | pid);
  x ^= x >> 29;
  x *= 0xbf58476d1ce4e5b9UL;
  return x ^ (x >> 32);
}

static void fill(unsigned long *p, unsigned long len, unsigned long pid)
{
  for (unsigned long i = 0; i < len / 8; i++)
    p[i] = checksum((unsigned long)&p[i], pid);
}

/* Every word of page pg of p, which pid wrote; the count of bad words. */
static unsigned long check_page(const unsigned long *p, unsigned long pg, unsigned long pid)
{
  unsigned long bad = 0;
  const unsigned long *w = p + pg * WORDS_PER_PAGE;
  for (unsigned long i = 0; i < WORDS_PER_PAGE; i++)
    bad += w[i] != checksum((unsigned long)&w[i], pid);
  return bad;
}

/* Forward over every page, then backward over every third: the bad words. */
static unsigned long check_pattern(const unsigned long *p, unsigned long len, unsigned long pid)
{
  const unsigned long pages = len / PAGE_SIZE;
  unsigned long bad = 0;
  for (unsigned long pg = 0; pg < pages; pg++)
    bad += check_page(p, pg, pid);
  for (unsigned long pg = pages; pg-- > 0;)
    if (pg % 3 == 0)
      bad += check_page(p, pg, pid);
  return bad;
}

static int child_work(unsigned long *a, unsigned long *b, unsigned long ppid)
{
  const unsigned long pid = (unsigned long)getpid();
  unsigned long *c = (unsigned long *)map_anon(C_SIZE);
  fill(c, C_SIZE, pid);
  unsigned long bad = check_pattern(a, A_SIZE, ppid) + check_pattern(b, B_SIZE, ppid) + check_pattern(c, C_SIZE, pid);
  fill(a, A_SIZE / 2, pid); /* copies on write, of pages that may be on swap */
  bad += check_pattern(a, A_SIZE / 2, pid);
  bad += check_pattern((unsigned long *)((char *)a + A_SIZE / 2), A_SIZE / 2, ppid);
  bad += check_pattern(c, C_SIZE, pid);
  printf("swap_fill: child: %lu bad words\n", bad);
  return bad ? 1 : 0;
}

int main(void)
{
  const struct memvp_vmstat start = vmstat_now();
  CHECK(start.nr_swap_total > 0);
  printf("swap_fill: RAM %lu MiB, swap %lu MiB\n", (unsigned long)start.nr_total_pages >> 8,
         (unsigned long)(start.nr_swap_total + 1) >> 8);
  const unsigned long pid = (unsigned long)getpid();
  unsigned long *a = (unsigned long *)map_anon(A_SIZE);
  unsigned long *b = (unsigned long *)map_anon(B_SIZE);
  fill(a, A_SIZE, pid);
  fill(b, B_SIZE, pid);
  const pid_t child = fork();
  if (child < 0)
    FAIL("fork failed");
  if (child == 0)
    _exit(child_work(a, b, pid));
  int status = -1;
  CHECK_EQ("wait4 result", wait4(child, &status, 0, NULL), child);
  CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  const unsigned long bad = check_pattern(a, A_SIZE, pid) + check_pattern(b, B_SIZE, pid);
  printf("swap_fill: parent: %lu bad words\n", bad);
  CHECK_EQ("bad words", bad, 0);

  const struct memvp_vmstat v = vmstat_now();
  printf("swap_fill: counts: pswpout %lu, pswpin %lu, pgmajfault %lu, swap_ra %lu, swap_ra_hit %lu, SwapCached %lu kB\n",
         (unsigned long)(v.pswpout - start.pswpout), (unsigned long)(v.pswpin - start.pswpin),
         (unsigned long)(v.pgmajfault - start.pgmajfault), (unsigned long)(v.swap_ra - start.swap_ra),
         (unsigned long)(v.swap_ra_hit - start.swap_ra_hit), (unsigned long)v.nr_swapcached * 4);
  CHECK(v.pswpout - start.pswpout >= (12UL << 20) / PAGE_SIZE); /* at least 24 MiB less RAM went out */
  CHECK(v.pswpin > start.pswpin);
  /* Each page read is a major fault's or read ahead of one. */
  CHECK(v.pgmajfault - start.pgmajfault + v.swap_ra - start.swap_ra >= v.pswpin - start.pswpin);
  CHECK(v.swap_ra_hit - start.swap_ra_hit <= v.swap_ra - start.swap_ra);
  printf("swap_fill: pages went to swap and came back: yes\n");
  CHECK_EQ("munmap", munmap(a, A_SIZE) | munmap(b, B_SIZE), 0);
  const struct memvp_vmstat end = vmstat_now();
  printf("swap_fill: SwapFree %lu kB of %lu kB, SwapCached %lu kB\n", (unsigned long)end.nr_swap_free * 4,
         (unsigned long)end.nr_swap_total * 4, (unsigned long)end.nr_swapcached * 4);
  CHECK_EQ("SwapFree", end.nr_swap_free, end.nr_swap_total);
  CHECK_EQ("SwapCached", end.nr_swapcached, 0);
  printf("swap_fill: PASS\n");
  return 0;
}
