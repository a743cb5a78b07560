/* libc: the user library itself. malloc/free/realloc/calloc over brk (many blocks, freed
 * and reused, contents kept), sbrk, printf formats, errno from failing system calls (among
 * them execve of a missing program, and of an initramfs file that is not an ELF executable),
 * fork with exit statuses, clone(CLONE_VM) sharing memory with its parent, the auxv, and the
 * remaining calls (clocks, nanosleep, ids, oom_score_adj and the /proc texts). */
#include <errno.h>
#include <string.h>

#include "utest.h"

#define NBLOCKS 200

static int shared_counter;
static char clone_stack[8192] __attribute__((aligned(16)));

static void test_malloc(void)
{
  static unsigned char *blocks[NBLOCKS];
  for (int round = 0; round < 3; round++) {
    for (int i = 0; i < NBLOCKS; i++) {
      size_t n = (size_t)(i * 37 % 3000) + 1;
      blocks[i] = malloc(n);
      CHECK(blocks[i] != NULL && ((unsigned long)blocks[i] & 15) == 0);
      memset(blocks[i], i & 0xff, n);
    }
    for (int i = 0; i < NBLOCKS; i += 2)
      free(blocks[i]);
    for (int i = 1; i < NBLOCKS; i += 2) {
      size_t n = (size_t)(i * 37 % 3000) + 1;
      for (size_t k = 0; k < n; k++)
        if (blocks[i][k] != (i & 0xff))
          FAIL("block %d byte %lu corrupted", i, (unsigned long)k);
      free(blocks[i]);
    }
  }
  char *p = calloc(100, 10);
  CHECK(p != NULL);
  for (int i = 0; i < 1000; i++)
    CHECK(p[i] == 0);
  strcpy(p, "realloc keeps contents");
  p = realloc(p, 50000);
  CHECK(p != NULL && strcmp(p, "realloc keeps contents") == 0);
  free(p);
  void *big = malloc(1 << 20);
  CHECK(big != NULL);
  memset(big, 1, 1 << 20);
  free(big);
  printf("libc: malloc/free/calloc/realloc: ok\n");
}

static void test_sbrk_and_errno(void)
{
  char *a = sbrk(0);
  char *b = sbrk(8192);
  CHECK(a == b);
  CHECK((char *)sbrk(0) == a + 8192);
  b[8191] = 1;
  CHECK(sbrk(-8192) == a + 8192);
  errno = 0;
  CHECK(munmap((void *)0x10001, 4096) == -1);
  CHECK_EQ("errno of munmap(unaligned)", errno, EINVAL);
  errno = 0;
  CHECK(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED);
  CHECK_EQ("errno of mmap(len 0)", errno, EINVAL);
  printf("libc: sbrk and errno: ok\n");
}

static void test_printf(void)
{
  char buf[96];
  snprintf(buf, sizeof buf, "%d %u %x %lx %s %c %5d|%-3d|%03d", -12, 34u, 0xbeef, 0x123456789abUL, "str", 'c', 42, 7,
           5);
  CHECK(strcmp(buf, "-12 34 beef 123456789ab str c    42|7  |005") == 0);
  printf("libc: printf formats: ok\n");
}

static int clone_child(void *arg)
{
  shared_counter += *(int *)arg;
  return 5;
}

static void test_processes(void)
{
  for (int code = 0; code < 3; code++) {
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0)
      _exit(code + 40);
    int status = -1;
    CHECK_EQ("waitpid result", waitpid(pid, &status, 0), pid);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == code + 40);
  }
  errno = 0;
  CHECK(waitpid(-1, NULL, 0) == -1 && errno == ECHILD);
  char *const argv[] = {"no_such_program", NULL};
  errno = 0;
  CHECK(execve("no_such_program", argv, NULL) == -1 && errno == ENOENT);
  char *const bad_argv[] = {"not_elf", NULL};
  errno = 0;
  CHECK(execve("not_elf", bad_argv, NULL) == -1 && errno == ENOEXEC);

  int add = 11;
  int pid = clone(clone_child, clone_stack + sizeof clone_stack, CLONE_VM | SIGCHLD, &add);
  CHECK(pid > 0);
  int status = -1;
  CHECK_EQ("wait4 of the CLONE_VM child", wait4(pid, &status, 0, NULL), pid);
  CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 5);
  CHECK_EQ("memory the CLONE_VM child wrote", shared_counter, 11);
  printf("libc: fork, wait statuses, execve errors, clone(CLONE_VM): ok\n");
}

/* The remaining wrappers: time, sleep, identity, and memvp's own calls. */
static void test_other_calls(void)
{
  struct timespec t0, t1, nap = {0, 1000000};
  CHECK(clock_gettime(CLOCK_MONOTONIC, &t0) == 0);
  CHECK(nanosleep(&nap, NULL) == 0);
  CHECK(clock_gettime(CLOCK_MONOTONIC, &t1) == 0);
  CHECK(t1.tv_sec > t0.tv_sec || (t1.tv_sec == t0.tv_sec && t1.tv_nsec >= t0.tv_nsec + 1000000));
  errno = 0;
  CHECK(clock_gettime(99, &t0) == -1 && errno == EINVAL);
  CHECK(sched_yield() == 0);

  pid_t me = getpid();
  CHECK(gettid() == me);
  pid_t pid = fork();
  if (pid == 0)
    _exit(getppid() == me ? 0 : 1);
  int status = -1;
  CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);

  CHECK(memvp_hartid() >= 0 && memvp_hartid() < memvp_nr_harts());
  CHECK(memvp_oom_score_adj(0, 500) == 0);
  struct memvp_proc_stat st = proc_stat_self();
  CHECK_EQ("oom_score_adj", st.oom_score_adj, 500);
  CHECK_EQ("pid", st.pid, me);
  errno = 0;
  CHECK(memvp_oom_score_adj(0, 2000) == -1 && errno == EINVAL);
  static char text[8192];
  long n = memvp_buddyinfo(text, sizeof text);
  CHECK(n > 0 && strncmp(text, "Node 0, zone", 12) == 0);
  n = memvp_slabinfo(text, sizeof text);
  CHECK(n > 0 && strncmp(text, "slabinfo - version: 2.1", 23) == 0);
  n = memvp_maps(0, text, sizeof text);
  CHECK(n > 0 && strncmp(text, "00010000-", 9) == 0);
  printf("libc: clock_gettime, nanosleep, ids, memvp calls: ok\n");
}

int main(int argc, char **argv)
{
  CHECK(argc >= 1 && argv[argc] == NULL);
  CHECK_EQ("AT_PAGESZ", getauxval(AT_PAGESZ), 4096);
  CHECK_EQ("AT_ENTRY", getauxval(AT_ENTRY), 0x10000);
  test_malloc();
  test_sbrk_and_errno();
  test_printf();
  test_processes();
  test_other_calls();
  printf("libc: PASS\n");
  return 0;
}
