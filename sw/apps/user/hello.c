/* hello: the user program init runs for its fork/exec/wait smoke test. It prints its pid and
 * arguments, so the caller sees that execve passed argv through. */
#include <stdio.h>

#include "memvp/user.h"

int main(int argc, char **argv)
{
  printf("hello from pid %d\n", (int)getpid());
  for (int i = 1; i < argc; i++)
    printf("argv[%d] = %s\n", i, argv[i]);
  return 0;
}
