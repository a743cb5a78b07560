/* zone_reclaim: the zone_reclaim_mode experiment on two NUMA nodes. Running on node 0 (hart 0),
 * the program fills node 0's page cache by reading the 32 MiB /data/file32.bin, then writes 40 MiB
 * of anonymous memory, more than node 0 has left. With zone_reclaim_mode 0 (Linux's default) the
 * allocations that find node 0 at its watermark take node 1's free pages (numa_miss) and kswapd
 * reclaims node 0 behind them; with 1 each such allocation first reclaims node 0's clean page
 * cache (node reclaim), and the pages stay local. Its argument is the mode the kernel was booted
 * with; the counts are printed on a line the test leaves out of the comparison. */
#include <string.h>

#include "utest.h"

#define FILE_SIZE (32UL << 20)
#define ANON_SIZE (40UL << 20)
#define CHUNK (64UL << 10)

static unsigned char buf[CHUNK];

static void read_file(void)
{
  int fd = open("/data/file32.bin", O_RDONLY);
  if (fd < 0)
    FAIL("open /data/file32.bin");
  unsigned long total = 0;
  long n;
  while ((n = read(fd, buf, CHUNK)) > 0)
    total += (unsigned long)n;
  close(fd);
  CHECK_EQ("bytes read", total, FILE_SIZE);
}

int main(int argc, char **argv)
{
  const int mode = argc > 1 ? atoi(argv[1]) : 0;
  const struct memvp_vmstat boot = vmstat_now();
  printf("zone_reclaim: MemTotal %lu KiB, zone_reclaim_mode %d\n", (unsigned long)boot.nr_total_pages * 4, mode);
  read_file();
  const struct memvp_vmstat cached = vmstat_now();
  CHECK(cached.nr_file_pages * PAGE_SIZE >= FILE_SIZE); /* the whole file is cached */
  char *anon = map_anon(ANON_SIZE);
  for (unsigned long off = 0; off < ANON_SIZE; off += PAGE_SIZE)
    anon[off] = (char)(off >> 12);
  for (unsigned long off = 0; off < ANON_SIZE; off += PAGE_SIZE)
    if (anon[off] != (char)(off >> 12))
      FAIL("anonymous page at %lu", off);
  const struct memvp_vmstat v = vmstat_now();
  const unsigned long pages = ANON_SIZE / PAGE_SIZE;
  const unsigned long miss = (unsigned long)(v.numa_miss - cached.numa_miss);
  const unsigned long node_reclaim = (unsigned long)(v.node_reclaim - cached.node_reclaim);
  printf("zone_reclaim: %lu anonymous pages: numa_miss %lu, node_reclaim %lu (failed %lu), pgsteal_direct %lu, "
         "pgsteal_kswapd %lu, Cached %lu KiB\n",
         pages, miss, node_reclaim, (unsigned long)(v.zone_reclaim_failed - cached.zone_reclaim_failed),
         (unsigned long)(v.pgsteal_direct - cached.pgsteal_direct),
         (unsigned long)(v.pgsteal_kswapd - cached.pgsteal_kswapd), (unsigned long)v.nr_file_pages * 4);
  if (mode == 0) {
    CHECK(node_reclaim == 0);
    CHECK(miss >= pages / 16); /* node 1 served a share of them */
  } else {
    CHECK(node_reclaim > 0);
    CHECK(miss < pages / 64); /* node 0 kept serving them */
  }
  printf("zone_reclaim: PASS\n");
  return 0;
}
