/* oom_panic (docs/kernel.md "OOM killer"): with nothing killable left the OOM killer panics.
 * The only other process sets oom_score_adj -1000 and sleeps in a pipe read; init (pid 1, never
 * chosen) then faults in 1 MiB more than is free. The kernel prints the task table and "Out of
 * memory and no killable processes...", then panics: the machine stops with status 255. */
#include "utest.h"

static void touch(char *p, unsigned long len)
{
  for (unsigned long off = 0; off < len; off += PAGE_SIZE)
    p[off] = 1;
}

int main(void)
{
  int ready[2], go[2];
  CHECK(pipe2(ready, 0) == 0 && pipe2(go, 0) == 0);
  pid_t child = fork();
  CHECK(child >= 0);
  char byte = 1;
  if (child == 0) {
    if (memvp_oom_score_adj(0, -1000) != 0)
      _exit(2);
    touch(map_anon(2UL << 20), 2UL << 20);
    if (write(ready[1], &byte, 1) != 1 || read(go[0], &byte, 1) != 1)
      _exit(3);
    _exit(0);
  }
  CHECK(read(ready[0], &byte, 1) == 1);
  const unsigned long len = (vmstat_now().nr_free_pages << 12) + (1UL << 20);
  printf("oom_panic: the only other process is at -1000; init faults in free memory + 1 MiB\n");
  touch(map_anon(len), len);
  FAIL("the allocation went through");
}
