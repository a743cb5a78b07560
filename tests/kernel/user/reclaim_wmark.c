/* reclaim_wmark: the watermark experiment (docs/reclaim.md), first form. The page cache is filled by
 * reading /data/file32.bin, then the program allocates 16 MiB of anonymous memory steadily, in
 * bursts of 128 pages with a 10 ms pause after each, so reclaim must take page-cache pages back.
 * With the default min_free_kbytes the gap from high down to min (a quarter of min plus a
 * half) is smaller than a burst: kswapd, woken at low, cannot run before the burst ends, and
 * the allocations below min reclaim directly. With four times the headroom kswapd refills the
 * gap in every pause and the bursts never reach min. The counts depend on timing and are
 * printed on lines left out of the comparison; their direction is checked. */
#include <string.h>

#include "utest.h"

#define ANON_SIZE (16UL << 20)
#define BURST 128
#define CHUNK (64UL << 10)

static unsigned char buf[CHUNK];

struct run {
  unsigned long kswapd_runs, pgscan_kswapd, pgscan_direct, allocstall, stall_cycles;
};

static void fill_page_cache(void)
{
  int fd = open("/data/file32.bin", O_RDONLY);
  if (fd < 0)
    FAIL("open /data/file32.bin");
  while (read(fd, buf, CHUNK) > 0) {
  }
  close(fd);
}

static struct run allocate_steadily(long min_free_kbytes)
{
  CHECK(memvp_min_free_kbytes(min_free_kbytes) == min_free_kbytes);
  CHECK(memvp_drop_caches(3) == 0);
  fill_page_cache();
  const struct memvp_vmstat a = vmstat_now();
  char *p = map_anon(ANON_SIZE);
  const struct timespec pause = {0, 10000000};
  for (unsigned long off = 0; off < ANON_SIZE; off += PAGE_SIZE) {
    p[off] = 1;
    if ((off / PAGE_SIZE) % BURST == BURST - 1)
      nanosleep(&pause, NULL);
  }
  const struct memvp_vmstat b = vmstat_now();
  munmap(p, ANON_SIZE);
  struct run r = {b.pageoutrun - a.pageoutrun, b.pgscan_kswapd - a.pgscan_kswapd, b.pgscan_direct - a.pgscan_direct,
                  b.allocstall - a.allocstall, b.allocstall_cycles - a.allocstall_cycles};
  printf("reclaim_wmark: min_free_kbytes %ld\n", min_free_kbytes);
  printf("reclaim_wmark: kswapd runs %lu, pgscan_kswapd %lu, pgscan_direct %lu, allocstall %lu, stalled cycles %lu\n",
         r.kswapd_runs, r.pgscan_kswapd, r.pgscan_direct, r.allocstall, r.stall_cycles);
  return r;
}

int main(void)
{
  const long dflt = memvp_min_free_kbytes(0);
  CHECK(dflt > 0);
  const struct run tight = allocate_steadily(dflt);
  const struct run roomy = allocate_steadily(4 * dflt);
  memvp_min_free_kbytes(dflt);
  CHECK(tight.kswapd_runs > 0 && roomy.kswapd_runs > 0);
  CHECK(roomy.pgscan_kswapd > 0);
  printf("reclaim_wmark: more headroom, fewer direct reclaims: %s\n",
         roomy.allocstall < tight.allocstall ? "yes" : "no");
  printf("reclaim_wmark: more headroom, fewer pages scanned directly: %s\n",
         roomy.pgscan_direct < tight.pgscan_direct ? "yes" : "no");
  CHECK(roomy.allocstall < tight.allocstall);
  CHECK(roomy.pgscan_direct < tight.pgscan_direct);
  printf("reclaim_wmark: PASS\n");
  return 0;
}
