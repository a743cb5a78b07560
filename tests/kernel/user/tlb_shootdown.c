/* tlb_shootdown: after munmap on one hart, another hart that still held the page in its TLB
 * must fault on its next access, not read the freed frame through a stale translation. Each
 * round the parent writes a fresh page, and a CLONE_VM child, placed on another hart, reads it
 * (both harts' TLBs now hold the translation) and spins on a flag in another page. The parent
 * munmaps the page (the kernel must shoot the child's TLB entry down, §12.2.1: an sfence.vma
 * on one hart orders only that hart's translations), then lets the child read it again: the
 * child must be killed by SIGSEGV, which the parent sees in wait4's status. A skipped
 * shootdown lets the child read on and exit 0. */
#include "utest.h"

#define ROUNDS 4
#define MAGIC 0x5a

static volatile unsigned long child_ready, go;
static volatile int child_hart;
static char stack[16384] __attribute__((aligned(16)));

static int toucher(void *arg)
{
  volatile char *page = arg;
  const char first = page[0];
  child_hart = memvp_hartid();
  __atomic_store_n(&child_ready, 1, __ATOMIC_SEQ_CST);
  while (!__atomic_load_n(&go, __ATOMIC_SEQ_CST))
    ;
  /* After munmap: must fault here. */
  const char again = page[0];
  return first == MAGIC && again != 1 ? 0 : 2;
}

int main(void)
{
  int n = memvp_nr_harts();
  if (n < 2)
    FAIL("tlb_shootdown needs two harts, has %d", n);
  struct memvp_vmstat v1 = vmstat_now();
  for (int round = 0; round < ROUNDS; round++) {
    volatile char *page = map_anon(PAGE_SIZE);
    page[0] = MAGIC;
    child_ready = 0;
    go = 0;
    int pid = clone(toucher, stack + sizeof stack, CLONE_VM | SIGCHLD, (void *)page);
    if (pid < 0)
      FAIL("clone(CLONE_VM) failed");
    while (!__atomic_load_n(&child_ready, __ATOMIC_SEQ_CST))
      sched_yield();
    CHECK(page[0] == MAGIC);  /* the parent's TLB holds it too */
    CHECK(child_hart != memvp_hartid());
    if (munmap((void *)page, PAGE_SIZE) != 0)
      FAIL("munmap failed");
    __atomic_store_n(&go, 1, __ATOMIC_SEQ_CST);
    int status = 0;
    CHECK_EQ("wait4", wait4(pid, &status, 0, NULL), pid);
    if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGSEGV)
      FAIL("round %d: the other hart's read after munmap was not killed by SIGSEGV (status 0x%x):"
           " a stale TLB entry survived the munmap", round, status);
  }
  struct memvp_vmstat v2 = vmstat_now();
  printf("tlb_shootdown: %d rounds: the page read on two harts, munmap on one, the other's next "
         "read killed by SIGSEGV\n", ROUNDS);
  printf("tlb_shootdown: shootdowns > 0: %s, segv_kills +%lu\n",
         v2.tlb_shootdowns > v1.tlb_shootdowns ? "yes" : "no",
         (unsigned long)(v2.segv_kills - v1.segv_kills));
  printf("tlb_shootdown: PASS\n");
  return 0;
}
