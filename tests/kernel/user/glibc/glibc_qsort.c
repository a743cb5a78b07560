/* An unmodified static glibc program: stdio and qsort on a large array. 262144 pseudo-random
 * 32-bit keys (a fixed linear congruential sequence) are sorted by qsort (glibc's merge sort,
 * whose 1 MiB scratch buffer comes from malloc, hence from mmap), then checked in order and
 * against the sum before the sort; snprintf/sscanf round-trip every 4096th key. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { N = 262144 };

static int cmp_u32(const void *a, const void *b)
{
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

int main(void)
{
  uint32_t *keys = malloc(N * sizeof(*keys));
  if (!keys) {
    perror("glibc_qsort: malloc");
    return 1;
  }
  uint32_t x = 12345;
  uint64_t sum = 0;
  for (int i = 0; i < N; i++) {
    x = x * 1103515245u + 12345u;  /* the C standard's example rand(), all 32 bits */
    keys[i] = x;
    sum += x;
  }
  qsort(keys, N, sizeof(*keys), cmp_u32);
  uint64_t sorted_sum = 0;
  int in_order = 1;
  for (int i = 0; i < N; i++) {
    sorted_sum += keys[i];
    if (i > 0 && keys[i - 1] > keys[i])
      in_order = 0;
  }
  printf("glibc_qsort: %d keys, sum %" PRIu64 " before and %" PRIu64 " after, %s\n", N, sum, sorted_sum,
         in_order ? "in order" : "NOT in order");
  int round_trips = 0;
  char text[32];
  for (int i = 0; i < N; i += 4096) {
    unsigned back = 0;
    snprintf(text, sizeof(text), "%08" PRIx32, keys[i]);
    if (sscanf(text, "%x", &back) == 1 && back == keys[i])
      round_trips++;
  }
  printf("glibc_qsort: min %08" PRIx32 " median %08" PRIx32 " max %08" PRIx32 ", %d/%d printed and read back\n",
         keys[0], keys[N / 2], keys[N - 1], round_trips, N / 4096);
  fputs("glibc_qsort: first keys:", stdout);
  for (int i = 0; i < 4; i++)
    printf(" %" PRIu32, keys[i]);
  putchar('\n');
  free(keys);
  int ok = in_order && sum == sorted_sum && round_trips == N / 4096;
  printf("glibc_qsort: %s\n", ok ? "PASS" : "FAIL");
  return ok ? 0 : 1;
}
