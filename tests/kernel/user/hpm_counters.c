/* hpm_counters (memvp only: QEMU's counters count none of these events): a user program
 * programs the calling hart's performance counters through memvp_hpm_config (the kernel's SBI
 * PMU call) and reads them itself with csrr hpmcounterN (scounteren). A sweep over 2048 pages
 * already faulted in, one load each, is more than the L1 DTLB (64 entries, LRU) and the L2 TLB
 * hold: every load misses both and walks. In any window walks equal L2 TLB misses (every L2
 * miss walks, nothing else does) and L2 misses are at most the L1 misses of both L1 TLBs. */
#include <errno.h>

#include "utest.h"

#define NPAGES 2048UL

enum { EV_L1_ITLB_MISS = 1, EV_L1_DTLB_MISS = 2, EV_L2_TLB_MISS = 3, EV_PAGE_WALK = 4 };

#define HPM(n) ({ unsigned long v_; __asm__ volatile("csrr %0, hpmcounter" #n : "=r"(v_) : : "memory"); v_; })

struct counts {
  unsigned long itlb, dtlb, l2, walks;
};

static struct counts read_counts(void)
{
  struct counts c;
  c.itlb = HPM(3);
  c.dtlb = HPM(4);
  c.l2 = HPM(5);
  c.walks = HPM(6);
  return c;
}

static unsigned long sweep(char *buf)
{
  unsigned long sum = 0;
  for (unsigned long p = 0; p < NPAGES; p++)
    sum += *(volatile unsigned long *)(buf + p * PAGE_SIZE);
  return sum;
}

int main(void)
{
  CHECK(memvp_hpm_config(2, EV_L1_DTLB_MISS) == -1 && errno == EINVAL);
  CHECK(memvp_hpm_config(32, EV_L1_DTLB_MISS) == -1 && errno == EINVAL);
  CHECK(memvp_hpm_config(7, 99) == -1 && errno == EOPNOTSUPP);
  printf("hpm_counters: counters 2 and 32 refused, selector 99 refused: yes\n");

  char *buf = map_anon(NPAGES * PAGE_SIZE);
  for (unsigned long p = 0; p < NPAGES; p++)
    *(unsigned long *)(buf + p * PAGE_SIZE) = p;
  CHECK(memvp_hpm_config(3, EV_L1_ITLB_MISS) == 0);
  CHECK(memvp_hpm_config(4, EV_L1_DTLB_MISS) == 0);
  CHECK(memvp_hpm_config(5, EV_L2_TLB_MISS) == 0);
  CHECK(memvp_hpm_config(6, EV_PAGE_WALK) == 0);
  struct counts a = read_counts();
  unsigned long sum = sweep(buf);
  struct counts b = read_counts();
  CHECK_EQ("sum", sum, NPAGES * (NPAGES - 1) / 2);
  unsigned long itlb = b.itlb - a.itlb, dtlb = b.dtlb - a.dtlb, l2 = b.l2 - a.l2, walks = b.walks - a.walks;
  printf("hpm_counters: sweep of %lu pages: l1_itlb_miss %lu l1_dtlb_miss %lu l2_tlb_miss %lu page_walk %lu\n",
         NPAGES, itlb, dtlb, l2, walks);
  printf("hpm_counters: every load missed the L1 DTLB and walked: %s\n", dtlb >= NPAGES && walks >= NPAGES ? "yes" : "no");
  CHECK(dtlb >= NPAGES && walks >= NPAGES);
  printf("hpm_counters: walks = L2 TLB misses <= L1 ITLB + L1 DTLB misses: %s\n",
         walks == l2 && l2 <= itlb + dtlb ? "yes" : "no");
  CHECK(walks == l2 && l2 <= itlb + dtlb);
  printf("hpm_counters: PASS\n");
  return 0;
}
