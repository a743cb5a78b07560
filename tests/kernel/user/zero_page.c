/* zero_page: reading fresh anonymous memory maps the shared zero page and allocates nothing.
 * Reads one word of every page of 1 GiB: no page becomes resident, the only free pages used
 * are page tables, and every read fault is a zero-page mapping. A write to one of those pages
 * then gives it a page of its own: rss + 1. */
#include <string.h>

#include "utest.h"

#define MAP_LEN (1UL << 30)
#define NPAGES (MAP_LEN / PAGE_SIZE)

static struct memvp_proc_stat s1, s2, s3;
static struct memvp_vmstat v1, v2, v3;


int main(void)
{
  memset(&s1, 0, sizeof s1), memset(&s2, 0, sizeof s2), memset(&s3, 0, sizeof s3);
  memset(&v1, 0, sizeof v1), memset(&v2, 0, sizeof v2), memset(&v3, 0, sizeof v3);
  printf("zero_page: start\n");

  /* More than RAM: not charged to Committed_AS, as heuristic overcommit would refuse it. */
  char *p = (char *)mmap(NULL, MAP_LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED)
    FAIL("mmap of %lu bytes failed", MAP_LEN);
  s1 = proc_stat_self();
  v1 = vmstat_now();
  unsigned long sum = 0;
  for (unsigned long i = 0; i < NPAGES; i++)
    sum += *(volatile unsigned long *)(p + i * PAGE_SIZE + (i % 512) * 8);
  v2 = vmstat_now();
  s2 = proc_stat_self();

  unsigned long tables = s2.page_table_pages - s1.page_table_pages;
  unsigned long used = v1.nr_free_pages - v2.nr_free_pages;
  printf("zero_page: read %lu pages, sum %lu\n", NPAGES, sum);
  printf("zero_page: rss +%lu, zero-page mappings +%lu, zero_page_maps +%lu, min_flt +%lu\n",
         (unsigned long)(s2.rss_pages - s1.rss_pages), (unsigned long)(s2.rss_zero_pages - s1.rss_zero_pages),
         (unsigned long)(v2.zero_page_maps - v1.zero_page_maps), (unsigned long)(s2.min_flt - s1.min_flt));
  printf("zero_page: free pages used apart from page tables: %lu\n", used - tables);
  printf("zero_page: page tables added >= %lu: %s\n", NPAGES / 512, tables >= NPAGES / 512 ? "yes" : "no");
  CHECK_EQ("sum of fresh memory", sum, 0);
  CHECK_EQ("rss delta", s2.rss_pages - s1.rss_pages, 0);
  CHECK_EQ("rss_zero_pages delta", s2.rss_zero_pages - s1.rss_zero_pages, NPAGES);
  CHECK_EQ("zero_page_maps delta", v2.zero_page_maps - v1.zero_page_maps, NPAGES);
  CHECK_EQ("min_flt delta", s2.min_flt - s1.min_flt, NPAGES);
  CHECK_EQ("free pages used apart from page tables", used - tables, 0);
  CHECK(tables >= NPAGES / 512);

  /* One write: that page leaves the zero page for a page of its own. */
  char *page = p + 12345 * PAGE_SIZE;
  s2 = proc_stat_self();
  v2 = vmstat_now();
  *(volatile unsigned long *)page = 42;
  s3 = proc_stat_self();
  v3 = vmstat_now();
  printf("zero_page: after one write: rss +%lu, zero-page mappings -%lu, free pages -%lu\n",
         (unsigned long)(s3.rss_pages - s2.rss_pages), (unsigned long)(s2.rss_zero_pages - s3.rss_zero_pages),
         (unsigned long)(v2.nr_free_pages - v3.nr_free_pages));
  CHECK_EQ("rss delta after a write", s3.rss_pages - s2.rss_pages, 1);
  CHECK_EQ("zero-page mappings after a write", s2.rss_zero_pages - s3.rss_zero_pages, 1);
  CHECK_EQ("free pages after a write", v2.nr_free_pages - v3.nr_free_pages, 1);
  CHECK_EQ("value written", *(volatile unsigned long *)page, 42);
  CHECK_EQ("neighbour still zero", *(volatile unsigned long *)(page + PAGE_SIZE), 0);

  if (munmap(p, MAP_LEN) != 0)
    FAIL("munmap failed");
  printf("zero_page: PASS\n");
  return 0;
}
