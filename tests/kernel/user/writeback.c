/* writeback: dirty pages reach the disk without fsync (sw/kernel/fs/flusher.cpp). Run with
 * small limits on the command line (sysctl.vm.dirty_background_ratio=2, dirty_ratio=4,
 * dirty_writeback_centisecs=10, dirty_expire_centisecs=100), it writes 8 MiB, more than
 * dirty_ratio allows, and sees the writer held near that limit and Dirty then fall below the
 * background limit with no fsync; then a small file written and left alone is clean once the
 * expire interval has passed. Only facts that hold on every machine are printed. */
#include <string.h>

#include "utest.h"

#define BIG_SIZE (8UL << 20)
#define CHUNK (64UL << 10)
#define SMALL "written, then left alone for the flusher\n"

static char buf[CHUNK];

static unsigned long dirty_pages(const struct memvp_vmstat *v)
{
  return (unsigned long)(v->nr_dirty + v->nr_writeback);
}

static void nap_ms(long ms)
{
  struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
  CHECK(nanosleep(&t, NULL) == 0);
}

/* Writes the big file; the peak of Dirty + Writeback seen against the limits. */
static void write_big(void)
{
  int fd = open("/wb_big.bin", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    FAIL("open /wb_big.bin");
  unsigned long peak = 0, over_background = 0, over_limit = 0;
  for (unsigned long done = 0; done < BIG_SIZE; done += CHUNK) {
    memset(buf, (int)(done / CHUNK), CHUNK);
    CHECK((unsigned long)write(fd, buf, CHUNK) == CHUNK);
    const struct memvp_vmstat v = vmstat_now();
    const unsigned long d = dirty_pages(&v);
    if (d > peak)
      peak = d;
    if (d > v.nr_dirty_background_threshold)
      ++over_background;
    if (d > v.nr_dirty_threshold + 1) /* the writer checks after each page it dirtied */
      ++over_limit;
  }
  CHECK(close(fd) == 0);
  printf("writeback: wrote %lu KiB without fsync\n", BIG_SIZE >> 10);
  printf("writeback: Dirty went over the background limit: %s\n", over_background ? "yes" : "no");
  printf("writeback: the writer was held at dirty_ratio's limit: %s\n", over_limit ? "no" : "yes");
  CHECK(peak * PAGE_SIZE < BIG_SIZE);
}

/* Polls (nanosleep, 50 ms at a time, for up to 10 s) until Dirty + Writeback is at most the
 * background limit (the flusher's background work), or zero if to_zero (what is left expired
 * and was written too); then prints what, or fails. */
static void wait_dirty_down(int to_zero, const char *what)
{
  for (int i = 0; i < 200; ++i) {
    const struct memvp_vmstat v = vmstat_now();
    if (dirty_pages(&v) <= (to_zero ? 0 : v.nr_dirty_background_threshold)) {
      printf("writeback: %s: yes\n", what);
      return;
    }
    nap_ms(50);
  }
  FAIL("%s: not within 10 s", what);
}

/* A small file: dirty after the write, clean after the expire interval and a flusher pass. */
static void small_file_expires(void)
{
  int fd = open("/wb_small.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    FAIL("open /wb_small.txt");
  CHECK(write(fd, SMALL, strlen(SMALL)) == (long)strlen(SMALL));
  CHECK(close(fd) == 0);
  const struct memvp_vmstat v = vmstat_now();
  printf("writeback: after writing the small file: Dirty %lu KiB\n", (unsigned long)v.nr_dirty * 4);
  nap_ms(1500); /* dirty_expire_centisecs=100 plus a flusher interval and more */
  const struct memvp_vmstat after = vmstat_now();
  printf("writeback: after the expire interval: Dirty %lu KiB, Writeback %lu KiB\n",
         (unsigned long)after.nr_dirty * 4, (unsigned long)after.nr_writeback * 4);
}

int main(void)
{
  const struct memvp_vmstat v = vmstat_now();
  CHECK(v.nr_dirty_background_threshold < v.nr_dirty_threshold);
  CHECK(v.nr_dirty_threshold * PAGE_SIZE < BIG_SIZE);
  write_big();
  wait_dirty_down(0, "Dirty fell below the background limit without fsync");
  wait_dirty_down(1, "the rest of the big file expired and was written");
  small_file_expires();
  printf("writeback: PASS\n");
  return 0;
}
