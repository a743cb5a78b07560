/* fs_hello: a program that lives only on the disk image (/bin/fs_hello), run by fs_test's
 * execve to show exec from the file system; prints its arguments and its working directory,
 * and exits 42. */
#include <stdio.h>

#include "memvp/user.h"

int main(int argc, char **argv)
{
  char cwd[64];
  printf("fs_hello: started from the disk with %d arguments:", argc);
  for (int i = 1; i < argc; i++)
    printf(" %s", argv[i]);
  printf("; cwd %s\n", getcwd(cwd, sizeof(cwd)) ? cwd : "?");
  return 42;
}
