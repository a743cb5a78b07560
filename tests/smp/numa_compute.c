/* numa_compute: every hart runs the same compute kernel as sw/apps/bench (strided
 * read-modify-write walks, an insertion sort, an FNV-1a hash) on 256 KiB of its own, placed in
 * its own NUMA node's memory (two harts per node, NUMA_NODE_BYTES per node, nodes contiguous
 * from 0x8000_0000 as on QEMU virt and platforms/numa2.toml). Hart 0 prints each hart's
 * checksum, which depends only on the hart id and NUMA_ROUNDS, never on the interleaving.
 * The test build runs 1 round; scripts/bench --smp runs the longer build (NUMA_ROUNDS=24,
 * about 4e8 instructions over 4 harts) for the aggregate MIPS figure. */
#include "smp.h"

#ifndef NUMA_ROUNDS
#define NUMA_ROUNDS 1
#endif
#define NUMA_NODE_BYTES (64ull << 20)
#define NUMA_HARTS_PER_NODE 2
/* Node 0's first 16 MiB hold the program, its stacks and heap; each hart's data starts 16 MiB
 * into its node, 1 MiB apart. */
#define NUMA_DATA_OFFSET (16ull << 20)
#define NUMA_HART_STRIDE (1ull << 20)

#define WORDS (1u << 16) /* 256 KiB of uint32_t */
#define SORT_N 256
#define HASH_BYTES (1u << 14)

struct hart_data {
  uint32_t data[WORDS];
  uint32_t sorted[SORT_N];
  uint8_t bytes[HASH_BYTES];
};

static volatile uint64_t checksums[SMP_NHARTS];
static volatile uint32_t done;

static struct hart_data *local_data(uint64_t hart)
{
  uint64_t node = hart / NUMA_HARTS_PER_NODE;
  uint64_t slot = hart % NUMA_HARTS_PER_NODE;
  return (struct hart_data *)(uintptr_t)(0x80000000ull + node * NUMA_NODE_BYTES +
                                         NUMA_DATA_OFFSET + slot * NUMA_HART_STRIDE);
}

/* Walks the array with a stride coprime to its size, mixing and writing back. */
static uint64_t walk(struct hart_data *d, uint32_t stride, uint64_t acc)
{
  uint32_t i = 0;
  for (uint32_t n = 0; n < WORDS; n++) {
    uint32_t v = d->data[i];
    acc = (acc ^ v) * 0x100000001b3ull;
    if (v & 1)
      d->data[i] = v + (uint32_t)acc;
    else
      d->data[i] = (v >> 1) ^ (uint32_t)(acc >> 32);
    i = (i + stride) & (WORDS - 1);
  }
  return acc;
}

/* Insertion sort of SORT_N values drawn from the array: branchy, load/store heavy. */
static uint64_t sort_round(struct hart_data *d, uint32_t base)
{
  for (uint32_t k = 0; k < SORT_N; k++)
    d->sorted[k] = d->data[(base + k * 97) & (WORDS - 1)];
  for (uint32_t k = 1; k < SORT_N; k++) {
    uint32_t v = d->sorted[k];
    int32_t j = (int32_t)k - 1;
    while (j >= 0 && d->sorted[j] > v) {
      d->sorted[j + 1] = d->sorted[j];
      j--;
    }
    d->sorted[j + 1] = v;
  }
  uint64_t acc = 0;
  for (uint32_t k = 0; k < SORT_N; k++)
    acc = acc * 31 + d->sorted[k];
  return acc;
}

/* FNV-1a over a byte buffer refreshed from the array. */
static uint64_t hash_round(struct hart_data *d, uint32_t base)
{
  for (uint32_t k = 0; k < HASH_BYTES; k++)
    d->bytes[k] = (uint8_t)(d->data[(base + k) & (WORDS - 1)] >> (k & 24));
  uint64_t h = 0xcbf29ce484222325ull;
  for (uint32_t k = 0; k < HASH_BYTES; k++) {
    h ^= d->bytes[k];
    h *= 0x100000001b3ull;
  }
  return h;
}

static void work(uint64_t hart)
{
  struct hart_data *d = local_data(hart);
  uint64_t seed = 0x9e3779b97f4a7c15ull ^ (hart + 1) * 0xbf58476d1ce4e5b9ull;
  for (uint32_t k = 0; k < WORDS; k++)
    d->data[k] = (uint32_t)smp_rand(&seed);
  uint64_t sum = hart;
  for (uint32_t r = 0; r < NUMA_ROUNDS; r++) {
    sum = walk(d, 1, sum);
    sum = walk(d, 2 * r + 3, sum);
    sum ^= sort_round(d, r * 4099);
    sum += hash_round(d, r * 977);
    sum = walk(d, WORDS / 2 + 1, sum);
  }
  checksums[hart] = sum;
  smp_amoadd_w(&done, 1);
}

void rt_secondary_main(void)
{
  if (rt_hart_id() < SMP_NHARTS)
    work(rt_hart_id());
}

int main(void)
{
  work(0);
  smp_wait_at_least(&done, SMP_NHARTS, "done");
  printf("harts: %d, rounds: %d\n", SMP_NHARTS, NUMA_ROUNDS);
  uint64_t all = 0;
  for (int h = 0; h < SMP_NHARTS; h++) {
    printf("hart %d checksum %016llx\n", h, (unsigned long long)checksums[h]);
    all ^= checksums[h] * (2 * h + 1);
  }
  printf("checksum %016llx\n", (unsigned long long)all);
  return guest_pass();
}
