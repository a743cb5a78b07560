/* cow: fork shares pages copy-on-write. The parent fills 16 pages, forks; the child writes its
 * own values into the first 8 (each page copied once, on its first write: cow_copies + 8, not
 * more when it writes again), sees the parent's values in the others, and exits with status 7.
 * The parent checks wait4's status, that its own pages kept its values, and that once the
 * child is gone its writes take the pages over without copying (cow_reuse). MAP_SHARED memory
 * is not copied: the child's writes to it reach the parent, with no COW copy. */
#include <string.h>

#include "utest.h"

#define NPAGES 16
#define CHILD_PAGES 8
#define WORDS (PAGE_SIZE / sizeof(unsigned long))

static unsigned long area[NPAGES][WORDS] __attribute__((aligned(4096)));
static struct memvp_vmstat v1, v2;
static struct memvp_proc_stat s1, s2;

static void fill(int first, int last, unsigned long tag)
{
  for (int pg = first; pg < last; pg++)
    for (unsigned long w = 0; w < WORDS; w += 64)
      area[pg][w] = tag + (unsigned long)pg;
}

static int check(int first, int last, unsigned long tag)
{
  for (int pg = first; pg < last; pg++)
    for (unsigned long w = 0; w < WORDS; w += 64)
      if (area[pg][w] != tag + (unsigned long)pg)
        return 0;
  return 1;
}

/* Writes every statistics variable and the stack frames that read them: after fork these are
 * copy-on-write too, and their first writes must not fall inside a measurement. */
static void warm_up(void)
{
  v1 = vmstat_now(), v2 = vmstat_now();
  s1 = proc_stat_self(), s2 = proc_stat_self();
}

static int child(void)
{
  warm_up();
  v1 = vmstat_now();
  s1 = proc_stat_self();
  fill(0, CHILD_PAGES, 0x2000);  /* first write to each page: one copy each */
  fill(0, CHILD_PAGES, 0x2000);  /* pages are its own now: no copy */
  s2 = proc_stat_self();
  v2 = vmstat_now();
  printf("cow child: cow_copies +%lu, min_flt +%lu\n", (unsigned long)(v2.cow_copies - v1.cow_copies),
         (unsigned long)(s2.min_flt - s1.min_flt));
  CHECK_EQ("child cow_copies delta", v2.cow_copies - v1.cow_copies, CHILD_PAGES);
  CHECK_EQ("child min_flt delta", s2.min_flt - s1.min_flt, CHILD_PAGES);
  CHECK(check(0, CHILD_PAGES, 0x2000));
  CHECK(check(CHILD_PAGES, NPAGES, 0x1000));
  printf("cow child: sees its own writes and the parent's other pages\n");
  return 7;
}

#define SHARED_PAGES 4

static void shared_part(void)
{
  volatile unsigned long *sh =
      mmap(NULL, SHARED_PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (sh == MAP_FAILED)
    FAIL("mmap MAP_SHARED failed");
  for (unsigned long pg = 0; pg < SHARED_PAGES; pg++)
    sh[pg * WORDS] = 0x4000 + pg;
  pid_t pid = fork();
  if (pid < 0)
    FAIL("fork failed");
  if (pid == 0) {
    warm_up();
    v1 = vmstat_now();
    for (unsigned long pg = 0; pg < SHARED_PAGES; pg++)
      sh[pg * WORDS] += 0x100;
    v2 = vmstat_now();
    _exit(v2.cow_copies == v1.cow_copies ? 0 : 1);
  }
  int status = -1;
  CHECK_EQ("wait4 result", wait4(pid, &status, 0, NULL), pid);
  CHECK(WIFEXITED(status));
  unsigned long seen = 0;
  for (unsigned long pg = 0; pg < SHARED_PAGES; pg++)
    seen += sh[pg * WORDS] == 0x4100 + pg;
  printf("cow: MAP_SHARED: child's writes seen by the parent on %lu of %d pages, child made %s COW copy\n", seen,
         SHARED_PAGES, WEXITSTATUS(status) == 0 ? "no" : "a");
  CHECK_EQ("shared pages showing the child's writes", seen, SHARED_PAGES);
  CHECK_EQ("child's COW copies of shared pages (0 = none)", WEXITSTATUS(status), 0);
}

int main(void)
{
  memset(&v1, 0, sizeof v1), memset(&v2, 0, sizeof v2), memset(&s1, 0, sizeof s1), memset(&s2, 0, sizeof s2);
  fill(0, NPAGES, 0x1000);
  printf("cow: parent filled %d pages\n", NPAGES);

  pid_t pid = fork();
  if (pid < 0)
    FAIL("fork failed");
  if (pid == 0)
    exit(child());

  int status = 0;
  pid_t got = wait4(pid, &status, 0, NULL);
  CHECK_EQ("wait4 result", got, pid);
  printf("cow: child exited: %s, status %d\n", WIFEXITED(status) ? "normally" : "by a signal",
         WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
  CHECK(WIFEXITED(status));
  CHECK_EQ("child exit status", WEXITSTATUS(status), 7);
  CHECK(check(0, NPAGES, 0x1000));
  printf("cow: parent's pages kept its values\n");

  /* The child is gone: each page has one user again, so a write reuses it. */
  warm_up();
  v1 = vmstat_now();
  fill(0, NPAGES, 0x3000);
  v2 = vmstat_now();
  printf("cow: parent writes after the child exited: cow_copies +%lu, cow_reuse +%lu\n",
         (unsigned long)(v2.cow_copies - v1.cow_copies), (unsigned long)(v2.cow_reuse - v1.cow_reuse));
  CHECK_EQ("parent cow_copies delta", v2.cow_copies - v1.cow_copies, 0);
  CHECK_EQ("parent cow_reuse delta", v2.cow_reuse - v1.cow_reuse, NPAGES);
  CHECK(check(0, NPAGES, 0x3000));
  shared_part();
  printf("cow: PASS\n");
  return 0;
}
