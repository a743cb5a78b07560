/* hello_bare: the smallest bare-metal console program on memvp and QEMU virt. It prints only text that
 * both machines produce alike (no DTB address, no timing) and exits through the finisher. */
#include <stdio.h>

#include "memvp/rt.h"

int main(void)
{
  printf("Hello from memvp guest on hart %lu\n", (unsigned long)rt_hart_id());
  printf("RV64IMAC bare metal, M-mode\n");
  return 0;
}
