/* numa_latency: idle load-to-use latency of node 0's and node 1's DRAM seen from hart 0 (on
 * node 0) of platforms/numa2.toml, by a dependent-load pointer chase timed with mcycle. Each
 * buffer is 16 MiB (16 x the L2) and its lines form one random cycle (Sattolo's shuffle), so
 * nearly every load misses the caches and nothing can be fetched ahead. Prints each latency
 * in cycles per load, the ratio, and whether it lies in [1.4, 1.8] (DESIGN §8: 81-90 ns
 * local, 140-144 ns remote); fails (exit 1) when it does not. memvp only: the figures are
 * timing. The other harts park. */
#include <stdint.h>
#include <stdio.h>

#include "memvp/rt.h"

/* numa2: node 0 is [0x8000_0000, 0x8400_0000), node 1 [0x8400_0000, 0x8800_0000). The
 * program image, stacks and heap take the first 16 MiB of node 0; the DTB lies in the top
 * 2 MiB of node 1. */
#define NODE0_BUF 0x81000000ull
#define NODE1_BUF 0x85000000ull
#define BUF_BYTES (16ull << 20)
#define LINE 64
#define LINES (BUF_BYTES / LINE)

struct line {
  struct line *next;
  uint64_t pad[LINE / 8 - 1];
};

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t rand64(void)
{
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

static inline uint64_t mcycle(void)
{
  uint64_t c;
  __asm__ volatile("csrr %0, mcycle" : "=r"(c)::"memory");
  return c;
}

/* Links the lines of buf into one cycle visiting every line in random order: Sattolo's
 * algorithm turns the identity into a uniformly random cyclic permutation in place. */
static void build_chain(struct line *buf)
{
  for (uint64_t i = 0; i < LINES; i++)
    buf[i].next = &buf[i];
  for (uint64_t i = LINES - 1; i > 0; i--) {
    uint64_t j = rand64() % i;
    struct line *t = buf[i].next;
    buf[i].next = buf[j].next;
    buf[j].next = t;
  }
}

/* Cycles per load over one pass of the chain; every load's address is the previous load's
 * result. */
static uint64_t chase(struct line *buf)
{
  struct line *p = buf;
  uint64_t start = mcycle();
  for (uint64_t i = 0; i < LINES; i++)
    p = p->next;
  uint64_t end = mcycle();
  if (p != buf) {
    printf("chain: FAIL not one cycle\n");
    rt_exit(1);
  }
  return (end - start) / LINES;
}

int main(void)
{
  struct line *local = (struct line *)(uintptr_t)NODE0_BUF;
  struct line *remote = (struct line *)(uintptr_t)NODE1_BUF;
  build_chain(local);
  build_chain(remote);
  uint64_t l = chase(local);
  uint64_t r = chase(remote);
  uint64_t ratio100 = (r * 100 + l / 2) / l;
  int ok = ratio100 >= 140 && ratio100 <= 180;
  printf("local (node 0): %llu cycles per load\n", (unsigned long long)l);
  printf("remote (node 1): %llu cycles per load\n", (unsigned long long)r);
  printf("remote/local: %llu.%02llu\n", (unsigned long long)(ratio100 / 100),
         (unsigned long long)(ratio100 % 100));
  printf("remote/local in [1.4,1.8]: %s\n", ok ? "yes" : "no");
  if (!ok)
    return 1;
  printf("PASS\n");
  return 0;
}
