/* reclaim_mmap: a file mapping larger than memory, and a hot set beside it. With 32 MiB of RAM,
 * the first 31 MiB of /data/file32.bin are streamed twice through one shared read-only mapping
 * while the last 1 MiB, mapped separately, is touched after every 256 KiB of the stream. Every
 * byte is checked against the pattern the host wrote. Mapped page-cache pages can only be freed
 * by unmapping them (try_to_unmap), chosen by their PTEs' accessed bits (page_referenced): the
 * stream completes without the OOM killer, it refaults from the disk (major faults), and Mapped
 * stays below what the stream touched. How many hot pages were reclaimed by mistake depends on
 * whether their TLB entries outlived the clearing of A (no flush, as Linux on RISC-V): that line
 * is left out of the comparison. Run with clear_young_flush=on and the argument "flush", every
 * clearing of A also flushes the TLB entry, so hot pages show their use and some are activated:
 * that is checked. */
#include <string.h>

#include "utest.h"

#define FILE_SIZE (32UL << 20)
#define HOT_SIZE (1UL << 20)
#define STREAM_SIZE (FILE_SIZE - HOT_SIZE)
#define TOUCH_EVERY (256UL << 10)

static unsigned char expected(unsigned long at) { return (unsigned char)(at * 131 + (at >> 12)); }

static const unsigned char *map_file(int fd, unsigned long len, unsigned long off)
{
  void *p = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, (off_t)off);
  if (p == MAP_FAILED)
    FAIL("mmap of %lu bytes at offset %lu: errno %d", len, off, errno);
  return (const unsigned char *)p;
}

static unsigned long hot_majors; /* major faults while touching the hot set */

/* One byte of each hot page, checked. */
static void touch_hot(const unsigned char *hot)
{
  const unsigned long before = proc_stat_self().maj_flt;
  for (unsigned long off = 0; off < HOT_SIZE; off += PAGE_SIZE)
    if (hot[off] != expected(STREAM_SIZE + off))
      FAIL("hot byte %lu", STREAM_SIZE + off);
  hot_majors += proc_stat_self().maj_flt - before;
}

/* The stream's bytes, checked, with the hot set touched between chunks; a checksum of its words. */
static unsigned long stream(const unsigned char *s, const unsigned char *hot)
{
  unsigned long sum = 0;
  for (unsigned long at = 0; at < STREAM_SIZE; at += TOUCH_EVERY) {
    for (unsigned long i = at; i < at + TOUCH_EVERY; ++i)
      if (s[i] != expected(i))
        FAIL("byte %lu", i);
    const unsigned long *w = (const unsigned long *)(s + at);
    for (unsigned long i = 0; i < TOUCH_EVERY / 8; ++i)
      sum = (sum ^ w[i]) * 0x100000001b3UL; /* FNV-1a over words */
    touch_hot(hot);
  }
  return sum;
}

int main(int argc, char **argv)
{
  const int flush = argc > 1 && strcmp(argv[1], "flush") == 0;
  const struct memvp_vmstat before = vmstat_now();
  printf("reclaim_mmap: MemTotal %lu KiB, stream %lu KiB, hot set %lu KiB\n",
         (unsigned long)before.nr_total_pages * 4, STREAM_SIZE >> 10, HOT_SIZE >> 10);
  CHECK(before.nr_free_pages * PAGE_SIZE < STREAM_SIZE);
  int fd = open("/data/file32.bin", O_RDONLY);
  if (fd < 0)
    FAIL("open /data/file32.bin");
  const unsigned char *s = map_file(fd, STREAM_SIZE, 0);
  const unsigned char *hot = map_file(fd, HOT_SIZE, STREAM_SIZE);
  close(fd); /* the mappings keep the file */
  touch_hot(hot);
  const unsigned long first_touch = hot_majors;
  const unsigned long first = stream(s, hot);
  const struct memvp_proc_stat mid = proc_stat_self();
  const unsigned long second = stream(s, hot);
  printf("reclaim_mmap: checksums %016lx %016lx\n", first, second);
  CHECK_EQ("second pass checksum", second, first);
  const struct memvp_proc_stat end = proc_stat_self();
  const struct memvp_vmstat v = vmstat_now();
  /* Every page of the second pass was reclaimed during the first (the stream is larger than
   * memory): at least one major fault per readahead window; without unmapping the run would
   * have ended in the OOM killer. */
  CHECK(end.maj_flt - mid.maj_flt >= STREAM_SIZE / (128UL << 10));
  CHECK(v.pgmajfault - before.pgmajfault >= end.maj_flt - mid.maj_flt);
  CHECK(v.oom_kill == 0);
  CHECK(v.nr_mapped * PAGE_SIZE < STREAM_SIZE);
  CHECK(v.pgsteal_kswapd + v.pgsteal_direct >= STREAM_SIZE / PAGE_SIZE);
  if (flush)
    CHECK(v.pgactivate > 0); /* hot pages seen in use through their accessed bits */
  printf("reclaim_mmap: hot set %lu pages, its major faults %lu (after the first touch), all major faults %lu, "
         "pgsteal %lu, pgactivate %lu, Mapped %lu KiB\n",
         HOT_SIZE / PAGE_SIZE, hot_majors - first_touch, (unsigned long)end.maj_flt,
         (unsigned long)(v.pgsteal_kswapd + v.pgsteal_direct), (unsigned long)v.pgactivate,
         (unsigned long)v.nr_mapped * 4);
  printf("reclaim_mmap: PASS\n");
  return 0;
}
