/* numa_latency: idle load-to-use latency of node 0's and node 1's DRAM seen from hart 0 (on
 * node 0) of platforms/numa2.toml, by the pointer chase of pointer_chase.c. Prints each
 * latency in cycles and ns per load, the ratio, and whether it lies in [1.4, 1.8] (two-socket Xeons:
 * 81-90 ns local, 140-144 ns remote); fails (exit 1) when it does not. The other harts park. */
#include <stdint.h>
#include <stdio.h>

#include "memvp/rt.h"
#include "pointer_chase.h"

/* numa2: node 0 is [0x8000_0000, 0x8400_0000), node 1 [0x8400_0000, 0x8800_0000). The
 * program image, stacks and heap take the first 16 MiB of node 0; the DTB lies in the top
 * 2 MiB of node 1. */
#define NODE0_BUF 0x81000000ull
#define NODE1_BUF 0x85000000ull

int main(void)
{
  chase_build(NODE0_BUF);
  chase_build(NODE1_BUF);
  struct chase_latency l = chase_measure(NODE0_BUF);
  struct chase_latency r = chase_measure(NODE1_BUF);
  uint64_t ratio100 = (r.cycles * 100 + l.cycles / 2) / l.cycles;
  int ok = ratio100 >= 140 && ratio100 <= 180;
  printf("local (node 0): %llu cycles per load (%llu ns)\n", (unsigned long long)l.cycles,
         (unsigned long long)l.ns);
  printf("remote (node 1): %llu cycles per load (%llu ns)\n", (unsigned long long)r.cycles,
         (unsigned long long)r.ns);
  printf("remote/local: %llu.%02llu\n", (unsigned long long)(ratio100 / 100),
         (unsigned long long)(ratio100 % 100));
  printf("remote/local in [1.4,1.8]: %s\n", ok ? "yes" : "no");
  if (!ok)
    return 1;
  printf("PASS\n");
  return 0;
}
