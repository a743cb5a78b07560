/* smp_spread: processes spread over all harts, and unmapping memory that other harts used
 * shoots their TLB entries down. Part 1 forks one child per hart; the children meet in a
 * MAP_SHARED page, then spin on work while recording every hart they run on, and the parent
 * checks that all harts were used. Part 2 starts one CLONE_VM child per other hart, each
 * reading a shared region until told to stop; the parent munmaps the region while they run
 * and checks that the kernel sent TLB shootdowns. */
#include <string.h>

#include "utest.h"

#define WORK_ROUNDS 500000UL
#define REGION_PAGES 16
#define MAX_HARTS 64

struct shared {
  volatile unsigned long arrived;
  volatile unsigned long hart_mask;
};

static struct memvp_vmstat v1, v2;

static void spread_child(struct shared *sh, unsigned long n)
{
  __atomic_add_fetch(&sh->arrived, 1, __ATOMIC_SEQ_CST);
  while (__atomic_load_n(&sh->arrived, __ATOMIC_SEQ_CST) < n)
    ;
  unsigned long x = 1;
  for (unsigned long i = 0; i < WORK_ROUNDS; i++) {
    x = x * 6364136223846793005UL + 1442695040888963407UL;
    if ((i & 0xffff) == 0)
      __atomic_or_fetch(&sh->hart_mask, 1UL << memvp_hartid(), __ATOMIC_SEQ_CST);
  }
  __atomic_or_fetch(&sh->hart_mask, 1UL << memvp_hartid(), __ATOMIC_SEQ_CST);
  _exit(x == 0 ? 2 : 0);
}

static void part_spread(int n)
{
  struct shared *sh = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (sh == MAP_FAILED)
    FAIL("mmap MAP_SHARED failed");
  sh->arrived = 0;
  sh->hart_mask = 0;
  for (int i = 0; i < n; i++) {
    pid_t pid = fork();
    if (pid < 0)
      FAIL("fork failed");
    if (pid == 0)
      spread_child(sh, (unsigned long)n);
  }
  for (int i = 0; i < n; i++) {
    int status = 0;
    if (wait(&status) < 0)
      FAIL("wait failed");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  int used = __builtin_popcountl(sh->hart_mask);
  printf("smp_spread: harts used: %d of %d\n", used, n);
  CHECK_EQ("harts used", used, n);
  munmap(sh, PAGE_SIZE);
}

/* Part 2: threads of one address space (CLONE_VM). */
static volatile char *region;
static volatile unsigned long ready, stop;
static char stacks[MAX_HARTS][8192] __attribute__((aligned(16)));

static int reader(void *arg)
{
  (void)arg;
  unsigned long sum = 0;
  for (int pg = 0; pg < REGION_PAGES; pg++)
    sum += region[pg * PAGE_SIZE];
  __atomic_add_fetch(&ready, 1, __ATOMIC_SEQ_CST);
  while (!__atomic_load_n(&stop, __ATOMIC_SEQ_CST))
    ;
  return sum == 0 ? 0 : 1;
}

static void part_shootdown(int n)
{
  region = map_anon(REGION_PAGES * PAGE_SIZE);
  for (int pg = 0; pg < REGION_PAGES; pg++)
    region[pg * PAGE_SIZE] = 0;
  int threads = n > 1 ? n - 1 : 1;
  for (int i = 0; i < threads; i++)
    if (clone(reader, stacks[i] + sizeof stacks[i], CLONE_VM | SIGCHLD, NULL) < 0)
      FAIL("clone(CLONE_VM) failed");
  while (__atomic_load_n(&ready, __ATOMIC_SEQ_CST) < (unsigned long)threads)
    sched_yield();
  v1 = vmstat_now();
  if (munmap((void *)region, REGION_PAGES * PAGE_SIZE) != 0)
    FAIL("munmap failed");
  v2 = vmstat_now();
  __atomic_store_n(&stop, 1, __ATOMIC_SEQ_CST);
  for (int i = 0; i < threads; i++) {
    int status = 0;
    if (wait(&status) < 0)
      FAIL("wait failed");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  unsigned long shootdowns = v2.tlb_shootdowns - v1.tlb_shootdowns;
  printf("smp_spread: %d threads read the region; munmap: shootdowns > 0: %s\n", threads,
         shootdowns > 0 ? "yes" : "no");
  if (n > 1)
    CHECK(shootdowns > 0);
}

int main(void)
{
  memset(&v1, 0, sizeof v1), memset(&v2, 0, sizeof v2);
  int n = memvp_nr_harts();
  if (n < 1 || n > MAX_HARTS)
    FAIL("memvp_nr_harts gave %d", n);
  part_spread(n);
  part_shootdown(n);
  printf("smp_spread: PASS\n");
  return 0;
}
