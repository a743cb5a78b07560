/* Process start and end for memvp user programs: __libc_start_main receives what crt1.S found
 * on the initial stack (argc, argv, envp, then the auxiliary vector, as the Linux ELF ABI lays
 * them out; Linux fs/binfmt_elf.c create_elf_tables), runs constructors and main, and exits
 * with main's result. exit() flushes stdout first; _exit() ends every thread (exit_group). */
#include <stdio.h>
#include <stdlib.h>

#include "memvp/user.h"

extern int main(int argc, char **argv, char **envp);
extern void __libc_init_array(void);

char **environ;
static unsigned long *auxv;

unsigned long getauxval(unsigned long type)
{
  for (unsigned long *a = auxv; a && a[0] != AT_NULL; a += 2)
    if (a[0] == type)
      return a[1];
  return 0;
}

__attribute__((noreturn)) void __libc_start_main(int argc, char **argv, char **envp)
{
  environ = envp;
  char **p = envp;
  while (*p)
    p++;
  auxv = (unsigned long *)(p + 1);
  __libc_init_array();
  exit(main(argc, argv, envp));
}

void exit(int code)
{
  fflush(stdout);
  _exit(code);
}

void _exit(int code)
{
  for (;;)
    __syscall(__NR_exit_group, code, 0, 0, 0, 0, 0);
}

/* Like glibc, flush stdio before the address space is duplicated, so that buffered output
 * is written once (by the parent), not twice. */
pid_t fork(void)
{
  fflush(stdout);
  /* RISC-V's clone argument order: flags, newsp, parent_tid, tls, child_tid. */
  return (pid_t)__syscall_ret(__syscall(__NR_clone, SIGCHLD, 0, 0, 0, 0, 0));
}
