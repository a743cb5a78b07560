/* cache_read: the page cache's figures. Reads /data/file32.bin (32 MiB on the root disk) twice
 * and prints the Cached and Buffers counters before and after, and the time of the cold read
 * (every page from the disk) and of the warm one (every page from the cache). The times differ
 * between machines (QEMU's are the host's wall clock), so the test leaves those lines out of
 * the comparison and checks instead what they stand for: the cold read brought the whole file
 * in from the disk (pgpgin), the warm one read nothing from it. */
#include <string.h>

#include "utest.h"

#define FILE_SIZE (32UL << 20)
#define CHUNK (64UL << 10)

static unsigned char buf[CHUNK];

static unsigned long now_us(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (unsigned long)ts.tv_sec * 1000000UL + (unsigned long)ts.tv_nsec / 1000UL;
}

static void show(const char *when)
{
  struct memvp_vmstat v = vmstat_now();
  printf("cache_read: %s: Cached %lu KiB, Buffers %lu KiB, Dirty %lu KiB\n", when,
         (unsigned long)v.nr_file_pages * 4, (unsigned long)v.buffer_bytes / 1024, (unsigned long)v.nr_dirty * 4);
}

/* Reads the whole file, checking the pattern the host wrote; the microseconds it took. */
static unsigned long read_all(void)
{
  const unsigned long start = now_us();
  int fd = open("/data/file32.bin", O_RDONLY);
  if (fd < 0)
    FAIL("open /data/file32.bin");
  unsigned long total = 0;
  long n;
  while ((n = read(fd, buf, CHUNK)) > 0) {
    for (long i = 0; i < n; i += 4093) {
      const unsigned long at = total + (unsigned long)i;
      if (buf[i] != (unsigned char)(at * 131 + (at >> 12)))
        FAIL("byte %lu", at);
    }
    total += (unsigned long)n;
  }
  close(fd);
  CHECK_EQ("bytes read", total, FILE_SIZE);
  return now_us() - start;
}

int main(void)
{
  show("before");
  const uint64_t in0 = vmstat_now().pgpgin;
  const unsigned long cold = read_all();
  show("after the first read");
  const uint64_t in1 = vmstat_now().pgpgin;
  const unsigned long warm = read_all();
  show("after the second read");
  const uint64_t in2 = vmstat_now().pgpgin;
  CHECK(in1 - in0 >= FILE_SIZE / 1024);
  CHECK_EQ("KiB read from the disk by the warm read", in2 - in1, 0);
  printf("cache_read: cold read of 32 MiB: %lu us\n", cold);
  printf("cache_read: warm read of 32 MiB: %lu us\n", warm);
  printf("cache_read: PASS\n");
  return 0;
}
