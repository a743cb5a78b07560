/* The arena: where chunks come from and go back to (glibc 2.36 malloc/malloc.c _int_malloc,
 * _int_free, malloc_consolidate, sysmalloc, systrim, for the main arena of one thread).
 * Each step below is taken in glibc's order, since the order decides which chunk a request
 * gets and so every later offset:
 *
 *   malloc: exact fast bin -> exact small bin -> (large request: consolidate the fast bins)
 *           -> the unsorted bin, oldest first: the last remainder split for a small request,
 *              an exact fit returned (or cached while the tcache has room), every other chunk
 *              sorted into its bin -> the request's large bin, best fit -> the next non-empty
 *              larger bin, its smallest chunk split -> the top chunk -> consolidate and retry
 *              -> sysmalloc: mmap at or above the mmap threshold, else grow the heap by brk.
 *   free:   tcache while it has room -> a fast bin (<= 128 bytes) -> coalesce with free
 *           neighbours into the unsorted bin or the top; a result of 64 KiB or more
 *           consolidates the fast bins and trims the top above the trim threshold. */
#include <errno.h>
#include <string.h>

#include "malloc_internal.h"
#include "memvp/user.h"

struct malloc_state __malloc_av;
struct malloc_par __malloc_mp = {
  .trim_threshold = DEFAULT_TRIM_THRESHOLD,
  .top_pad = DEFAULT_TOP_PAD,
  .mmap_threshold = DEFAULT_MMAP_THRESHOLD,
  .n_mmaps_max = DEFAULT_MMAP_MAX,
};
struct tcache *__malloc_tcache;
size_t __malloc_pagesize = 4096;

#define av (&__malloc_av)
#define mp (&__malloc_mp)

__attribute__((noreturn)) void __malloc_printerr(const char *msg)
{
  write(2, msg, strlen(msg));
  write(2, "\n", 1);
  _exit(134);
}

/* glibc's malloc_init_state: every bin an empty circle, the top the unsorted bin's head
 * (a chunk of size 0, so the first request goes to sysmalloc). */
void __malloc_init(void)
{
  /* A bin's own nextsize links are never followed, but unlinking the last chunk of a large
   * bin tests its successor's fd_nextsize for NULL ("not in the list of sizes"): a bin
   * head must not look like such a chunk. */
  for (unsigned i = 1; i < NBINS; i++)
    bin_at(i)->fd = bin_at(i)->bk = bin_at(i)->fd_nextsize = bin_at(i)->bk_nextsize = bin_at(i);
  av->top = bin_at(UNSORTED);
  av->max_fast = DEFAULT_MXFAST;
  unsigned long ps = getauxval(AT_PAGESZ);
  if (ps)
    __malloc_pagesize = ps;
}

static void mark_bin(unsigned i)
{
  av->binmap[i >> BINMAPSHIFT] |= 1u << (i & 31);
}

/* unlink_chunk: takes a free chunk out of its bin; in a large bin it also leaves the list of sizes intact
 * (the next chunk of the same size takes its place there). */
void __malloc_unlink(struct chunk *p)
{
  struct chunk *fd = p->fd, *bk = p->bk;
  if (fd->bk != p || bk->fd != p)
    __malloc_printerr("corrupted double-linked list");
  fd->bk = bk;
  bk->fd = fd;
  if (in_smallbin_range(chunksize(p)) || !p->fd_nextsize)
    return;
  if (!fd->fd_nextsize) {
    if (p->fd_nextsize == p) {
      fd->fd_nextsize = fd->bk_nextsize = fd;
    } else {
      fd->fd_nextsize = p->fd_nextsize;
      fd->bk_nextsize = p->bk_nextsize;
      p->fd_nextsize->bk_nextsize = fd;
      p->bk_nextsize->fd_nextsize = fd;
    }
  } else {
    p->fd_nextsize->bk_nextsize = p->bk_nextsize;
    p->bk_nextsize->fd_nextsize = p->fd_nextsize;
  }
}

/* Puts p (size bytes, free) at the head of the unsorted bin. */
static void unsorted_push(struct chunk *p, size_t size)
{
  struct chunk *bck = bin_at(UNSORTED), *fwd = bck->fd;
  p->fd = fwd;
  p->bk = bck;
  if (!in_smallbin_range(size))
    p->fd_nextsize = p->bk_nextsize = NULL;
  bck->fd = p;
  fwd->bk = p;
  set_head(p, size | PREV_INUSE);
  set_foot(p, size);
}

/* Merges the free chunk p with its free neighbours; the result joins the top chunk or goes
 * to the unsorted bin. Returns the merged size. Shared by free and malloc_consolidate. */
static size_t merge_chunk(struct chunk *p, size_t size)
{
  struct chunk *next = chunk_at(p, size);
  size_t nextsize = chunksize(next);
  if (!prev_inuse(p)) {
    size_t prevsize = p->prev_size;
    p = chunk_at(p, -(ptrdiff_t)prevsize);
    if (chunksize(p) != prevsize)
      __malloc_printerr("corrupted size vs. prev_size while consolidating");
    size += prevsize;
    __malloc_unlink(p);
  }
  if (next != av->top) {
    if (!inuse_at(next, nextsize)) {
      __malloc_unlink(next);
      size += nextsize;
    } else {
      clear_inuse_at(next, 0);
    }
    unsorted_push(p, size);
  } else {
    size += nextsize;
    set_head(p, size | PREV_INUSE);
    av->top = p;
  }
  return size;
}

/* malloc_consolidate: every fast-bin chunk coalesced with its neighbours, smallest fast bin
 * first, each list from its head. */
void __malloc_consolidate(void)
{
  av->have_fastchunks = 0;
  for (unsigned i = 0; i < NFASTBINS; i++) {
    struct chunk *p = av->fastbins[i], *nextp;
    av->fastbins[i] = NULL;
    for (; p; p = nextp) {
      nextp = p->fd;
      merge_chunk(p, chunksize(p));
    }
  }
}

void __tcache_put(struct chunk *p, size_t tc_idx)
{
  struct tcache_entry *e = chunk2mem(p);
  e->key = (uintptr_t)__malloc_tcache;
  e->next = __malloc_tcache->entries[tc_idx];
  __malloc_tcache->entries[tc_idx] = e;
  __malloc_tcache->counts[tc_idx]++;
}

static int tcache_has_room(size_t tc_idx)
{
  return __malloc_tcache && tc_idx < TCACHE_MAX_BINS && __malloc_tcache->counts[tc_idx] < TCACHE_FILL_COUNT;
}

/* _int_free for a chunk of the heap (mmapped chunks are unmapped by free itself). */
void __int_free(struct chunk *p)
{
  size_t size = chunksize(p);
  if ((uintptr_t)p & MALLOC_ALIGN_MASK || size < MINSIZE || (uintptr_t)p > -size)
    __malloc_printerr("free(): invalid pointer");
  size_t tc_idx = csize2tidx(size);
  if (__malloc_tcache && tc_idx < TCACHE_MAX_BINS) {
    struct tcache_entry *e = chunk2mem(p);
    if (e->key == (uintptr_t)__malloc_tcache)
      for (struct tcache_entry *t = __malloc_tcache->entries[tc_idx]; t; t = t->next)
        if (t == e)
          __malloc_printerr("free(): double free detected in tcache 2");
    if (tcache_has_room(tc_idx)) {
      __tcache_put(p, tc_idx);
      return;
    }
  }
  if (size <= av->max_fast) {
    struct chunk **fb = &av->fastbins[fastbin_index(size)];
    if (*fb == p)
      __malloc_printerr("double free or corruption (fasttop)");
    av->have_fastchunks = 1;
    p->fd = *fb;
    *fb = p;
    return;
  }
  if (p == av->top)
    __malloc_printerr("double free or corruption (top)");
  if (!inuse_at(p, size))
    __malloc_printerr("double free or corruption (!prev)");
  size = merge_chunk(p, size);
  if (size >= FASTBIN_CONSOLIDATION_THRESHOLD) {
    if (av->have_fastchunks)
      __malloc_consolidate();
    if (chunksize(av->top) >= mp->trim_threshold)
      __systrim(mp->top_pad);
  }
}

/* The front nb bytes of victim (size bytes, unlinked) go to the caller; a remainder of at
 * least MINSIZE goes to the head of the unsorted bin, else the whole chunk is used. */
static void *split_to_unsorted(struct chunk *victim, size_t size, size_t nb, int remember)
{
  size_t rest = size - nb;
  if (rest < MINSIZE) {
    set_inuse_at(victim, size);
    return chunk2mem(victim);
  }
  struct chunk *r = chunk_at(victim, nb);
  if (remember)
    av->last_remainder = r;
  set_head(victim, nb | PREV_INUSE);
  unsorted_push(r, rest);
  return chunk2mem(victim);
}

/* A chunk taken out of the unsorted bin that does not fit exactly goes to its bin: a small
 * bin at its head; a large bin in decreasing size order, a new size linked into the list of
 * sizes, a size already there after the first chunk of that size. */
static void bin_chunk(struct chunk *victim, size_t size)
{
  unsigned idx = bin_index(size);
  struct chunk *bck = bin_at(idx), *fwd = bck->fd;
  if (!in_smallbin_range(size)) {
    if (fwd == bck) {
      victim->fd_nextsize = victim->bk_nextsize = victim;
    } else if (size < chunksize(bck->bk)) {
      /* Smaller than every chunk in the bin: the new last. */
      fwd = bck;
      bck = bck->bk;
      victim->fd_nextsize = fwd->fd;
      victim->bk_nextsize = fwd->fd->bk_nextsize;
      fwd->fd->bk_nextsize = victim->bk_nextsize->fd_nextsize = victim;
    } else {
      while (size < chunksize(fwd))
        fwd = fwd->fd_nextsize;
      if (size == chunksize(fwd)) {
        fwd = fwd->fd;
      } else {
        victim->fd_nextsize = fwd;
        victim->bk_nextsize = fwd->bk_nextsize;
        fwd->bk_nextsize = victim;
        victim->bk_nextsize->fd_nextsize = victim;
      }
      bck = fwd->bk;
    }
  }
  mark_bin(idx);
  victim->bk = bck;
  victim->fd = fwd;
  fwd->bk = victim;
  bck->fd = victim;
}

static struct tcache_entry *tcache_take(size_t tc_idx)
{
  struct tcache_entry *e = __malloc_tcache->entries[tc_idx];
  __malloc_tcache->entries[tc_idx] = e->next;
  __malloc_tcache->counts[tc_idx]--;
  e->key = 0;
  return e;
}

/* An exact fast-bin fit; the rest of that fast bin moves to the tcache while it has room. */
static void *from_fastbin(size_t nb)
{
  struct chunk **fb = &av->fastbins[fastbin_index(nb)];
  struct chunk *victim = *fb;
  if (!victim)
    return NULL;
  if (chunksize(victim) != nb)
    __malloc_printerr("malloc(): memory corruption (fast)");
  *fb = victim->fd;
  size_t tc_idx = csize2tidx(nb);
  while (tcache_has_room(tc_idx) && *fb) {
    struct chunk *t = *fb;
    *fb = t->fd;
    __tcache_put(t, tc_idx);
  }
  return chunk2mem(victim);
}

/* An exact small-bin fit, its oldest chunk; the rest of the bin moves to the tcache. */
static void *from_smallbin(size_t nb)
{
  struct chunk *bin = bin_at(smallbin_index(nb)), *victim = bin->bk;
  if (victim == bin)
    return NULL;
  if (victim->bk->fd != victim)
    __malloc_printerr("malloc(): smallbin double linked list corrupted");
  set_inuse_at(victim, nb);
  bin->bk = victim->bk;
  victim->bk->fd = bin;
  size_t tc_idx = csize2tidx(nb);
  struct chunk *t;
  while (tcache_has_room(tc_idx) && (t = bin->bk) != bin) {
    set_inuse_at(t, nb);
    bin->bk = t->bk;
    t->bk->fd = bin;
    __tcache_put(t, tc_idx);
  }
  return chunk2mem(victim);
}

/* The request's own large bin: the smallest chunk that fits (the second of its size, so
 * the list of sizes needs no change), split. */
static void *from_largebin(size_t nb)
{
  struct chunk *bin = bin_at(largebin_index(nb)), *victim = bin->fd;
  if (victim == bin || chunksize(victim) < nb)
    return NULL;
  victim = victim->bk_nextsize;
  while (chunksize(victim) < nb)
    victim = victim->bk_nextsize;
  if (victim != bin->bk && chunksize(victim) == chunksize(victim->fd))
    victim = victim->fd;
  size_t size = chunksize(victim);
  __malloc_unlink(victim);
  return split_to_unsorted(victim, size, nb, 0);
}

/* The smallest chunk of the next non-empty bin above idx, by the bin map; clears the bits
 * of bins found empty. */
static void *from_binmap(unsigned idx, size_t nb)
{
  idx++;
  unsigned block = idx >> BINMAPSHIFT, bit = 1u << (idx & 31), map = av->binmap[block];
  for (;;) {
    if (bit > map || bit == 0) {
      do {
        if (++block >= BINMAPSIZE)
          return NULL;
      } while ((map = av->binmap[block]) == 0);
      idx = block << BINMAPSHIFT;
      bit = 1;
    }
    while ((bit & map) == 0) {
      idx++;
      bit <<= 1;
    }
    struct chunk *bin = bin_at(idx), *victim = bin->bk;
    if (victim == bin) {
      av->binmap[block] = map &= ~bit;
      idx++;
      bit <<= 1;
      continue;
    }
    size_t size = chunksize(victim);
    __malloc_unlink(victim);
    return split_to_unsorted(victim, size, nb, in_smallbin_range(nb));
  }
}

/* Empties the unsorted bin, oldest chunk first. Returns a chunk for the request, or NULL
 * with *cached set when exact fits went to the tcache instead (the caller takes one). */
static void *scan_unsorted(size_t nb, int *cached)
{
  size_t tc_idx = csize2tidx(nb);
  int use_tcache = __malloc_tcache && tc_idx < TCACHE_MAX_BINS;
  struct chunk *ub = bin_at(UNSORTED), *victim;
  int iters = 0;
  while ((victim = ub->bk) != ub) {
    struct chunk *bck = victim->bk;
    size_t size = chunksize(victim);
    if (size < MINSIZE || size > av->system_mem || chunk_at(victim, size)->prev_size != size)
      __malloc_printerr("malloc(): invalid size (unsorted)");
    /* A small request from the remainder of the last split, if that is all there is:
     * consecutive small requests are then carved one after the other. */
    if (in_smallbin_range(nb) && bck == ub && victim == av->last_remainder && size > nb + MINSIZE) {
      struct chunk *r = chunk_at(victim, nb);
      ub->bk = ub->fd = r;
      av->last_remainder = r;
      r->fd = r->bk = ub;
      size_t rest = size - nb;
      if (!in_smallbin_range(rest))
        r->fd_nextsize = r->bk_nextsize = NULL;
      set_head(victim, nb | PREV_INUSE);
      set_head(r, rest | PREV_INUSE);
      set_foot(r, rest);
      return chunk2mem(victim);
    }
    ub->bk = bck;
    bck->fd = ub;
    if (size == nb) {
      set_inuse_at(victim, size);
      if (use_tcache && tcache_has_room(tc_idx)) {
        __tcache_put(victim, tc_idx);
        *cached = 1;
        continue;
      }
      return chunk2mem(victim);
    }
    bin_chunk(victim, size);
    if (++iters >= 10000)
      break;
  }
  return NULL;
}

static void *use_top(size_t nb)
{
  struct chunk *victim = av->top;
  size_t size = chunksize(victim);
  if (size < nb + MINSIZE)
    return NULL;
  struct chunk *r = chunk_at(victim, nb);
  av->top = r;
  set_head(victim, nb | PREV_INUSE);
  set_head(r, (size - nb) | PREV_INUSE);
  return chunk2mem(victim);
}

static void *sysmalloc(size_t nb);

void *__int_malloc(size_t bytes)
{
  if (bytes > MAX_REQUEST) {
    errno = ENOMEM;
    return NULL;
  }
  size_t nb = request2size(bytes);
  void *m;
  if (nb <= av->max_fast && (m = from_fastbin(nb)))
    return m;
  if (in_smallbin_range(nb)) {
    if ((m = from_smallbin(nb)))
      return m;
  } else if (av->have_fastchunks) {
    __malloc_consolidate();
  }
  for (;;) {
    int cached = 0;
    if ((m = scan_unsorted(nb, &cached)))
      return m;
    if (cached)
      return tcache_take(csize2tidx(nb));
    if (!in_smallbin_range(nb) && (m = from_largebin(nb)))
      return m;
    if ((m = from_binmap(bin_index(nb), nb)))
      return m;
    if ((m = use_top(nb)))
      return m;
    if (!av->have_fastchunks)
      return sysmalloc(nb);
    __malloc_consolidate();
  }
}

/* A chunk of its own mapping: nb plus the size word, rounded up to pages (no chunk above
 * lends its prev_size word). */
static void *mmap_chunk(size_t nb)
{
  size_t size = ALIGN_UP(nb + SIZE_SZ, __malloc_pagesize);
  if (size <= nb)
    return NULL;
  char *mm = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mm == MAP_FAILED)
    return NULL;
  struct chunk *p = (struct chunk *)mm;
  p->prev_size = 0; /* the offset of the chunk from the mapping's start */
  set_head(p, size | IS_MMAPPED);
  if (++mp->n_mmaps > mp->max_n_mmaps)
    mp->max_n_mmaps = mp->n_mmaps;
  mp->mmapped_mem += size;
  if (mp->mmapped_mem > mp->max_mmapped_mem)
    mp->max_mmapped_mem = mp->mmapped_mem;
  return chunk2mem(p);
}

void __munmap_chunk(struct chunk *p)
{
  size_t off = p->prev_size, total = off + chunksize(p);
  char *block = (char *)p - off;
  if (((uintptr_t)block | total) & (__malloc_pagesize - 1))
    __malloc_printerr("munmap_chunk(): invalid pointer");
  mp->n_mmaps--;
  mp->mmapped_mem -= total;
  munmap(block, total);
}

/* realloc of an mmapped chunk: the mapping resized by mremap (moved if need be). */
struct chunk *__mremap_chunk(struct chunk *p, size_t nb)
{
  size_t off = p->prev_size, size = chunksize(p);
  size_t new_size = ALIGN_UP(nb + off + SIZE_SZ, __malloc_pagesize);
  if (size + off == new_size)
    return p;
  char *cp = mremap((char *)p - off, size + off, new_size, MREMAP_MAYMOVE);
  if (cp == MAP_FAILED)
    return NULL;
  p = (struct chunk *)(cp + off);
  set_head(p, (new_size - off) | IS_MMAPPED);
  mp->mmapped_mem += new_size - size - off;
  if (mp->mmapped_mem > mp->max_mmapped_mem)
    mp->max_mmapped_mem = mp->mmapped_mem;
  return p;
}

/* The heap did not continue where the top ended (first call, another sbrk user, or an
 * mmapped stand-in): the new space starts a new top, aligned, its end rounded to a page by a
 * second sbrk; the old top is closed by two fence posts and freed. */
static void new_top(char *brk, size_t size, char *snd_brk)
{
  struct chunk *old_top = av->top;
  size_t old_size = chunksize(old_top);
  char *aligned = brk;
  size_t correction = 0;
  if (!av->noncontiguous) {
    if (old_size)
      av->system_mem += brk - ((char *)old_top + old_size);
    size_t misalign = (uintptr_t)chunk2mem(brk) & MALLOC_ALIGN_MASK;
    if (misalign) {
      correction = MALLOC_ALIGNMENT - misalign;
      aligned += correction;
    }
    correction += old_size;
    uintptr_t end = (uintptr_t)(brk + size + correction);
    correction += ALIGN_UP(end, __malloc_pagesize) - end;
    snd_brk = sbrk((ptrdiff_t)correction);
    if (snd_brk == (char *)-1) {
      correction = 0;
      snd_brk = sbrk(0);
    }
  } else if (snd_brk == (char *)-1) {
    snd_brk = sbrk(0);
  }
  if (snd_brk == (char *)-1)
    return;
  av->top = (struct chunk *)aligned;
  set_head(av->top, (size_t)(snd_brk - aligned + correction) | PREV_INUSE);
  av->system_mem += correction;
  if (old_size) {
    old_size = (old_size - 2 * CHUNK_HDR_SZ) & ~(size_t)MALLOC_ALIGN_MASK;
    set_head(old_top, old_size | PREV_INUSE);
    set_head(chunk_at(old_top, old_size), CHUNK_HDR_SZ | PREV_INUSE);
    set_head(chunk_at(old_top, old_size + CHUNK_HDR_SZ), CHUNK_HDR_SZ | PREV_INUSE);
    if (old_size >= MINSIZE)
      __int_free(old_top);
  }
}

/* sysmalloc: the top is too small for nb. At or above the mmap threshold (and below
 * M_MMAP_MAX mappings) the chunk gets its own mapping; otherwise the heap grows by
 * nb + top_pad + MINSIZE less what the top already has, rounded up to a page (malloc(1) on
 * a new heap: 32 + 128 KiB + 32 -> 132 KiB); if brk fails, at least 1 MiB is mmapped and the
 * heap continues there. */
static void *sysmalloc(size_t nb)
{
  if (nb >= mp->mmap_threshold && mp->n_mmaps < mp->n_mmaps_max) {
    void *m = mmap_chunk(nb);
    if (m)
      return m;
  }
  struct chunk *old_top = av->top;
  size_t old_size = chunksize(old_top);
  char *old_end = (char *)old_top + old_size;
  size_t size = nb + mp->top_pad + MINSIZE;
  if (!av->noncontiguous)
    size -= old_size;
  size = ALIGN_UP(size, __malloc_pagesize);
  char *brk = (char *)-1, *snd_brk = (char *)-1;
  if ((ptrdiff_t)size > 0)
    brk = sbrk((ptrdiff_t)size);
  if (brk == (char *)-1) {
    if (!av->noncontiguous)
      size = ALIGN_UP(size + old_size, __malloc_pagesize);
    if (size < MMAP_AS_MORECORE_SIZE)
      size = MMAP_AS_MORECORE_SIZE;
    if (size > nb) {
      char *mbrk = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (mbrk != MAP_FAILED) {
        brk = mbrk;
        snd_brk = brk + size;
        av->noncontiguous = 1;
      }
    }
  }
  if (brk != (char *)-1) {
    if (!mp->sbrk_base)
      mp->sbrk_base = brk;
    av->system_mem += size;
    if (brk == old_end && snd_brk == (char *)-1)
      set_head(old_top, (size + old_size) | PREV_INUSE);
    else if (!av->noncontiguous && old_size && brk < old_end)
      __malloc_printerr("break adjusted to free malloc space");
    else
      new_top(brk, size, snd_brk);
  }
  if (av->system_mem > av->max_system_mem)
    av->max_system_mem = av->system_mem;
  void *m = use_top(nb);
  if (!m)
    errno = ENOMEM;
  return m;
}

/* systrim: give back the whole pages of the top above pad (keeping at least MINSIZE), if
 * nobody else moved the break. Returns 1 if the break went down. */
int __systrim(size_t pad)
{
  size_t top_size = chunksize(av->top);
  size_t top_area = top_size - MINSIZE - 1;
  if (top_size < MINSIZE + 1 || top_area <= pad)
    return 0;
  size_t extra = ALIGN_DOWN(top_area - pad, __malloc_pagesize);
  if (extra == 0)
    return 0;
  char *cur = sbrk(0);
  if (cur != (char *)av->top + top_size)
    return 0;
  sbrk(-(ptrdiff_t)extra);
  char *now = sbrk(0);
  if (now == (char *)-1 || now == cur)
    return 0;
  size_t released = (size_t)(cur - now);
  av->system_mem -= released;
  set_head(av->top, (top_size - released) | PREV_INUSE);
  return 1;
}
