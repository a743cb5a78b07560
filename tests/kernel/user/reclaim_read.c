/* reclaim_read: a file larger than the page cache can hold ("read a file larger than
 * RAM's cache share"). With 32 MiB of RAM, /data/file32.bin (32 MiB on the root disk) is read
 * twice; every byte is checked against the pattern the host wrote and the two passes must give
 * the same checksum. The page cache cannot keep the file, so reclaim must have freed file pages
 * and kswapd must have run. Which pages kswapd rather than the reader freed depends on timing:
 * those counts are printed on a line the test leaves out of the comparison. */
#include <string.h>

#include "utest.h"

#define FILE_SIZE (32UL << 20)
#define CHUNK (64UL << 10)

static unsigned char buf[CHUNK];

/* Reads the whole file, checking the pattern; a checksum of its 8-byte words. */
static unsigned long read_all(void)
{
  int fd = open("/data/file32.bin", O_RDONLY);
  if (fd < 0)
    FAIL("open /data/file32.bin");
  unsigned long total = 0, sum = 0;
  long n;
  while ((n = read(fd, buf, CHUNK)) > 0) {
    for (long i = 0; i < n; ++i) {
      const unsigned long at = total + (unsigned long)i;
      if (buf[i] != (unsigned char)(at * 131 + (at >> 12)))
        FAIL("byte %lu", at);
    }
    const unsigned long *w = (const unsigned long *)buf;
    for (long i = 0; i < n / 8; ++i)
      sum = (sum ^ w[i]) * 0x100000001b3UL; /* FNV-1a over words */
    total += (unsigned long)n;
  }
  close(fd);
  CHECK_EQ("bytes read", total, FILE_SIZE);
  return sum;
}

int main(void)
{
  const struct memvp_vmstat before = vmstat_now();
  printf("reclaim_read: MemTotal %lu KiB, file 32768 KiB\n", (unsigned long)before.nr_total_pages * 4);
  CHECK(before.nr_free_pages * PAGE_SIZE < FILE_SIZE);
  const unsigned long first = read_all();
  const unsigned long second = read_all();
  printf("reclaim_read: checksums %016lx %016lx\n", first, second);
  CHECK_EQ("second pass checksum", second, first);
  const struct memvp_vmstat v = vmstat_now();
  printf("reclaim_read: kswapd runs %lu, pgscan_kswapd %lu, pgsteal_kswapd %lu, pgscan_direct %lu, "
         "pgsteal_direct %lu, allocstall %lu, pgrefill %lu, pgactivate %lu, pgdeactivate %lu, workingset_refault %lu\n",
         (unsigned long)v.pageoutrun, (unsigned long)v.pgscan_kswapd, (unsigned long)v.pgsteal_kswapd,
         (unsigned long)v.pgscan_direct, (unsigned long)v.pgsteal_direct, (unsigned long)v.allocstall,
         (unsigned long)v.pgrefill, (unsigned long)v.pgactivate, (unsigned long)v.pgdeactivate,
         (unsigned long)v.workingset_refault_file);
  printf("reclaim_read: Active(file) %lu KiB, Inactive(file) %lu KiB, Cached %lu KiB, MemAvailable %lu KiB\n",
         (unsigned long)v.nr_active_file * 4, (unsigned long)v.nr_inactive_file * 4,
         (unsigned long)v.nr_file_pages * 4, (unsigned long)v.nr_mem_available * 4);
  /* Reading 64 MiB through less than 32 MiB: most of it was freed again, some by kswapd. */
  CHECK(v.pgsteal_kswapd + v.pgsteal_direct >= (FILE_SIZE / PAGE_SIZE));
  CHECK(v.pageoutrun > 0);
  CHECK(v.pgscan_kswapd > 0);
  CHECK(v.workingset_refault_file > 0); /* the second pass reads pages the first one lost */
  CHECK(v.nr_file_pages * PAGE_SIZE < FILE_SIZE);
  CHECK(v.nr_active_file + v.nr_inactive_file <= v.nr_file_pages); /* less any reclaim holds isolated */
  CHECK(v.nr_mem_available > v.nr_free_pages);
  printf("reclaim_read: PASS\n");
  return 0;
}
