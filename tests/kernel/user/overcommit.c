/* overcommit: vm.overcommit_memory's three modes (docs/reclaim.md "Overcommit"), set with
 * memvp_sysctl. CommitLimit is RAM x overcommit_ratio / 100 + swap; private writable mappings
 * charge Committed_AS by their size and give it back when unmapped. Mode 2 refuses mmap, brk,
 * MAP_NORESERVE and fork beyond CommitLimit with ENOMEM; mode 0 refuses only one mapping larger
 * than RAM + swap; mode 1 refuses nothing. */
#include <errno.h>

#include "utest.h"

static void *map_rw(unsigned long pages, int extra_flags)
{
  return mmap(NULL, pages * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | extra_flags, -1, 0);
}

static int refused(void *p)
{
  return p == MAP_FAILED && errno == ENOMEM;
}

static void never(void)
{
  CHECK_EQ("vm.overcommit_memory", memvp_sysctl("vm.overcommit_memory", 2), 2);
  const struct memvp_vmstat a = vmstat_now();
  const unsigned long room = a.nr_commit_limit - a.nr_committed_as;
  printf("overcommit: mode 2: a mapping of the room left plus one page: %s\n", refused(map_rw(room + 1, 0)) ? "ENOMEM" : "mapped");
  CHECK(refused(map_rw(room + 1, 0)));
  CHECK(refused(map_rw(room + 1, MAP_NORESERVE)));
  const unsigned long half = room / 2;
  void *p = map_rw(half, MAP_NORESERVE);  /* MAP_NORESERVE does not escape mode 2 */
  CHECK(p != MAP_FAILED);
  CHECK_EQ("Committed_AS after mapping half the room", vmstat_now().nr_committed_as, a.nr_committed_as + half);
  errno = 0;
  const pid_t child = fork();
  if (child == 0)
    _exit(0);
  printf("overcommit: mode 2: fork with half the room mapped: %s\n", child < 0 && errno == ENOMEM ? "ENOMEM" : "forked");
  CHECK(child < 0 && errno == ENOMEM);
  void *brk0 = sbrk(0);
  errno = 0;
  printf("overcommit: mode 2: brk past the room: %s\n", sbrk((long)(room - half + 1) * (long)PAGE_SIZE) == (void *)-1 && errno == ENOMEM ? "ENOMEM" : "moved");
  CHECK(sbrk(0) == brk0);
  CHECK_EQ("munmap", munmap(p, half * PAGE_SIZE), 0);
  CHECK_EQ("Committed_AS after munmap", vmstat_now().nr_committed_as, a.nr_committed_as);
  CHECK(sbrk(16 * PAGE_SIZE) == brk0);
  CHECK_EQ("Committed_AS after brk", vmstat_now().nr_committed_as, a.nr_committed_as + 16);
  CHECK(sbrk(-16 * (long)PAGE_SIZE) != (void *)-1);
  CHECK_EQ("Committed_AS after brk back", vmstat_now().nr_committed_as, a.nr_committed_as);
}

static void guess(void)
{
  CHECK_EQ("vm.overcommit_memory", memvp_sysctl("vm.overcommit_memory", 0), 0);
  const struct memvp_vmstat a = vmstat_now();
  const unsigned long ram = a.nr_total_pages;
  printf("overcommit: mode 0: one mapping of RAM + swap + 1 page: %s\n",
         refused(map_rw(ram + a.nr_swap_total + 1, 0)) ? "ENOMEM" : "mapped");
  CHECK(refused(map_rw(ram + a.nr_swap_total + 1, 0)));
  void *p = map_rw(ram, 0), *q = map_rw(ram, 0);
  CHECK(p != MAP_FAILED && q != MAP_FAILED);
  const struct memvp_vmstat b = vmstat_now();
  printf("overcommit: mode 0: two mappings of RAM each, Committed_AS over CommitLimit: %s\n",
         b.nr_committed_as > b.nr_commit_limit ? "yes" : "no");
  CHECK_EQ("Committed_AS", b.nr_committed_as, a.nr_committed_as + 2 * ram);
  munmap(p, ram * PAGE_SIZE);
  munmap(q, ram * PAGE_SIZE);
}

static void always(void)
{
  CHECK_EQ("vm.overcommit_memory", memvp_sysctl("vm.overcommit_memory", 1), 1);
  const struct memvp_vmstat a = vmstat_now();
  void *p = map_rw(8 * a.nr_total_pages, 0);
  printf("overcommit: mode 1: one mapping of 8 times RAM: %s\n", p != MAP_FAILED ? "mapped" : "ENOMEM");
  CHECK(p != MAP_FAILED);
  CHECK_EQ("Committed_AS", vmstat_now().nr_committed_as, a.nr_committed_as + 8 * a.nr_total_pages);
  munmap(p, 8 * a.nr_total_pages * PAGE_SIZE);
  CHECK_EQ("vm.overcommit_memory", memvp_sysctl("vm.overcommit_memory", 0), 0);
}

int main(void)
{
  const struct memvp_vmstat v = vmstat_now();
  printf("overcommit: MemTotal %lu kB, CommitLimit %lu kB\n", (unsigned long)v.nr_total_pages * 4,
         (unsigned long)v.nr_commit_limit * 4);
  CHECK_EQ("CommitLimit", v.nr_commit_limit, v.nr_total_pages * 50 / 100 + v.nr_swap_total);
  CHECK(v.nr_committed_as > 0 && v.nr_committed_as < v.nr_commit_limit);
  CHECK_EQ("vm.overcommit_ratio", memvp_sysctl("vm.overcommit_ratio", 100), 100);
  CHECK_EQ("CommitLimit at ratio 100", vmstat_now().nr_commit_limit, v.nr_total_pages + v.nr_swap_total);
  CHECK_EQ("vm.overcommit_ratio", memvp_sysctl("vm.overcommit_ratio", 50), 50);
  never();
  guess();
  always();
  printf("overcommit: PASS\n");
  return 0;
}
