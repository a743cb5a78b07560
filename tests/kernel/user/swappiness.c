/* swappiness: the swappiness experiment (docs/reclaim.md). With 16 MiB of RAM and a 16 MiB swap
 * disk, for vm.swappiness 0, 60, 100 and 200 (set with memvp_sysctl): an anonymous working set
 * of 6 MiB is written, then /data/file32.bin (32 MiB, more than RAM) is read through while every
 * page of the working set is read back after each 16 MiB of the file. Reclaim must free the
 * file's pages and may swap the working set out; get_scan_count weighs anon : file scanning as
 * swappiness : 200 - swappiness. Asserted: the ratio pswpout / pgsteal_file rises with
 * swappiness; at 0 no page is swapped out while file pages remain; no word of the working set
 * is lost. The counts depend on timing and are printed on lines left out of the comparison. */
#include <string.h>

#include "utest.h"

#define ANON_SIZE (6UL << 20)
#define CHUNK (64UL << 10)
#define TOUCH_EVERY (16UL << 20)
#define NR_RUNS 4

static unsigned char buf[CHUNK];
static const long swappiness[NR_RUNS] = {0, 60, 100, 200};

struct run {
  unsigned long pswpout, pswpin, steal_file, steal_anon, scan_anon, cached, bad;
};

/* Reads every page's first word of the working set: the pages whose word is not their index. */
static unsigned long touch(const unsigned long *w)
{
  unsigned long bad = 0;
  for (unsigned long pg = 0; pg < ANON_SIZE / PAGE_SIZE; pg++)
    bad += w[pg * (PAGE_SIZE / 8)] != pg;
  return bad;
}

static struct run mixed_workload(long s)
{
  CHECK(memvp_sysctl("vm.swappiness", s) == s);
  CHECK(memvp_drop_caches(3) == 0);
  unsigned long *w = (unsigned long *)map_anon(ANON_SIZE);
  for (unsigned long pg = 0; pg < ANON_SIZE / PAGE_SIZE; pg++)
    w[pg * (PAGE_SIZE / 8)] = pg;
  const struct memvp_vmstat a = vmstat_now();
  int fd = open("/data/file32.bin", O_RDONLY);
  if (fd < 0)
    FAIL("open /data/file32.bin");
  struct run r = {0};
  long n;
  unsigned long off = 0;
  while ((n = read(fd, buf, CHUNK)) > 0) {
    off += (unsigned long)n;
    if (off % TOUCH_EVERY == 0)
      r.bad += touch(w);
  }
  close(fd);
  const struct memvp_vmstat b = vmstat_now();
  munmap(w, ANON_SIZE);
  r.pswpout = b.pswpout - a.pswpout;
  r.pswpin = b.pswpin - a.pswpin;
  r.steal_file = b.pgsteal_file - a.pgsteal_file;
  r.steal_anon = b.pgsteal_anon - a.pgsteal_anon;
  r.scan_anon = b.pgscan_anon - a.pgscan_anon;
  r.cached = b.nr_file_pages;
  printf("swappiness: vm.swappiness %ld: %lu bad words\n", s, r.bad);
  printf("swappiness: counts %ld: pswpout %lu, pswpin %lu, pgsteal_file %lu, pgsteal_anon %lu, pgscan_anon %lu, Cached %lu kB\n", s,
         r.pswpout, r.pswpin, r.steal_file, r.steal_anon, r.scan_anon, r.cached * 4);
  CHECK_EQ("bad words", r.bad, 0);
  CHECK(b.oom_kill == a.oom_kill);
  return r;
}

/* pswpout / pgsteal_file of x below that of y, compared without division. */
static int ratio_below(const struct run *x, const struct run *y)
{
  return x->pswpout * y->steal_file < y->pswpout * x->steal_file;
}

int main(void)
{
  CHECK(vmstat_now().nr_swap_total > 0);
  const long dflt = memvp_sysctl("vm.swappiness", -1);
  CHECK_EQ("default vm.swappiness", dflt, 60);
  struct run r[NR_RUNS];
  for (int i = 0; i < NR_RUNS; i++)
    r[i] = mixed_workload(swappiness[i]);
  memvp_sysctl("vm.swappiness", dflt);
  printf("swappiness: at 0 nothing swapped out, file pages reclaimed: %s\n",
         r[0].pswpout == 0 && r[0].steal_file > 0 && r[0].cached > 0 ? "yes" : "no");
  CHECK_EQ("pswpout at swappiness 0", r[0].pswpout, 0);
  CHECK(r[0].steal_file > 0 && r[0].cached > 0);
  for (int i = 1; i < NR_RUNS; i++) {
    printf("swappiness: pswpout / pgsteal_file higher at %ld than at %ld: %s\n", swappiness[i], swappiness[i - 1],
           ratio_below(&r[i - 1], &r[i]) ? "yes" : "no");
    CHECK(ratio_below(&r[i - 1], &r[i]));
  }
  printf("swappiness: PASS\n");
  return 0;
}
