/* The allocator's private layout, shared by malloc.c (the public calls and the tcache),
 * malloc_arena.c (bins, splitting, coalescing, the top chunk, brk and mmap) and
 * malloc_info.c (mallopt, mallinfo2, malloc_stats, malloc_trim).
 *
 * The design is glibc's ptmalloc (malloc/malloc.c of glibc 2.36) for one thread and one
 * arena, reproduced so that the same sequence of calls leaves the same chunks at the same
 * offsets, grows and shrinks the break by the same amounts and maps the same blocks:
 *
 *   chunk:  | prev_size | size|flags | payload ...            | (next chunk's prev_size)
 *           ^ chunk     ^ +8         ^ +16: what malloc returns
 *
 * A chunk's size is a multiple of 16 and at least MINSIZE (32). The low bits of the size
 * word carry PREV_INUSE (the chunk below is in use, so prev_size is not valid) and
 * IS_MMAPPED (the chunk is a mapping of its own). An in-use chunk also owns the next
 * chunk's prev_size word, so a request of n bytes needs a chunk of n + 8 rounded up to 16.
 * A free chunk keeps its links in its payload; a free chunk of a large bin also keeps
 * links to the next and previous sizes of its bin. */
#ifndef MEMVP_MALLOC_INTERNAL_H
#define MEMVP_MALLOC_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

struct chunk {
  size_t prev_size;                       /* size of the chunk below, when it is free */
  size_t size;                            /* this chunk's size | flags */
  struct chunk *fd, *bk;                  /* bin links, free chunks only */
  struct chunk *fd_nextsize, *bk_nextsize; /* large bins: the next larger/smaller size */
};

#define SIZE_SZ sizeof(size_t)
#define CHUNK_HDR_SZ (2 * SIZE_SZ)
#define MALLOC_ALIGNMENT 16
#define MALLOC_ALIGN_MASK (MALLOC_ALIGNMENT - 1)
#define MINSIZE 32

#define PREV_INUSE 0x1
#define IS_MMAPPED 0x2
#define SIZE_BITS (PREV_INUSE | IS_MMAPPED | 0x4)

#define chunksize(p) ((p)->size & ~(size_t)SIZE_BITS)
#define chunk_at(p, off) ((struct chunk *)((char *)(p) + (off)))
#define chunk2mem(p) ((void *)((char *)(p) + CHUNK_HDR_SZ))
#define mem2chunk(m) ((struct chunk *)((char *)(m) - CHUNK_HDR_SZ))
#define prev_inuse(p) ((p)->size & PREV_INUSE)
#define chunk_is_mmapped(p) ((p)->size & IS_MMAPPED)
/* A chunk is in use when the chunk above says so. */
#define inuse_at(p, s) (chunk_at(p, s)->size & PREV_INUSE)
#define set_inuse_at(p, s) (chunk_at(p, s)->size |= PREV_INUSE)
#define clear_inuse_at(p, s) (chunk_at(p, s)->size &= ~(size_t)PREV_INUSE)
#define set_head(p, s) ((p)->size = (s))
#define set_head_size(p, s) ((p)->size = ((p)->size & SIZE_BITS) | (s))
#define set_foot(p, s) (chunk_at(p, s)->prev_size = (s))

#define ALIGN_UP(x, a) (((x) + (a) - 1) & ~((size_t)(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((size_t)(a) - 1))

/* Requests above this cannot be represented as a chunk size (glibc: PTRDIFF_MAX). */
#define MAX_REQUEST ((size_t)PTRDIFF_MAX - MINSIZE)

/* The chunk size serving a request: payload plus the size word, at least MINSIZE. */
static inline size_t request2size(size_t req)
{
  if (req + SIZE_SZ + MALLOC_ALIGN_MASK < MINSIZE)
    return MINSIZE;
  return (req + SIZE_SZ + MALLOC_ALIGN_MASK) & ~(size_t)MALLOC_ALIGN_MASK;
}

/* Bins, numbered as glibc numbers them: 1 the unsorted bin, 2..63 the small bins (one
 * size each, 16 apart, below 1024), 64..126 the large bins (size ranges growing by powers
 * of 8: 64, 512, 4096, 32768, 262144 bytes wide). */
#define NBINS 128
#define NSMALLBINS 64
#define UNSORTED 1
#define MIN_LARGE_SIZE (NSMALLBINS * 16)
#define in_smallbin_range(sz) ((sz) < MIN_LARGE_SIZE)
#define smallbin_index(sz) ((unsigned)((sz) >> 4))
static inline unsigned largebin_index(size_t sz)
{
  if ((sz >> 6) <= 48)
    return 48 + (unsigned)(sz >> 6);
  if ((sz >> 9) <= 20)
    return 91 + (unsigned)(sz >> 9);
  if ((sz >> 12) <= 10)
    return 110 + (unsigned)(sz >> 12);
  if ((sz >> 15) <= 4)
    return 119 + (unsigned)(sz >> 15);
  if ((sz >> 18) <= 2)
    return 124 + (unsigned)(sz >> 18);
  return 126;
}
static inline unsigned bin_index(size_t sz)
{
  return in_smallbin_range(sz) ? smallbin_index(sz) : largebin_index(sz);
}

/* One bit per bin that may be non-empty, so a search for a larger chunk skips empty bins. */
#define BINMAPSHIFT 5
#define BINMAPSIZE (NBINS >> BINMAPSHIFT)

/* Fast bins: singly linked LIFO lists of chunks of 32..176 bytes that stay marked in use
 * (not coalesced) until malloc_consolidate; by default only sizes up to 128 are put there. */
#define NFASTBINS 10
#define fastbin_index(sz) ((unsigned)((sz) >> 4) - 2)
#define MAX_FAST_SIZE 160 /* largest request M_MXFAST accepts */
#define DEFAULT_MXFAST 128
/* A free that leaves a chunk of this size consolidates the fast bins and considers trimming. */
#define FASTBIN_CONSOLIDATION_THRESHOLD 65536

/* The per-thread cache: 64 LIFO lists of up to 7 chunks each, chunk sizes 32..1040
 * (requests up to 1032 bytes). The cache itself is a chunk on the heap, the first one. */
#define TCACHE_MAX_BINS 64
#define TCACHE_FILL_COUNT 7
#define csize2tidx(x) (((x) - MINSIZE + MALLOC_ALIGNMENT - 1) / MALLOC_ALIGNMENT)

struct tcache_entry {
  struct tcache_entry *next;
  uintptr_t key; /* marks a chunk as cached, to catch a double free */
};
struct tcache {
  uint16_t counts[TCACHE_MAX_BINS];
  struct tcache_entry *entries[TCACHE_MAX_BINS];
};

/* Tunables, with glibc's defaults (mallopt changes them). */
#define DEFAULT_MMAP_THRESHOLD (128 * 1024)
#define DEFAULT_MMAP_THRESHOLD_MAX (4UL * 1024 * 1024 * sizeof(long))
#define DEFAULT_TRIM_THRESHOLD (128 * 1024)
#define DEFAULT_TOP_PAD (128 * 1024)
#define DEFAULT_MMAP_MAX 65536
/* The size of the mapping used instead of the heap when brk fails. */
#define MMAP_AS_MORECORE_SIZE (1024 * 1024)

struct malloc_state {
  struct chunk *fastbins[NFASTBINS];
  int have_fastchunks;
  struct chunk *top;            /* the topmost free chunk, bordering the break */
  struct chunk *last_remainder; /* the remainder of the last split for a small request */
  struct chunk bins[NBINS];     /* list heads: fd the first (newest), bk the last */
  unsigned binmap[BINMAPSIZE];
  int noncontiguous;            /* the heap continues in an mmapped block (brk failed) */
  size_t system_mem, max_system_mem;
  size_t max_fast;
};

struct malloc_par {
  size_t trim_threshold, top_pad, mmap_threshold;
  int n_mmaps, n_mmaps_max, max_n_mmaps;
  int no_dyn_threshold; /* set by mallopt: the thresholds stay as the program set them */
  size_t mmapped_mem, max_mmapped_mem;
  char *sbrk_base;
  int perturb_byte;
};

extern struct malloc_state __malloc_av;
extern struct malloc_par __malloc_mp;
extern struct tcache *__malloc_tcache;
extern size_t __malloc_pagesize;

void __malloc_init(void);
void *__int_malloc(size_t bytes);
void __int_free(struct chunk *p);
void __malloc_consolidate(void);
void __malloc_unlink(struct chunk *p);
void __munmap_chunk(struct chunk *p);
struct chunk *__mremap_chunk(struct chunk *p, size_t nb);
int __systrim(size_t pad);
void __tcache_put(struct chunk *p, size_t tc_idx);
__attribute__((noreturn)) void __malloc_printerr(const char *msg);

#define bin_at(i) (&__malloc_av.bins[i])
#define top_chunk() (__malloc_av.top)

#endif
