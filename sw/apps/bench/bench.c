/* bench: a fixed, deterministic workload of a little over 1e9 RV64 instructions for
 * measuring simulator speed (scripts/bench). It mixes ALU work, branches, loads and stores:
 * strided walks over an array larger than an L1 cache, an insertion sort and an
 * FNV-1a hash. Only the final checksum is printed, so QEMU and memvp print the same line. */
#include <stdint.h>
#include <stdio.h>

#define WORDS   (1u << 16)   /* 256 KiB of uint32_t */
#define SORT_N  256
#define ROUNDS  236

static uint32_t data[WORDS];
static uint32_t sorted[SORT_N];
static uint8_t bytes[1u << 14];

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t xorshift64(void)
{
  uint64_t x = rng_state;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  return rng_state = x;
}

/* Walks the array with a stride coprime to its size, mixing and writing back. */
static uint64_t walk(uint32_t stride, uint64_t acc)
{
  uint32_t i = 0;
  for (uint32_t n = 0; n < WORDS; n++) {
    uint32_t v = data[i];
    acc = (acc ^ v) * 0x100000001b3ull;
    if (v & 1)
      data[i] = v + (uint32_t)acc;
    else
      data[i] = (v >> 1) ^ (uint32_t)(acc >> 32);
    i = (i + stride) & (WORDS - 1);
  }
  return acc;
}

/* Insertion sort of SORT_N values drawn from the array: branchy, load/store heavy. */
static uint64_t sort_round(uint32_t base)
{
  for (uint32_t k = 0; k < SORT_N; k++)
    sorted[k] = data[(base + k * 97) & (WORDS - 1)];
  for (uint32_t k = 1; k < SORT_N; k++) {
    uint32_t v = sorted[k];
    int32_t j = (int32_t)k - 1;
    while (j >= 0 && sorted[j] > v) {
      sorted[j + 1] = sorted[j];
      j--;
    }
    sorted[j + 1] = v;
  }
  uint64_t acc = 0;
  for (uint32_t k = 0; k < SORT_N; k++)
    acc = acc * 31 + sorted[k];
  return acc;
}

/* FNV-1a over a byte buffer refreshed from the array. */
static uint64_t hash_round(uint32_t base)
{
  for (uint32_t k = 0; k < sizeof bytes; k++)
    bytes[k] = (uint8_t)(data[(base + k) & (WORDS - 1)] >> (k & 24));
  uint64_t h = 0xcbf29ce484222325ull;
  for (uint32_t k = 0; k < sizeof bytes; k++) {
    h ^= bytes[k];
    h *= 0x100000001b3ull;
  }
  return h;
}

int main(void)
{
  for (uint32_t k = 0; k < WORDS; k++)
    data[k] = (uint32_t)xorshift64();

  uint64_t sum = 0;
  for (uint32_t r = 0; r < ROUNDS; r++) {
    sum = walk(1, sum);
    sum = walk(2 * r + 3, sum);
    sum ^= sort_round(r * 4099);
    sum += hash_round(r * 977);
    sum = walk(WORDS / 2 + 1, sum);
  }
  printf("bench: checksum %016lx\n", (unsigned long)sum);
  return 0;
}
