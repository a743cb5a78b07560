/* Idle load-to-use latency by a dependent-load pointer chase, for the system tests that measure
 * it (numa_latency, load_latency): a 16 MiB buffer (16 x the L2) whose lines form one random
 * cycle (Sattolo's shuffle), so nearly every load misses the caches and nothing can be fetched
 * ahead. memvp only: the figures are timing. */
#pragma once
#include <stdint.h>

#define CHASE_BYTES (16ull << 20)

struct chase_latency {
  uint64_t cycles;  /* mcycle per load, rounded down */
  uint64_t ns;      /* mtime per load in ns, rounded to nearest */
};

/* Links the lines of the buffer at base into one cycle in random order. */
void chase_build(uintptr_t base);
/* One pass of the chain built at base; fails the test (exit 1) if it is not one cycle. */
struct chase_latency chase_measure(uintptr_t base);
