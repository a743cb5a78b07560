/* mmap_throttle: stores through a shared file mapping are throttled at dirty_ratio as write()s
 * are (sw/kernel/fs/flusher.cpp balance_dirty_pages_after_fault, Linux fault_dirty_shared_page).
 * Run with small limits on the command line (sysctl.vm.dirty_background_ratio=1,
 * dirty_ratio=2), it fills an 8 MiB mapping, several times what dirty_ratio allows, page by
 * page, sampling Dirty + Writeback after each page; msync(MS_SYNC) then writes the rest. The
 * host checks /mm_throttle.bin on the image (debugfs cat): page i all 'a' + i % 26. */
#include <errno.h>
#include <string.h>

#include "utest.h"

#define MAP_SIZE (8UL << 20)
/* Allowed over the limit at a sample: the writer balances after each page it dirtied, and the
 * limit (a share of free memory plus the page cache) moves a little as the fault's page-table
 * pages and the sample itself take free memory. */
#define MARGIN_PAGES 8

static char page_byte(unsigned long page) { return (char)('a' + page % 26); }

static unsigned long dirty_pages(const struct memvp_vmstat *v)
{
  return (unsigned long)(v->nr_dirty + v->nr_writeback);
}

static char buf[PAGE_SIZE];

int main(void)
{
  const struct memvp_vmstat v = vmstat_now();
  CHECK(v.nr_dirty_background_threshold < v.nr_dirty_threshold);
  CHECK(v.nr_dirty_threshold * PAGE_SIZE * 3 < MAP_SIZE);

  int fd = open("/mm_throttle.bin", O_RDWR | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    FAIL("open /mm_throttle.bin: errno %d", errno);
  CHECK(ftruncate(fd, (off_t)MAP_SIZE) == 0);
  char *map = mmap(NULL, MAP_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (map == MAP_FAILED)
    FAIL("mmap: errno %d", errno);

  unsigned long over_background = 0, over_limit = 0, worst = 0;
  for (unsigned long i = 0; i < MAP_SIZE / PAGE_SIZE; ++i) {
    memset(map + i * PAGE_SIZE, page_byte(i), PAGE_SIZE);
    const struct memvp_vmstat s = vmstat_now();
    const unsigned long d = dirty_pages(&s);
    if (d > s.nr_dirty_background_threshold)
      ++over_background;
    if (d > s.nr_dirty_threshold + MARGIN_PAGES)
      ++over_limit;
    if (d > s.nr_dirty_threshold && d - s.nr_dirty_threshold > worst)
      worst = d - s.nr_dirty_threshold;
  }
  printf("mmap_throttle: stored %lu KiB through a shared mapping\n", MAP_SIZE >> 10);
  printf("mmap_throttle: Dirty went over the background limit: %s\n", over_background ? "yes" : "no");
  printf("mmap_throttle: the writer was held at dirty_ratio's limit: %s\n", over_limit ? "no" : "yes");
  if (over_limit)
    printf("mmap_throttle: %lu samples over it, at worst by %lu pages\n", over_limit, worst);

  CHECK(msync(map, MAP_SIZE, MS_SYNC) == 0);
  const struct memvp_vmstat after = vmstat_now();
  printf("mmap_throttle: after msync(MS_SYNC): Dirty %lu KiB, Writeback %lu KiB\n",
         (unsigned long)after.nr_dirty * 4, (unsigned long)after.nr_writeback * 4);
  CHECK(munmap(map, MAP_SIZE) == 0);

  int same = 1;
  for (unsigned long i = 0; i < MAP_SIZE / PAGE_SIZE; ++i) {
    CHECK(pread(fd, buf, PAGE_SIZE, (off_t)(i * PAGE_SIZE)) == (long)PAGE_SIZE);
    for (unsigned long j = 0; j < PAGE_SIZE; ++j)
      same &= buf[j] == page_byte(i);
  }
  printf("mmap_throttle: read() gives what the mapping stored: %s\n", same ? "yes" : "no");
  CHECK(close(fd) == 0);
  printf("mmap_throttle: %s\n", over_limit || !same ? "FAIL" : "PASS");
  return 0;
}
