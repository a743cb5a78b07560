/* malloc_trace: one program built twice, against static glibc (riscv64-linux-gnu-gcc -static,
 * as glibc_malloc_trace) and against the memvp user library (as malloc_trace), whose outputs
 * must be identical: the memvp library's malloc is written to behave as glibc's ptmalloc.
 *
 * After every call it describes the allocator's state: the heap size (the break minus the
 * heap's start), where the block went (its offset from the heap's start, or "mmap" and the
 * mapping's size for a chunk of its own mapping), and mallinfo2's arena, hblks, hblkhd,
 * uordblks, fordblks and keepcost.
 *
 * Normalisation, the only one: static glibc's start-up runs before main and leaves the heap
 * in a state of its own: the break not page-aligned (its TLS block, put there with sbrk,
 * ends at page offset 0xb00 on this kernel, so glibc's first sbrk is followed by a second one
 * that page-aligns the heap's end), and three chunks of 48, 336 and 80 bytes in use after the
 * tcache's (the dynamic loader's library search paths, kept for dlopen). The memvp build
 * replays exactly that at the start of main (an sbrk to the same page offset, three mallocs);
 * the glibc build checks that its heap is indeed in that state (its chunks walked through
 * their size words, the tcache's counts all zero), so the replay cannot silently go stale.
 * From then on both start from the same heap and nothing else is adjusted.
 *
 * Sequences: the classic ones (the heap at main is the 132 KiB the start-up's first malloc
 * grew it by; a request the top cannot hold at or above the mmap threshold gets its own
 * mapping; freeing it raises the threshold and the trim threshold; freeing a block makes the
 * heap trim when the top exceeds the trim threshold; a small block above a freed region keeps
 * that region from being given back; malloc_trim). Then the fragmentation experiment: 2000
 * blocks of 1000 bytes freed except the topmost keep the whole heap mapped and resident
 * although no byte of it is in use; freeing the last one trims it (RSS from the kernel's
 * memvp_proc_stat, in pages). Then 10,000 seeded random calls (malloc, calloc, realloc, free,
 * memalign over 256 slots; sizes from 1 byte to 512 KiB) whose per-call lines are summed into
 * one FNV-1a hash printed every 1000 calls (argument "verbose" prints every line; "N SEED"
 * runs N calls from another seed), each block's marked bytes checked before it is freed or
 * resized. At the end, malloc_stats' text. */
#define _GNU_SOURCE
#include <stdio.h> /* first: it tells glibc (__GLIBC__) from picolibc */
#ifdef __GLIBC__
#include <unistd.h>
#include "uapi/memvp.h"
#else
#include "memvp/user.h"
#endif
#include <malloc.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static char *heap0;
static int verbose;
static uint64_t trace_hash = 1469598103934665603ull;

/* Output without stdio streams: glibc's stdout would malloc its buffer on first use. */
static void out(const char *fmt, ...)
{
  char buf[256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (n > (int)sizeof buf - 1)
    n = sizeof buf - 1;
  if (write(1, buf, (size_t)n) != n)
    _exit(3);
}

static void fail(const char *what, long v)
{
  out("malloc_trace: FAIL %s (%ld)\n", what, v);
  _exit(1);
}

static long rss_pages(void)
{
  struct memvp_proc_stat st;
#ifndef __GLIBC__
  if (memvp_proc_stat(0, &st) != 0)
#else
  if (syscall(__NR_memvp_proc_stat, 0, &st) != 0)
#endif
    fail("memvp_proc_stat", 0);
  return (long)st.rss_pages;
}

/* Where p is: its offset in the heap, or its own mapping's size (chunk size). */
static void where(char *buf, size_t len, void *p)
{
  char *brk = sbrk(0);
  if (!p)
    snprintf(buf, len, "null");
  else if ((char *)p >= heap0 && (char *)p < brk)
    snprintf(buf, len, "+0x%lx", (unsigned long)((char *)p - heap0));
  else
    snprintf(buf, len, "mmap:%lu", (unsigned long)(malloc_usable_size(p) + 16));
}

/* One line: the call, where its block is, and the allocator's figures. */
static void state(int print, const char *fmt, ...)
{
  char call[64], line[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(call, sizeof call, fmt, ap);
  va_end(ap);
  struct mallinfo2 mi = mallinfo2();
  snprintf(line, sizeof line, "%-24s heap=%lu arena=%lu hblks=%lu hblkhd=%lu uord=%lu ford=%lu keep=%lu\n", call,
           (unsigned long)((char *)sbrk(0) - heap0), (unsigned long)mi.arena, (unsigned long)mi.hblks,
           (unsigned long)mi.hblkhd, (unsigned long)mi.uordblks, (unsigned long)mi.fordblks,
           (unsigned long)mi.keepcost);
  for (const char *c = line; *c; c++)
    trace_hash = (trace_hash ^ (unsigned char)*c) * 1099511628211ull;
  if (print || verbose)
    out("%s", line);
}

static void *m(size_t n)
{
  void *p = malloc(n);
  char at[48];
  where(at, sizeof at, p);
  state(1, "malloc(%lu)=%s", (unsigned long)n, at);
  return p;
}

static void f(void *p)
{
  char at[48];
  where(at, sizeof at, p);
  free(p);
  state(1, "free(%s)", at);
}

/* The classic sequences of the introductions to glibc's malloc. */
static void classic(void)
{
  out("-- at main the heap is 132 KiB (the start-up's first malloc: the tcache's 656 bytes + 128 KiB\n"
      "-- M_TOP_PAD + 32, rounded up to pages) + 1280 bytes (its end page-aligned)\n");
  out("-- malloc(1): a 32-byte chunk from the top, no growth\n");
  void *a = m(1);
  out("-- 256 KiB: at or above the 128 KiB mmap threshold, more than the top holds: a mapping\n");
  void *b = m(256 * 1024);
  out("-- its free raises the mmap threshold to its size (266240), the trim threshold to twice that\n");
  f(b);
  out("-- so the same request now grows the heap (by 256 KiB + 128 KiB + 32 - the top, in pages)\n");
  void *c = m(256 * 1024);
  out("-- freeing it leaves a top below the raised trim threshold: no trim\n");
  f(c);
  out("-- 1 MiB and 1.5 MiB: above the threshold, mappings; each free raises it further\n");
  f(m(1024 * 1024));
  f(m(1536 * 1024));
  out("-- mallopt: the thresholds fixed at 128 KiB (the dynamic rule off)\n");
  if (mallopt(M_MMAP_THRESHOLD, 128 * 1024) != 1 || mallopt(M_TRIM_THRESHOLD, 128 * 1024) != 1)
    fail("mallopt", 0);
  out("-- two 100 KiB blocks and 100 bytes above them, from the heap; the first freed: the top\n"
      "-- exceeds the trim threshold and the heap shrinks to 128 KiB of top\n");
  void *big = m(100 * 1024);
  void *big2 = m(100 * 1024);
  void *small = m(100);
  f(big);
  out("-- the second freed: merged with the first, but below the 100 bytes: no trim\n");
  f(big2);
  out("-- the 100 bytes freed go to the tcache, still in use for the arena: no trim\n");
  f(small);
  out("-- 600 KiB: mapped; its free leaves the fixed threshold alone\n");
  f(m(600 * 1024));
  out("-- malloc_trim(0): the tcache stays; the top cut to a page, the hole's pages given back\n");
  malloc_trim(0);
  state(1, "malloc_trim(0)");
  f(a);
}

struct slot {
  unsigned char *p;
  size_t n;
  unsigned char tag;
};

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t next_rand(void)
{
  /* xorshift64* */
  rng ^= rng >> 12;
  rng ^= rng << 25;
  rng ^= rng >> 27;
  return rng * 2685821657736338717ull;
}

static size_t random_size(void)
{
  uint64_t r = next_rand() % 1000;
  if (r < 600)
    return 1 + next_rand() % 256;
  if (r < 900)
    return 1 + next_rand() % 4096;
  if (r < 990)
    return 1 + next_rand() % 65536;
  return 65536 + next_rand() % (448 * 1024);
}

/* Three marked bytes per block: the first, the middle and the last. */
static unsigned char mark(unsigned char tag, size_t n, size_t i)
{
  return i == n - 1 ? tag ^ 0xa5 : i == n / 2 ? tag ^ 0x5a : tag;
}

static void fill(struct slot *s)
{
  s->p[0] = mark(s->tag, s->n, 0);
  s->p[s->n / 2] = mark(s->tag, s->n, s->n / 2);
  s->p[s->n - 1] = mark(s->tag, s->n, s->n - 1);
}

/* The marks of s (as filled) below keep bytes of p are intact. */
static void check(const struct slot *s, const unsigned char *p, size_t keep, int i)
{
  size_t at[3] = {0, s->n / 2, s->n - 1};
  for (int k = 0; k < 3; k++)
    if (at[k] < keep && p[at[k]] != mark(s->tag, s->n, at[k]))
      fail("block contents", i);
}

static void random_calls(int count)
{
  static struct slot slots[256];
  out("-- %d seeded random calls\n", count);
  for (int i = 1; i <= count; i++) {
    struct slot *s = &slots[next_rand() % 256];
    int print = i % 1000 == 0;
    char at[48];
    uint64_t op = next_rand() % 100;
    if (!s->p) {
      size_t n = random_size();
      if (op < 10) {
        size_t k = 1 + next_rand() % 16;
        s->p = calloc(k, (n + k - 1) / k);
        n = k * ((n + k - 1) / k);
        for (size_t j = 0; j < n; j += 97)
          if (s->p && s->p[j])
            fail("calloc not zero", i);
        where(at, sizeof at, s->p);
        state(print, "calloc(%lu)=%s", (unsigned long)n, at);
      } else if (op < 15) {
        size_t align = (size_t)32 << (next_rand() % 8);
        s->p = memalign(align, n);
        if (s->p && ((uintptr_t)s->p & (align - 1)))
          fail("memalign alignment", i);
        where(at, sizeof at, s->p);
        state(print, "memalign(%lu,%lu)=%s", (unsigned long)align, (unsigned long)n, at);
      } else {
        s->p = malloc(n);
        where(at, sizeof at, s->p);
        state(print, "malloc(%lu)=%s", (unsigned long)n, at);
      }
      if (!s->p)
        fail("out of memory", i);
      if ((uintptr_t)s->p & 15)
        fail("alignment", i);
      s->n = n;
      s->tag = (unsigned char)next_rand();
      fill(s);
    } else if (op < 60) {
      check(s, s->p, s->n, i);
      where(at, sizeof at, s->p);
      free(s->p);
      s->p = NULL;
      state(print, "free(%s)", at);
    } else {
      size_t n = op < 80 ? random_size() : s->n + next_rand() % 512;
      check(s, s->p, s->n, i);
      unsigned char *q = realloc(s->p, n);
      if (!q)
        fail("realloc", i);
      /* The bytes up to the smaller size survive. */
      check(s, q, n < s->n ? n : s->n, i);
      s->p = q;
      s->n = n;
      fill(s);
      where(at, sizeof at, q);
      state(print, "realloc(%lu)=%s", (unsigned long)n, at);
    }
    if (print)
      out("   after %d calls: trace hash %016llx\n", i, (unsigned long long)trace_hash);
  }
  for (int j = 0; j < 256; j++)
    if (slots[j].p) {
      check(&slots[j], slots[j].p, slots[j].n, j);
      free(slots[j].p);
      slots[j].p = NULL;
    }
  state(1, "all freed");
}

/* Many small blocks freed except the topmost: nothing is in use but the heap cannot shrink,
 * and its pages stay resident; freeing the topmost one lets the whole heap trim. */
static void fragmentation(void)
{
  enum { N = 2000, SIZE = 1000 };
  static void *blocks[N];
  out("-- fragmentation: %d blocks of %d bytes, all freed but the topmost, then that one\n", N, SIZE);
  long rss0 = rss_pages();
  for (int i = 0; i < N; i++) {
    blocks[i] = malloc(SIZE);
    if (!blocks[i])
      fail("malloc", i);
    memset(blocks[i], 0x5a, SIZE);
  }
  long rss1 = rss_pages();
  state(1, "%d blocks", N);
  for (int i = 0; i < N - 1; i++)
    free(blocks[i]);
  long rss2 = rss_pages();
  state(1, "all but the topmost freed");
  free(blocks[N - 1]);
  long rss3 = rss_pages();
  state(1, "the topmost freed");
  out("RSS pages: +%ld for the blocks, -%ld when all but the topmost are freed, -%ld when it is\n",
      rss1 - rss0, rss1 - rss2, rss2 - rss3);
  /* Resident while fragmented, every page of them; after the last free most of them go (those
   * that filled the hole the classic sequence left stay below it). */
  if (rss1 - rss0 < (long)N * SIZE / 4096 || rss1 != rss2 || rss2 - rss3 < (long)N * SIZE / 4096 * 3 / 4)
    fail("fragmentation RSS", rss1 - rss2);
}

/* Static glibc 2.36's heap when main starts on this kernel (see the head of this file). */
#define STARTUP_PAGE_OFFSET 0xb00
static const size_t startup_chunks[] = {656, 48, 336, 80}; /* the tcache's first */
#define NSTARTUP (sizeof startup_chunks / sizeof startup_chunks[0])

/* The chunks from the heap's start to the top, through their size words, must be the
 * start-up chunks, all in use (the tcache, the first, holds no chunk). */
static void check_startup_heap(void)
{
  char *p = heap0, *end = sbrk(0);
  for (unsigned i = 0; i < NSTARTUP; i++) {
    size_t size = ((size_t *)p)[1] & ~(size_t)7;
    if (size != startup_chunks[i] || p + size >= end)
      fail("start-up heap: chunk size", (long)size);
    p += size;
  }
  const uint16_t *counts = (const uint16_t *)(heap0 + 16);
  for (int i = 0; i < 64; i++)
    if (counts[i])
      fail("start-up heap: tcache count", i);
  out("malloc_trace: start-up heap: tcache 656, then chunks of 48, 336 and 80 bytes in use, top %lu\n",
      (unsigned long)(((size_t *)p)[1] & ~(size_t)7));
}

int main(int argc, char **argv)
{
  /* Arguments: "verbose" (every line), or another number of random calls and a seed. */
  int calls = 10000;
  verbose = argc > 1 && strcmp(argv[1], "verbose") == 0;
  if (argc > 1 && !verbose)
    calls = atoi(argv[1]);
  if (argc > 2)
    rng = strtoull(argv[2], NULL, 0);
  struct mallinfo2 mi = mallinfo2();
#ifdef __GLIBC__
  heap0 = (char *)sbrk(0) - mi.arena;
  if (mi.hblks || ((uintptr_t)heap0 & 4095) != STARTUP_PAGE_OFFSET)
    fail("glibc's heap does not start at the expected page offset", (long)((uintptr_t)heap0 & 4095));
#else
  if (mi.arena || mi.hblks)
    fail("heap in use before main", (long)mi.arena);
  char *b = sbrk(0);
  if (sbrk((intptr_t)((STARTUP_PAGE_OFFSET - (uintptr_t)b) & 4095)) == (void *)-1)
    fail("sbrk", 0);
  heap0 = sbrk(0);
  for (unsigned i = 1; i < NSTARTUP; i++)
    if (!malloc(startup_chunks[i] - 8))
      fail("malloc", (long)i);
#endif
  check_startup_heap();
  state(1, "at main");
  classic();
  fragmentation();
  random_calls(calls);
  out("malloc_trace: trace hash %016llx\n", (unsigned long long)trace_hash);
  malloc_stats(); /* glibc's text, on stderr (the console) */
  out("malloc_trace: done\n");
  return 0;
}
