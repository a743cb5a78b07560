/* An unmodified static glibc program that lives in malloc: a chained hash table of 40000
 * string keys (one node and one strdup'd key each, on glibc's brk heap), grown by realloc of
 * its bucket array and rehashing, half of it deleted and re-inserted, plus blocks of 128 KiB
 * and more (glibc's mmap threshold: each its own mapping, grown by realloc, i.e. mremap or
 * copy) and calloc'd memory that must read zero. Counts, sums and mallinfo2's totals of what
 * is in use are printed; any lost or corrupted entry fails. Then mremap itself: growing in
 * place into a hole, -ENOMEM without MREMAP_MAYMOVE when the hole is too small, a move with it
 * that keeps every page's bytes, shrinking and growing back in place, EFAULT and EINVAL. */
#define _GNU_SOURCE
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

struct node {
  struct node *next;
  char *key;
  uint64_t value;
};

struct table {
  struct node **buckets;
  size_t nbuckets, count;
};

static uint64_t hash(const char *s)
{
  uint64_t h = 1469598103934665603ull;  /* FNV-1a */
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 1099511628211ull;
  return h;
}

static int grow(struct table *t)
{
  size_t n = t->nbuckets ? t->nbuckets * 2 : 16;
  struct node **b = calloc(n, sizeof(*b));
  if (!b)
    return -1;
  for (size_t i = 0; i < t->nbuckets; i++)
    for (struct node *e = t->buckets[i], *next; e; e = next) {
      next = e->next;
      size_t j = hash(e->key) & (n - 1);
      e->next = b[j];
      b[j] = e;
    }
  free(t->buckets);
  t->buckets = b;
  t->nbuckets = n;
  return 0;
}

static int insert(struct table *t, const char *key, uint64_t value)
{
  if (t->count >= t->nbuckets && grow(t))
    return -1;
  struct node *e = malloc(sizeof(*e));
  if (!e || !(e->key = strdup(key)))
    return -1;
  size_t j = hash(key) & (t->nbuckets - 1);
  e->value = value;
  e->next = t->buckets[j];
  t->buckets[j] = e;
  t->count++;
  return 0;
}

static struct node **find(struct table *t, const char *key)
{
  struct node **p = &t->buckets[hash(key) & (t->nbuckets - 1)];
  while (*p && strcmp((*p)->key, key))
    p = &(*p)->next;
  return p;
}

static int erase(struct table *t, const char *key)
{
  struct node **p = find(t, key), *e = *p;
  if (!e)
    return -1;
  *p = e->next;
  free(e->key);
  free(e);
  t->count--;
  return 0;
}

enum { KEYS = 20000 };

static void key_of(int i, char *buf, size_t len)
{
  /* Keys of 6 to 37 characters, so that the chunks come in many sizes. */
  snprintf(buf, len, "key-%d-%.*s", i, i % 32, "abcdefghijklmnopqrstuvwxyzABCDEF");
}

static int hash_table(void)
{
  struct table t = {0};
  char key[64];
  for (int i = 0; i < KEYS; i++) {
    key_of(i, key, sizeof(key));
    if (insert(&t, key, (uint64_t)i * i))
      return -1;
  }
  for (int i = 0; i < KEYS; i += 2) {
    key_of(i, key, sizeof(key));
    if (erase(&t, key))
      return -1;
  }
  printf("glibc_malloc: hash table: %zu keys in %zu buckets after deleting the even ones\n", t.count, t.nbuckets);
  for (int i = 0; i < KEYS; i += 2) {
    key_of(i, key, sizeof(key));
    if (insert(&t, key, (uint64_t)i * i))
      return -1;
  }
  uint64_t sum = 0;
  int found = 0;
  for (int i = 0; i < KEYS; i++) {
    key_of(i, key, sizeof(key));
    struct node *e = *find(&t, key);
    if (e && e->value == (uint64_t)i * i) {
      found++;
      sum += e->value;
    }
  }
  struct mallinfo2 mi = mallinfo2();
  printf("glibc_malloc: %d/%d keys found, value sum %llu, %zu bytes in use\n", found, KEYS,
         (unsigned long long)sum, mi.uordblks);
  for (size_t i = 0; i < t.nbuckets; i++)
    while (t.buckets[i])
      erase(&t, t.buckets[i]->key);
  free(t.buckets);
  return found == KEYS ? 0 : -1;
}

/* Blocks at and above the mmap threshold, filled, grown by realloc, checked, freed. */
static int big_blocks(void)
{
  enum { NBIG = 8 };
  unsigned char *big[NBIG];
  size_t size[NBIG];
  for (int i = 0; i < NBIG; i++) {
    size[i] = (128u << 10) + (size_t)i * (96u << 10);
    big[i] = malloc(size[i]);
    if (!big[i])
      return -1;
    memset(big[i], 0x40 + i, size[i]);
  }
  struct mallinfo2 mi = mallinfo2();
  printf("glibc_malloc: %zu mmapped blocks, %zu bytes\n", mi.hblks, mi.hblkhd);
  int intact = 0;
  for (int i = 0; i < NBIG; i++) {
    unsigned char *p = realloc(big[i], size[i] * 2);
    if (!p)
      return -1;
    big[i] = p;
    int ok = p[0] == 0x40 + i && p[size[i] - 1] == 0x40 + i;
    for (size_t j = 0; ok && j < size[i]; j += 4096)
      ok = p[j] == 0x40 + i;
    intact += ok;
  }
  for (int i = 0; i < NBIG; i++)
    free(big[i]);
  mi = mallinfo2();
  printf("glibc_malloc: %d/%d grown blocks kept their bytes; %zu mmapped blocks after free\n", intact, NBIG,
         mi.hblks);
  return intact == NBIG && mi.hblks == 0 ? 0 : -1;
}

static int zeroed(void)
{
  size_t sizes[] = {24, 1000, 4096, 100000, 300000};
  int all_zero = 1;
  for (unsigned k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
    unsigned char *p = calloc(sizes[k], 1);
    if (!p)
      return -1;
    for (size_t j = 0; j < sizes[k]; j++)
      all_zero &= p[j] == 0;
    memset(p, 0xff, sizes[k]);
    free(p);
  }
  printf("glibc_malloc: calloc'd memory reads zero: %s\n", all_zero ? "yes" : "no");
  return all_zero ? 0 : -1;
}

static int pages_hold(const char *p, int first, int n)
{
  for (int i = first; i < first + n; i++)
    if (p[(long)i * 4096] != 'A' + i || p[(long)i * 4096 + 4095] != 'A' + i)
      return 0;
  return 1;
}

static int mremap_calls(void)
{
  const long pg = 4096;
  /* Four pages, a hole of four, then four more (another mapping, in the way of growth). */
  char *r = mmap(NULL, 12 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (r == MAP_FAILED || munmap(r + 4 * pg, 4 * pg))
    return -1;
  for (int i = 0; i < 4; i++)
    memset(r + i * pg, 'A' + i, pg);
  char *p = mremap(r, 4 * pg, 8 * pg, 0);
  for (int i = 4; i < 8 && p == r; i++)
    memset(p + i * pg, 'A' + i, pg);
  int in_place = p == r && pages_hold(p, 0, 8);
  errno = 0;
  int refused = mremap(r, 8 * pg, 10 * pg, 0) == MAP_FAILED && errno == ENOMEM;
  char *moved = mremap(r, 8 * pg, 10 * pg, MREMAP_MAYMOVE);
  int kept = moved != MAP_FAILED && moved != r && pages_hold(moved, 0, 8) && moved[9 * pg] == 0;
  char *shrunk = mremap(moved, 10 * pg, 2 * pg, 0);
  char *regrown = mremap(moved, 2 * pg, 5 * pg, 0);
  int back = shrunk == moved && regrown == moved && pages_hold(moved, 0, 2) && moved[2 * pg] == 0 && moved[4 * pg] == 0;
  errno = 0;
  int efault = mremap(r, pg, 2 * pg, MREMAP_MAYMOVE) == MAP_FAILED && errno == EFAULT;
  errno = 0;
  int einval = mremap(moved + 1, pg, 2 * pg, MREMAP_MAYMOVE) == MAP_FAILED && errno == EINVAL;
  printf("glibc_malloc: mremap: grown in place %s, refused without MREMAP_MAYMOVE %s, moved keeping its pages %s, "
         "shrunk and regrown in place %s, EFAULT %s, EINVAL %s\n",
         in_place ? "yes" : "no", refused ? "yes" : "no", kept ? "yes" : "no", back ? "yes" : "no",
         efault ? "yes" : "no", einval ? "yes" : "no");
  munmap(moved, 5 * pg);
  munmap(r + 8 * pg, 4 * pg);

  /* 4 MiB backed by huge pages (MADV_HUGEPAGE), in the way of growth: moved entry by entry. */
  const long mb = 1L << 20;
  char *h = mmap(NULL, 6 * mb, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (h == MAP_FAILED || munmap(h + 4 * mb, mb) || madvise(h, 4 * mb, MADV_HUGEPAGE))
    return -1;
  for (long off = 0; off < 4 * mb; off += pg)
    h[off] = (char)(off / pg * 7);
  char *hm = mremap(h, 4 * mb, 6 * mb, MREMAP_MAYMOVE);
  int huge_kept = hm != MAP_FAILED && hm != h;
  for (long off = 0; huge_kept && off < 4 * mb; off += pg)
    huge_kept = hm[off] == (char)(off / pg * 7);
  printf("glibc_malloc: mremap of 4 MiB in huge pages: moved keeping its bytes %s\n", huge_kept ? "yes" : "no");
  munmap(hm, 6 * mb);
  munmap(h + 5 * mb, mb);
  return in_place && refused && kept && back && efault && einval && huge_kept ? 0 : -1;
}

int main(void)
{
  int rc = hash_table();
  rc |= big_blocks();
  rc |= zeroed();
  rc |= mremap_calls();
  printf("glibc_malloc: %s\n", rc ? "FAIL" : "PASS");
  return rc ? 1 : 0;
}
