/* demand_paging: anonymous memory costs nothing until it is touched. Maps 64 MiB, writes
 * every third page of its first 16 MiB, and checks that the minor faults and resident pages
 * grew by exactly the pages touched, not the pages mapped; munmap gives them back. The heap
 * behaves alike: raising the break by 1 MiB costs nothing until pages are written, and
 * lowering it again frees them (sys_brk). MADV_DONTNEED drops written pages, which then read
 * zero. */
#include <string.h>

#include "utest.h"

#define MAP_LEN (64UL << 20)
#define TOUCH_LEN (16UL << 20)
#define STRIDE_PAGES 3

/* Statistics live in bss, touched before the first measurement, so that no fault of their
 * own falls between two readings. */
static struct memvp_proc_stat s0, s1, s2, s3;
static struct memvp_proc_stat h0, h1, h2, h3;
static struct memvp_vmstat v1, v2;

#define HEAP_GROW (1UL << 20)
#define HEAP_TOUCH 10

static void heap_part(void)
{
  memset(&h0, 0, sizeof h0), memset(&h1, 0, sizeof h1), memset(&h2, 0, sizeof h2), memset(&h3, 0, sizeof h3);
  h0 = proc_stat_self();
  /* Start on a page boundary, so that the pages touched are all new. */
  char *old_brk = sbrk(0);
  unsigned long pad = (PAGE_SIZE - ((unsigned long)old_brk & (PAGE_SIZE - 1))) & (PAGE_SIZE - 1);
  char *base = sbrk((long)(pad + HEAP_GROW));
  if (base == (char *)-1)
    FAIL("sbrk(%lu) failed", pad + HEAP_GROW);
  char *heap = base + pad;
  h1 = proc_stat_self();
  for (int i = 0; i < HEAP_TOUCH; i++)
    heap[i * PAGE_SIZE] = 1;
  h2 = proc_stat_self();
  if (sbrk(-(long)(pad + HEAP_GROW)) == (void *)-1)
    FAIL("sbrk(-%lu) failed", pad + HEAP_GROW);
  h3 = proc_stat_self();
  printf("demand_paging: heap +%lu KiB: brk +%lu KiB, rss +%lu; %d pages written: rss +%lu, min_flt +%lu\n",
         HEAP_GROW >> 10, (unsigned long)(h1.brk - h0.brk - pad) >> 10, (unsigned long)(h1.rss_pages - h0.rss_pages),
         HEAP_TOUCH, (unsigned long)(h2.rss_pages - h1.rss_pages), (unsigned long)(h2.min_flt - h1.min_flt));
  printf("demand_paging: heap lowered again: rss -%lu, brk back: %s\n", (unsigned long)(h2.rss_pages - h3.rss_pages),
         h3.brk == h0.brk ? "yes" : "no");
  CHECK_EQ("brk delta", h1.brk - h0.brk, pad + HEAP_GROW);
  CHECK_EQ("rss after raising the break", h1.rss_pages - h0.rss_pages, 0);
  CHECK_EQ("rss after writing heap pages", h2.rss_pages - h1.rss_pages, HEAP_TOUCH);
  CHECK_EQ("min_flt after writing heap pages", h2.min_flt - h1.min_flt, HEAP_TOUCH);
  CHECK_EQ("rss after lowering the break", h2.rss_pages - h3.rss_pages, HEAP_TOUCH);
  CHECK_EQ("brk after lowering it", h3.brk, h0.brk);
}

int main(void)
{
  memset(&s0, 0, sizeof s0), memset(&s1, 0, sizeof s1), memset(&s2, 0, sizeof s2), memset(&s3, 0, sizeof s3);
  memset(&v1, 0, sizeof v1), memset(&v2, 0, sizeof v2);
  printf("demand_paging: start\n");

  s0 = proc_stat_self();
  char *p = map_anon(MAP_LEN);
  s1 = proc_stat_self();
  printf("demand_paging: mapped %lu KiB: vm_size +%lu pages, rss +%lu\n", MAP_LEN >> 10,
         (unsigned long)(s1.vm_size_pages - s0.vm_size_pages), (unsigned long)(s1.rss_pages - s0.rss_pages));
  CHECK_EQ("vm_size delta after mmap", s1.vm_size_pages - s0.vm_size_pages, MAP_LEN / PAGE_SIZE);
  CHECK_EQ("rss delta after mmap", s1.rss_pages - s0.rss_pages, 0);

  v1 = vmstat_now();
  s1 = proc_stat_self();
  unsigned long touched = 0;
  for (unsigned long off = 0; off < TOUCH_LEN; off += STRIDE_PAGES * PAGE_SIZE) {
    *(volatile unsigned long *)(p + off) = off;
    touched++;
  }
  s2 = proc_stat_self();
  v2 = vmstat_now();
  printf("demand_paging: touched %lu of %lu pages\n", touched, MAP_LEN / PAGE_SIZE);
  printf("demand_paging: min_flt +%lu, rss +%lu, pgfault +%lu\n", (unsigned long)(s2.min_flt - s1.min_flt),
         (unsigned long)(s2.rss_pages - s1.rss_pages), (unsigned long)(v2.pgfault - v1.pgfault));
  CHECK_EQ("min_flt delta", s2.min_flt - s1.min_flt, touched);
  CHECK_EQ("rss delta", s2.rss_pages - s1.rss_pages, touched);
  CHECK_EQ("pgfault delta (the only process)", v2.pgfault - v1.pgfault, touched);

  /* The pages hold what was written. */
  for (unsigned long off = 0; off < TOUCH_LEN; off += STRIDE_PAGES * PAGE_SIZE)
    if (*(volatile unsigned long *)(p + off) != off)
      FAIL("page at offset 0x%lx lost its value", off);

  /* MADV_DONTNEED on the first 8 touched pages: they leave rss and read zero afterwards. */
  struct memvp_proc_stat d0 = proc_stat_self();
  if (madvise(p, 24 * PAGE_SIZE, MADV_DONTNEED) != 0)
    FAIL("madvise(MADV_DONTNEED) failed");
  struct memvp_proc_stat d1 = proc_stat_self();
  unsigned long nonzero = 0;
  for (unsigned long off = 0; off < 24 * PAGE_SIZE; off += STRIDE_PAGES * PAGE_SIZE)
    nonzero += *(volatile unsigned long *)(p + off) != 0;
  printf("demand_paging: MADV_DONTNEED on 8 touched pages: rss -%lu, non-zero words after it: %lu\n",
         (unsigned long)(d0.rss_pages - d1.rss_pages), nonzero);
  CHECK_EQ("rss dropped by MADV_DONTNEED", d0.rss_pages - d1.rss_pages, 8);
  CHECK_EQ("non-zero words after MADV_DONTNEED", nonzero, 0);

  s2 = proc_stat_self();
  if (munmap(p, MAP_LEN) != 0)
    FAIL("munmap failed");
  s3 = proc_stat_self();
  printf("demand_paging: munmap: rss -%lu, vm_size -%lu pages\n", (unsigned long)(s2.rss_pages - s3.rss_pages),
         (unsigned long)(s2.vm_size_pages - s3.vm_size_pages));
  CHECK_EQ("rss given back by munmap", s2.rss_pages - s3.rss_pages, touched - 8);
  CHECK_EQ("vm_size given back by munmap", s2.vm_size_pages - s3.vm_size_pages, MAP_LEN / PAGE_SIZE);
  heap_part();
  printf("demand_paging: PASS\n");
  return 0;
}
