/* init: the default first process. It announces itself, then runs the fork/exec/wait smoke
 * test: a child execs the user program hello with one argument, and init reports how it
 * ended. init's exit status becomes the machine's (0 = pass). */
#include "utest.h"

int main(void)
{
  printf("memvp init: pid %d\n", (int)getpid());
  pid_t child = fork();
  if (child < 0)
    FAIL("fork failed");
  if (child == 0) {
    char *const argv[] = {"hello", "from-init", NULL};
    char *const envp[] = {NULL};
    execve("hello", argv, envp);
    printf("init: execve of hello failed\n");
    _exit(127);
  }
  int status = 0;
  pid_t got = wait4(child, &status, 0, NULL);
  CHECK_EQ("wait4 result", got, child);
  if (!WIFEXITED(status))
    FAIL("hello did not exit normally (status 0x%x)", status);
  printf("init: hello (pid %d) exited with status %d\n", (int)child, WEXITSTATUS(status));
  CHECK_EQ("hello's exit status", WEXITSTATUS(status), 0);
  printf("init: done\n");
  return 0;
}
