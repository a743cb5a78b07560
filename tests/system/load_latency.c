/* load_latency: idle load-to-use latency of a one-node machine (platforms/ddr4.toml with
 * caches), by the pointer chase of pointer_chase.c over 16 MiB above the program image.
 * Prints the latency in cycles and ns per load; the figure is compared with the one the
 * README and docs/dram.md quote (check_quoted_latency.cmake). */
#include <stdio.h>

#include "pointer_chase.h"

#define BUF 0x81000000ull  /* the image, stacks and heap take the first 16 MiB */

int main(void)
{
  chase_build(BUF);
  struct chase_latency l = chase_measure(BUF);
  printf("load-to-use: %llu cycles per load (%llu ns)\n", (unsigned long long)l.cycles,
         (unsigned long long)l.ns);
  printf("PASS\n");
  return 0;
}
