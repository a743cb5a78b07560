/* demo: what memvp is for, in one run (the README's first command, `init=demo`). The program
 * maps 8 MiB of anonymous memory in 4 KiB pages, beyond the L2 TLB's 6 MiB reach, and touches
 * it (demand paging: one minor fault per page), forks a child that writes into 1 MiB it shares
 * copy-on-write with its parent (one COW copy per page), maps 8 MiB with MADV_HUGEPAGE (four
 * 2 MiB pages, one fault each) and sweeps both regions, timing each sweep with rdcycle. At the
 * end it prints what the kernel counted: faults (minor, major), COW copies, huge pages, context
 * switches and free memory. memvp's own report (`memvp run --report`) adds the hardware's side:
 * TLB misses, walks, caches, DRAM row hits and where the cycles went. The program is marked as
 * the region of interest: `memvp run --fast-forward roi` boots the kernel functionally and runs
 * it in detail (docs/fast-forward.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memvp/roi.h"
#include "memvp/user.h"

#define PAGE 4096UL
#define HPAGE (2UL << 20)
#define SMALL_LEN (8UL << 20)
#define COW_LEN (1UL << 20)
#define HUGE_LEN (8UL << 20)
#define SWEEPS 4

static struct memvp_vmstat start, now;
static struct memvp_proc_stat self;

static void fail(const char *what)
{
  printf("demo: FAIL: %s\n", what);
  exit(1);
}

static unsigned long rdcycle(void)
{
  unsigned long c;
  __asm__ volatile("rdcycle %0" : "=r"(c));
  return c;
}

static char *map(unsigned long len)
{
  char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED)
    fail("mmap");
  return p;
}

static void vmstat(struct memvp_vmstat *v)
{
  if (memvp_vmstat(v) != 0)
    fail("memvp_vmstat");
}

/* The word of page n a sweep loads: in line (n / 16) mod 64 of the page, so that with the page
 * number's low bits above them the lines of contiguous pages fall in 1024 different cache sets,
 * instead of the 16 a 4 KiB stride reaches. */
static unsigned long line_of(unsigned long off) { return off + (off / PAGE / 16 % 64) * 64; }

/* One store per 4 KiB page: the first touch of each page faults it in. */
static void touch(char *p, unsigned long len)
{
  for (unsigned long off = 0; off < len; off += PAGE)
    *(volatile unsigned long *)(p + line_of(off)) = off;
}

/* One load per 4 KiB page, SWEEPS times, after one sweep that warms the caches: cycles per
 * load, which the TLB reach decides (the lines fit in the L2 cache either way). */
static unsigned long sweep(const char *p, unsigned long len)
{
  unsigned long sum = 0, t0 = 0;
  for (int s = -1; s < SWEEPS; s++) {
    if (s == 0)
      sum = 0, t0 = rdcycle();
    for (unsigned long off = 0; off < len; off += PAGE)
      sum += *(const volatile unsigned long *)(p + line_of(off));
  }
  unsigned long cycles = rdcycle() - t0;
  if (sum != SWEEPS * (len / PAGE) * (len / PAGE - 1) / 2 * PAGE)
    fail("sweep read back other values");
  return cycles / (SWEEPS * (len / PAGE));
}

static void demand_paging(char *small)
{
  struct memvp_vmstat before;
  vmstat(&before);
  touch(small, SMALL_LEN);
  vmstat(&now);
  printf("demo: demand paging: touched %lu pages of 4 KiB, %lu page faults\n", SMALL_LEN / PAGE,
         (unsigned long)(now.pgfault - before.pgfault));
}

static void copy_on_write(void)
{
  char *shared = map(COW_LEN);
  touch(shared, COW_LEN);
  struct memvp_vmstat before;
  vmstat(&before);
  pid_t pid = fork();
  if (pid < 0)
    fail("fork");
  if (pid == 0) {
    touch(shared, COW_LEN); /* each page shared with the parent: copied on its first write */
    _exit(0);
  }
  int status = -1;
  if (wait4(pid, &status, 0, NULL) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    fail("the child did not exit normally");
  vmstat(&now);
  printf("demo: copy-on-write: child of pid %d wrote %lu shared pages, %lu COW copies\n", (int)getpid(),
         COW_LEN / PAGE, (unsigned long)(now.cow_copies - before.cow_copies));
}

static char *huge_pages(void)
{
  char *raw = map(HUGE_LEN + HPAGE);
  char *p = (char *)(((unsigned long)raw + HPAGE - 1) & ~(HPAGE - 1));
  if (madvise(p, HUGE_LEN, MADV_HUGEPAGE) != 0)
    fail("madvise(MADV_HUGEPAGE)");
  struct memvp_vmstat before;
  vmstat(&before);
  touch(p, HUGE_LEN);
  vmstat(&now);
  printf("demo: huge pages: touched %lu pages of 4 KiB in %lu MiB: %lu page faults, %lu THP of 2 MiB\n",
         HUGE_LEN / PAGE, HUGE_LEN >> 20, (unsigned long)(now.pgfault - before.pgfault),
         (unsigned long)(now.thp_fault_alloc - before.thp_fault_alloc));
  return p;
}

static void report(void)
{
  vmstat(&now);
  if (memvp_proc_stat(0, &self) != 0)
    fail("memvp_proc_stat");
  printf("demo: report: page faults %lu (minor %lu, major %lu); this process: minor %lu, major %lu\n",
         (unsigned long)(now.pgfault - start.pgfault),
         (unsigned long)((now.pgfault - start.pgfault) - (now.pgmajfault - start.pgmajfault)),
         (unsigned long)(now.pgmajfault - start.pgmajfault), (unsigned long)self.min_flt, (unsigned long)self.maj_flt);
  printf("demo: report: COW copies %lu, zero-page maps %lu, THP allocated %lu, context switches %lu\n",
         (unsigned long)(now.cow_copies - start.cow_copies), (unsigned long)(now.zero_page_maps - start.zero_page_maps),
         (unsigned long)(now.thp_fault_alloc - start.thp_fault_alloc),
         (unsigned long)(now.context_switches - start.context_switches));
  printf("demo: report: rss %lu KiB, page tables %lu, free memory %lu of %lu KiB\n",
         (unsigned long)self.rss_pages * 4, (unsigned long)self.page_table_pages,
         (unsigned long)now.nr_free_pages * 4, (unsigned long)now.nr_total_pages * 4);
}

int main(void)
{
  roi_begin();
  memset(&start, 0, sizeof start), memset(&now, 0, sizeof now), memset(&self, 0, sizeof self);
  vmstat(&start);
  char *small = map(SMALL_LEN);
  if (madvise(small, SMALL_LEN, MADV_NOHUGEPAGE) != 0)
    fail("madvise(MADV_NOHUGEPAGE)");
  demand_paging(small);
  copy_on_write();
  char *huge = huge_pages();
  unsigned long small_cycles = sweep(small, SMALL_LEN);
  unsigned long huge_cycles = sweep(huge, HUGE_LEN);
  printf("demo: sweeps of 8 MiB, one load per 4 KiB: %lu cycles per load with 4 KiB pages, %lu with 2 MiB pages\n",
         small_cycles, huge_cycles);
  report();
  printf("demo: done\n");
  roi_end();
  return 0;
}
