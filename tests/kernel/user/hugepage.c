/* hugepage: transparent huge pages. Touches every 4 KiB page of a 2 MiB-aligned 64 MiB
 * anonymous region and checks how it was mapped, by the policy the kernel was booted with,
 * which argv[1] names: "always" (thp=always: 32 huge pages, one fault each), "madvise"
 * (thp=madvise with MADV_HUGEPAGE on the region: the same) or "never" (thp=never, or madvise
 * without the advice: 16384 4 KiB pages). It then sweeps the region a few times, so that
 * memvp's statistics of the runs compare the TLB misses of both mappings. */
#include <string.h>

#include "utest.h"

#define HPAGE (2UL << 20)
#define LEN (64UL << 20)
#define NPAGES (LEN / PAGE_SIZE)
#define SWEEPS 4

static struct memvp_proc_stat s1, s2;
static struct memvp_vmstat v1, v2;

int main(int argc, char **argv)
{
  memset(&s1, 0, sizeof s1), memset(&s2, 0, sizeof s2), memset(&v1, 0, sizeof v1), memset(&v2, 0, sizeof v2);
  const char *mode = argc > 1 ? argv[1] : "never";
  int huge = strcmp(mode, "always") == 0 || strcmp(mode, "madvise") == 0;
  if (!huge && strcmp(mode, "never") != 0)
    FAIL("unknown mode %s (always, madvise or never)", mode);
  printf("hugepage: mode %s\n", mode);

  /* Over-map by one huge page and use the aligned part. */
  char *raw = map_anon(LEN + HPAGE);
  char *p = (char *)(((unsigned long)raw + HPAGE - 1) & ~(HPAGE - 1));
  if (strcmp(mode, "madvise") == 0 && madvise(p, LEN, MADV_HUGEPAGE) != 0)
    FAIL("madvise(MADV_HUGEPAGE) failed");

  s1 = proc_stat_self();
  v1 = vmstat_now();
  for (unsigned long i = 0; i < NPAGES; i++)
    *(volatile unsigned long *)(p + i * PAGE_SIZE) = i;
  v2 = vmstat_now();
  s2 = proc_stat_self();

  unsigned long thp = s2.thp_pages - s1.thp_pages;
  unsigned long faults = s2.min_flt - s1.min_flt;
  unsigned long tables = s2.page_table_pages - s1.page_table_pages;
  printf("hugepage: touched %lu pages: rss +%lu, thp_pages +%lu, thp_fault_alloc +%lu, min_flt +%lu\n", NPAGES,
         (unsigned long)(s2.rss_pages - s1.rss_pages), thp, (unsigned long)(v2.thp_fault_alloc - v1.thp_fault_alloc),
         faults);
  CHECK_EQ("rss delta", s2.rss_pages - s1.rss_pages, NPAGES);
  if (huge) {
    printf("hugepage: page tables added <= 2: %s\n", tables <= 2 ? "yes" : "no");
    CHECK_EQ("thp_pages delta", thp, LEN / HPAGE);
    CHECK_EQ("thp_fault_alloc delta", v2.thp_fault_alloc - v1.thp_fault_alloc, LEN / HPAGE);
    CHECK_EQ("min_flt delta", faults, LEN / HPAGE);
    CHECK(tables <= 2);
  } else {
    printf("hugepage: page tables added >= %lu: %s\n", LEN / HPAGE, tables >= LEN / HPAGE ? "yes" : "no");
    CHECK_EQ("thp_pages delta", thp, 0);
    CHECK_EQ("thp_fault_alloc delta", v2.thp_fault_alloc - v1.thp_fault_alloc, 0);
    CHECK_EQ("min_flt delta", faults, NPAGES);
    CHECK(tables >= LEN / HPAGE);
  }

  /* The sweep memvp's TLB statistics measure: one load per 4 KiB page, SWEEPS times. */
  unsigned long sum = 0;
  for (int s = 0; s < SWEEPS; s++)
    for (unsigned long i = 0; i < NPAGES; i++)
      sum += *(volatile unsigned long *)(p + i * PAGE_SIZE);
  CHECK_EQ("sweep sum", sum, SWEEPS * (NPAGES * (NPAGES - 1) / 2));
  printf("hugepage: swept %d times, values intact\n", SWEEPS);

  if (munmap(raw, LEN + HPAGE) != 0)
    FAIL("munmap failed");
  printf("hugepage: PASS\n");
  return 0;
}
