/* segv: a process that makes a bad access is killed with SIGSEGV and the rest carry on. One
 * child at a time: a write to an unmapped address, a write to a page made read-only with
 * mprotect, a write to the program's own text, a jump into a page without PROT_EXEC, a write
 * into a hole that munmap punched in a mapping, a child killed with SIGKILL by its parent, and
 * two that exit normally (one reads the read-only page, one writes to a page made writable
 * again). The parent prints each one's fate and checks segv_kills counted the bad accesses. */
#include <string.h>

#include "utest.h"

static volatile unsigned long *ro_page;
static unsigned int *noexec_page;
static volatile char *holed; /* three pages, the middle one unmapped */
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

static void jump_to_noexec(void)
{
  void (*fn)(void) = (void (*)(void))(void *)noexec_page;
  fn();
}

static void write_into_hole(void)
{
  holed[0] = 1;
  holed[2 * PAGE_SIZE] = 1;
  holed[PAGE_SIZE] = 1;
}

static void write_after_mprotect_rw(void)
{
  if (mprotect((void *)ro_page, PAGE_SIZE, PROT_READ | PROT_WRITE) != 0)
    _exit(4);
  ro_page[2] = 3;
  if (ro_page[0] != 0x5eed || ro_page[2] != 3)
    _exit(5);
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
    {"jump into a page without PROT_EXEC", jump_to_noexec, 0},
    {"write into a hole punched by munmap", write_into_hole, 0},
    {"spins until SIGKILL", spin_forever, 1},
    {"reads the read-only page", read_readonly, 0},
    {"writes the page made writable again", write_after_mprotect_rw, 0},
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
  noexec_page = (unsigned int *)map_anon(PAGE_SIZE);
  noexec_page[0] = 0x00008067; /* ret (jalr x0, 0(ra)): harmless if it ran */
  holed = map_anon(3 * PAGE_SIZE);
  if (munmap((void *)(holed + PAGE_SIZE), PAGE_SIZE) != 0)
    FAIL("munmap of the middle page failed");
  printf("segv: start\n");

  v1 = vmstat_now();
  int want_signal[] = {SIGSEGV, SIGSEGV, SIGSEGV, SIGSEGV, SIGSEGV, SIGKILL, 0, 0};
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
  CHECK_EQ("segv_kills delta", v2.segv_kills - v1.segv_kills, 5);
  printf("segv: PASS\n");
  return 0;
}
