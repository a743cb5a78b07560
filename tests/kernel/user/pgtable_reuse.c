/* pgtable_reuse: freed page tables must leave no trace in any translation cache. Page-walk
 * caches may hold non-leaf entries, which sfence.vma with an address need not drop (privileged
 * spec §12.2.1: only rs1 = x0 orders non-leaf entries), so after munmap frees a page table the
 * kernel must fence the whole address space. A page alone in its 2 MiB span is touched and
 * unmapped (its last-level table is freed); a heap page is written, which takes the freed frame
 * as data; then a 16-page mapping lands below the unmapped page in the same span and is touched
 * with a new table: each access must fault in a fresh page and go on, never walk the old one. */
#include "utest.h"

#define ROUNDS 4
#define REGION_PAGES 16

int main(void)
{
  for (int round = 0; round < ROUNDS; round++) {
    volatile unsigned long *a = (volatile unsigned long *)map_anon(PAGE_SIZE);
    a[0] = 1;
    if (munmap((void *)a, PAGE_SIZE) != 0)
      FAIL("munmap failed");
    volatile char *heap = sbrk(PAGE_SIZE);
    if (heap == (char *)-1)
      FAIL("sbrk failed");
    heap[0] = 0;
    char *region = map_anon(REGION_PAGES * PAGE_SIZE);
    unsigned long same_span = ((unsigned long)region >> 21) == ((unsigned long)a >> 21);
    unsigned long sum = 0;
    for (int pg = 0; pg < REGION_PAGES; pg++) {
      volatile unsigned long *w = (volatile unsigned long *)(region + pg * PAGE_SIZE);
      sum += *w;
      *w = (unsigned long)pg;
    }
    for (int pg = 0; pg < REGION_PAGES; pg++)
      sum += *(volatile unsigned long *)(region + pg * PAGE_SIZE);
    printf("pgtable_reuse: round %d: new mapping in the freed table's span: %s, pages written and read back: %s\n",
           round + 1, same_span ? "yes" : "no", sum == REGION_PAGES * (REGION_PAGES - 1) / 2 ? "yes" : "no");
    CHECK(same_span);
    CHECK_EQ("sum of the values read back", sum, REGION_PAGES * (REGION_PAGES - 1) / 2);
    if (munmap(region, REGION_PAGES * PAGE_SIZE) != 0)
      FAIL("munmap failed");
  }
  printf("pgtable_reuse: PASS\n");
  return 0;
}
