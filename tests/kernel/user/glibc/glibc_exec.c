/* An unmodified static glibc program that makes processes: glibc's fork (clone with
 * CLONE_CHILD_SETTID, so the child's thread knows its tid), clone itself with
 * CLONE_PARENT_SETTID and CLONE_CHILD_SETTID, waitpid (wait4) of a child that
 * exits with 3 and of one killed by SIGSEGV, and fork + execve of glibc_hello with an argument
 * and an environment of its own. Prints the statuses; exits 1 at the first difference. */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int failures;

static void check(const char *what, int ok)
{
  if (!ok) {
    printf("glibc_exec: FAIL %s\n", what);
    failures++;
  }
}

static int wait_for(pid_t child)
{
  int status = -1;
  check("waitpid returns the child", waitpid(child, &status, 0) == child);
  return status;
}

int main(void)
{
  printf("glibc_exec: pid %d\n", getpid());
  fflush(stdout);  /* the children must not print the parent's buffered lines again */
  pid_t child = fork();
  if (child == 0) {
    /* glibc's own idea of the thread's tid comes from CLONE_CHILD_SETTID. */
    printf("glibc_exec: child pid %d, gettid %ld\n", getpid(), syscall(SYS_gettid));
    exit(3);
  }
  int status = wait_for(child);
  printf("glibc_exec: child %d exited %d\n", child, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  check("exit status 3", WIFEXITED(status) && WEXITSTATUS(status) == 3);

  /* clone(flags, newsp, ptid, tls, ctid), RISC-V's order: each side finds the child's pid
   * stored in its own copy of the memory. */
  static int ptid, ctid;
  child = syscall(SYS_clone, CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | SIGCHLD, 0, &ptid, 0, &ctid);
  if (child == 0)
    _exit(ctid == getpid() && ptid == 0 ? 0 : 1);
  status = wait_for(child);
  printf("glibc_exec: clone: parent's ptid %s, child's ctid %s\n", ptid == child ? "set" : "NOT set",
         WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "set" : "NOT set");
  check("CLONE_PARENT_SETTID", ptid == child && ctid == 0);
  check("CLONE_CHILD_SETTID", WIFEXITED(status) && WEXITSTATUS(status) == 0);

  child = fork();
  if (child == 0) {
    volatile int *volatile unmapped = NULL;
    *unmapped = 1;
    _exit(0);
  }
  status = wait_for(child);
  printf("glibc_exec: child %d killed by signal %d\n", child, WIFSIGNALED(status) ? WTERMSIG(status) : -1);
  check("SIGSEGV", WIFSIGNALED(status) && WTERMSIG(status) == 11);

  child = fork();
  if (child == 0) {
    char *const argv[] = {"glibc_hello", "from-exec", NULL};
    char *const envp[] = {"GREETING=hello", NULL};
    execve("/glibc_hello", argv, envp);
    perror("glibc_exec: execve");
    _exit(127);
  }
  status = wait_for(child);
  printf("glibc_exec: glibc_hello %d exited %d\n", child, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  check("glibc_hello passed", WIFEXITED(status) && WEXITSTATUS(status) == 0);
  printf("glibc_exec: %s\n", failures ? "FAIL" : "PASS");
  return failures ? 1 : 0;
}
