/* malloc, free, calloc, realloc and the aligned allocators, as glibc 2.36's public entry
 * points behave for one thread (malloc/malloc.c __libc_malloc and friends): the tcache is
 * consulted first by malloc (never by calloc, realloc or memalign, as in glibc), created on
 * first use as the heap's first chunk (640 bytes of lists, a 656-byte chunk, so a program's
 * first block sits 0x2a0 bytes into the heap), and every free of a heap chunk offers it to
 * the tcache first. The arena below is malloc_arena.c; the layout is malloc_internal.h. */
#include <errno.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include "malloc_internal.h"
#include "memvp/user.h"

#define mp (&__malloc_mp)

static void ptmalloc_init(void)
{
  if (!__malloc_av.top)
    __malloc_init();
}

/* MAYBE_INIT_TCACHE: the first malloc, calloc or free allocates the tcache from the arena. */
static void tcache_init(void)
{
  ptmalloc_init();
  if (__malloc_tcache)
    return;
  struct tcache *t = __int_malloc(sizeof(struct tcache));
  if (t) {
    memset(t, 0, sizeof *t);
    __malloc_tcache = t;
  }
}

void *malloc(size_t bytes)
{
  tcache_init();
  if (bytes > MAX_REQUEST) {
    errno = ENOMEM;
    return NULL;
  }
  size_t tc_idx = csize2tidx(request2size(bytes));
  struct tcache *t = __malloc_tcache;
  if (t && tc_idx < TCACHE_MAX_BINS && t->counts[tc_idx] > 0) {
    struct tcache_entry *e = t->entries[tc_idx];
    t->entries[tc_idx] = e->next;
    t->counts[tc_idx]--;
    e->key = 0;
    return e;
  }
  return __int_malloc(bytes);
}

/* free of an mmapped chunk unmaps it; if it was larger than the mmap threshold (and at
 * most 32 MiB) and the program never set the thresholds, the threshold rises to its size
 * and the trim threshold to twice that: a program that frees such blocks is taken to reuse
 * them, and they are served from the heap from then on. */
void free(void *mem)
{
  if (!mem)
    return;
  struct chunk *p = mem2chunk(mem);
  if (chunk_is_mmapped(p)) {
    if (!mp->no_dyn_threshold && p->size > mp->mmap_threshold && p->size <= DEFAULT_MMAP_THRESHOLD_MAX) {
      mp->mmap_threshold = chunksize(p);
      mp->trim_threshold = 2 * mp->mmap_threshold;
    }
    __munmap_chunk(p);
    return;
  }
  tcache_init();
  __int_free(p);
}

/* calloc: from the arena directly; memory fresh from the break is known to be zero, so
 * only the part of the chunk that was in use before (below the old top's extent) is
 * cleared, and an mmapped chunk not at all. */
void *calloc(size_t n, size_t elem)
{
  size_t bytes;
  if (__builtin_mul_overflow(n, elem, &bytes)) {
    errno = ENOMEM;
    return NULL;
  }
  tcache_init();
  struct chunk *oldtop = __malloc_av.top;
  size_t oldtopsize = chunksize(oldtop);
  if (mp->sbrk_base && !__malloc_av.noncontiguous) {
    size_t fresh = (size_t)(mp->sbrk_base + __malloc_av.max_system_mem - (char *)oldtop);
    if (oldtopsize < fresh)
      oldtopsize = fresh;
  }
  void *mem = __int_malloc(bytes);
  if (!mem)
    return NULL;
  struct chunk *p = mem2chunk(mem);
  if (chunk_is_mmapped(p))
    return mem;
  size_t csz = chunksize(p);
  if (p == oldtop && csz > oldtopsize)
    csz = oldtopsize;
  memset(mem, 0, csz - SIZE_SZ);
  return mem;
}

/* _int_realloc: in place when the chunk is big enough, or can take the top or a free
 * chunk above it; else a new chunk, a copy and a free. What is left over beyond nb is split
 * off and freed. */
static void *int_realloc(struct chunk *oldp, size_t oldsize, size_t nb)
{
  struct chunk *next = chunk_at(oldp, oldsize), *newp = oldp;
  size_t nextsize = chunksize(next), newsize = oldsize;
  if (oldsize < nb) {
    newsize = oldsize + nextsize;
    if (next == __malloc_av.top && newsize >= nb + MINSIZE) {
      set_head_size(oldp, nb);
      __malloc_av.top = chunk_at(oldp, nb);
      set_head(__malloc_av.top, (newsize - nb) | PREV_INUSE);
      return chunk2mem(oldp);
    }
    if (next != __malloc_av.top && !inuse_at(next, nextsize) && newsize >= nb) {
      __malloc_unlink(next);
    } else {
      void *newmem = __int_malloc(nb - MALLOC_ALIGN_MASK);
      if (!newmem)
        return NULL;
      newp = mem2chunk(newmem);
      newsize = chunksize(newp);
      if (newp == next) {
        newsize += oldsize;
        newp = oldp;
      } else {
        memcpy(newmem, chunk2mem(oldp), oldsize - SIZE_SZ);
        __int_free(oldp);
        return newmem;
      }
    }
  }
  size_t rest = newsize - nb;
  if (rest < MINSIZE) {
    set_head_size(newp, newsize);
    set_inuse_at(newp, newsize);
  } else {
    struct chunk *r = chunk_at(newp, nb);
    set_head_size(newp, nb);
    set_head(r, rest | PREV_INUSE);
    set_inuse_at(r, rest);
    __int_free(r);
  }
  return chunk2mem(newp);
}

/* realloc(p, 0) frees p and returns NULL, as glibc does. An mmapped chunk is resized with
 * mremap; if that fails it is kept when big enough, else copied into a new block. */
void *realloc(void *oldmem, size_t bytes)
{
  if (bytes == 0 && oldmem) {
    free(oldmem);
    return NULL;
  }
  if (!oldmem)
    return malloc(bytes);
  struct chunk *oldp = mem2chunk(oldmem);
  size_t oldsize = chunksize(oldp);
  if ((uintptr_t)oldp > -oldsize || ((uintptr_t)oldp & MALLOC_ALIGN_MASK))
    __malloc_printerr("realloc(): invalid pointer");
  if (bytes > MAX_REQUEST) {
    errno = ENOMEM;
    return NULL;
  }
  size_t nb = request2size(bytes);
  if (chunk_is_mmapped(oldp)) {
    struct chunk *newp = __mremap_chunk(oldp, nb);
    if (newp)
      return chunk2mem(newp);
    if (oldsize - SIZE_SZ >= nb)
      return oldmem;
    void *newmem = malloc(bytes);
    if (!newmem)
      return NULL;
    memcpy(newmem, oldmem, oldsize - CHUNK_HDR_SZ);
    __munmap_chunk(oldp);
    return newmem;
  }
  return int_realloc(oldp, oldsize, nb);
}

/* _int_memalign: a chunk of nb + alignment + MINSIZE, the aligned chunk inside it, the
 * leading part (at least MINSIZE) and the trailing part freed. */
static void *int_memalign(size_t alignment, size_t bytes)
{
  if (bytes > MAX_REQUEST) {
    errno = ENOMEM;
    return NULL;
  }
  size_t nb = request2size(bytes);
  char *m = __int_malloc(nb + alignment + MINSIZE);
  if (!m)
    return NULL;
  struct chunk *p = mem2chunk(m);
  if ((uintptr_t)m % alignment) {
    char *brk = (char *)mem2chunk((uintptr_t)(m + alignment - 1) & -(uintptr_t)alignment);
    if ((size_t)(brk - (char *)p) < MINSIZE)
      brk += alignment;
    struct chunk *newp = (struct chunk *)brk;
    size_t lead = (size_t)(brk - (char *)p), newsize = chunksize(p) - lead;
    if (chunk_is_mmapped(p)) {
      newp->prev_size = p->prev_size + lead;
      set_head(newp, newsize | IS_MMAPPED);
      return chunk2mem(newp);
    }
    set_head(newp, newsize | PREV_INUSE);
    set_inuse_at(newp, newsize);
    set_head_size(p, lead);
    __int_free(p);
    p = newp;
  }
  if (!chunk_is_mmapped(p)) {
    size_t size = chunksize(p);
    if (size > nb + MINSIZE) {
      struct chunk *r = chunk_at(p, nb);
      set_head(r, (size - nb) | PREV_INUSE);
      set_head_size(p, nb);
      __int_free(r);
    }
  }
  return chunk2mem(p);
}

/* _mid_memalign: alignments up to 16 are malloc's; others are raised to at least MINSIZE
 * and to a power of two. */
void *memalign(size_t alignment, size_t bytes)
{
  if (alignment <= MALLOC_ALIGNMENT)
    return malloc(bytes);
  ptmalloc_init();
  if (alignment < MINSIZE)
    alignment = MINSIZE;
  if (alignment > SIZE_MAX / 2 + 1) {
    errno = EINVAL;
    return NULL;
  }
  if (alignment & (alignment - 1)) {
    size_t a = MALLOC_ALIGNMENT * 2;
    while (a < alignment)
      a <<= 1;
    alignment = a;
  }
  return int_memalign(alignment, bytes);
}

/* In glibc 2.36 aligned_alloc is memalign itself (no check of the alignment). */
void *aligned_alloc(size_t alignment, size_t bytes)
{
  return memalign(alignment, bytes);
}

int posix_memalign(void **memptr, size_t alignment, size_t bytes)
{
  if (alignment % sizeof(void *) || alignment == 0 || ((alignment / sizeof(void *)) & (alignment / sizeof(void *) - 1)))
    return EINVAL;
  void *mem = memalign(alignment, bytes);
  if (!mem)
    return ENOMEM;
  *memptr = mem;
  return 0;
}

void *valloc(size_t bytes)
{
  ptmalloc_init();
  return memalign(__malloc_pagesize, bytes);
}

void *pvalloc(size_t bytes)
{
  ptmalloc_init();
  size_t rounded;
  if (__builtin_add_overflow(bytes, __malloc_pagesize - 1, &rounded)) {
    errno = ENOMEM;
    return NULL;
  }
  return memalign(__malloc_pagesize, rounded & ~(__malloc_pagesize - 1));
}

/* The bytes the program may use: up to the next chunk's size word (which the prev_size
 * word of an in-use chunk's successor gives up); an mmapped chunk has no successor. */
size_t malloc_usable_size(void *mem)
{
  if (!mem)
    return 0;
  struct chunk *p = mem2chunk(mem);
  if (chunk_is_mmapped(p))
    return chunksize(p) - CHUNK_HDR_SZ;
  if (inuse_at(p, chunksize(p)))
    return chunksize(p) - SIZE_SZ;
  return 0;
}
