/* ctxswitch: what ASIDs save at context switches. Two processes on one hart take
 * turns with sched_yield, each touching its own 32 pages between switches. With ASIDs their
 * TLB entries survive the switches; with asid=off every switch flushes the TLB and each turn
 * walks the page tables again. The console is the same either way; memvp's statistics of the
 * two runs (asid_tlb_stats) show the difference. */
#include "utest.h"

#define PAGES 32UL
#define ROUNDS 500

static struct memvp_vmstat v1, v2;

/* One turn: read and update one word in each of the process's pages. */
static unsigned long turn(char *buf, unsigned long round)
{
  unsigned long sum = 0;
  for (unsigned long p = 0; p < PAGES; p++) {
    volatile unsigned long *w = (volatile unsigned long *)(buf + p * PAGE_SIZE);
    sum += *w;
    *w = *w + round;
  }
  return sum;
}

static unsigned long run_turns(char *buf)
{
  unsigned long last = 0;
  for (unsigned long r = 0; r < ROUNDS; r++) {
    last = turn(buf, 1);
    sched_yield();
  }
  return last;
}

int main(void)
{
  char *buf = map_anon(PAGES * PAGE_SIZE);
  turn(buf, 0); /* fault every page in before the child shares them */
  v1 = vmstat_now();
  pid_t pid = fork();
  if (pid < 0)
    FAIL("fork failed");
  /* Each process sees only its own increments: after ROUNDS turns the last one read
   * ROUNDS - 1 per page (copy-on-write gave each its own pages at its first write). */
  unsigned long last = run_turns(buf);
  if (pid == 0)
    _exit(last == PAGES * (ROUNDS - 1) ? 0 : 1);
  int status = 0;
  if (wait(&status) != pid)
    FAIL("wait failed");
  v2 = vmstat_now();
  CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  CHECK_EQ("parent's last turn", last, PAGES * (ROUNDS - 1));
  unsigned long switches = v2.context_switches - v1.context_switches;
  printf("ctxswitch: 2 processes, %d turns of %lu pages each\n", ROUNDS, PAGES);
  printf("ctxswitch: context switches >= %d: %s\n", 2 * ROUNDS, switches >= 2 * ROUNDS ? "yes" : "no");
  CHECK(switches >= 2 * ROUNDS);
  printf("ctxswitch: PASS\n");
  return 0;
}
