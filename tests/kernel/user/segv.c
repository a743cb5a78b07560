/* segv: a process that makes a bad access is killed with SIGSEGV and the rest carry on. One
 * child at a time: a write to an unmapped address, a write to a page made read-only with
 * mprotect, a write to the program's own text, a child killed with SIGKILL by its parent, and
 * one that reads the read-only page and exits normally. The parent prints each one's fate and
 * checks segv_kills counted the three bad accesses. */
#include <string.h>

#include "utest.h"

static volatile unsigned long *ro_page;
static struct memvp_vmstat v1, v2;

static void unmapped_write(void)
{
  /* Below the program's text (linked at 0x10000): never mapped. */
  *(volatile unsigned long *)0x8000 = 1;
}

static void readonly_write(void)
{
  ro_page[1] = 2;
}

static void text_write(void)
{
  *(volatile unsigned int *)(void *)&unmapped_write = 0;
}

static void spin_forever(void)
{
  for (;;)
    sched_yield();
}

static void read_readonly(void)
{
  if (ro_page[0] != 0x5eed)
    _exit(3);
}

struct child_case {
  const char *name;
  void (*run)(void);
  int killed_by_kill; /* the parent sends SIGKILL */
};

static const struct child_case cases[] = {
    {"write to an unmapped address", unmapped_write, 0},
    {"write to a read-only page", readonly_write, 0},
    {"write to its own text", text_write, 0},
    {"spins until SIGKILL", spin_forever, 1},
    {"reads the read-only page", read_readonly, 0},
};

static const char *fate(int status, char *buf, size_t len)
{
  if (WIFEXITED(status))
    snprintf(buf, len, "exited with status %d", WEXITSTATUS(status));
  else if (WIFSIGNALED(status))
    snprintf(buf, len, "killed by signal %d%s", WTERMSIG(status),
             WTERMSIG(status) == SIGSEGV ? " (SIGSEGV)" : WTERMSIG(status) == SIGKILL ? " (SIGKILL)" : "");
  else
    snprintf(buf, len, "status 0x%x", status);
  return buf;
}

int main(void)
{
  memset(&v1, 0, sizeof v1), memset(&v2, 0, sizeof v2);
  ro_page = (volatile unsigned long *)map_anon(PAGE_SIZE);
  ro_page[0] = 0x5eed;
  if (mprotect((void *)ro_page, PAGE_SIZE, PROT_READ) != 0)
    FAIL("mprotect failed");
  printf("segv: start\n");

  v1 = vmstat_now();
  int want_signal[] = {SIGSEGV, SIGSEGV, SIGSEGV, SIGKILL, 0};
  for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    pid_t pid = fork();
    if (pid < 0)
      FAIL("fork failed");
    if (pid == 0) {
      cases[i].run();
      _exit(0);
    }
    if (cases[i].killed_by_kill) {
      sched_yield();
      if (kill(pid, SIGKILL) != 0)
        FAIL("kill failed");
    }
    int status = 0;
    CHECK_EQ("wait4 result", wait4(pid, &status, 0, NULL), pid);
    char buf[64];
    printf("segv: child %u (%s): %s\n", i + 1, cases[i].name, fate(status, buf, sizeof buf));
    if (want_signal[i])
      CHECK(WIFSIGNALED(status) && WTERMSIG(status) == want_signal[i]);
    else
      CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  v2 = vmstat_now();
  printf("segv: segv_kills +%lu\n", (unsigned long)(v2.segv_kills - v1.segv_kills));
  CHECK_EQ("segv_kills delta", v2.segv_kills - v1.segv_kills, 3);
  printf("segv: PASS\n");
  return 0;
}
